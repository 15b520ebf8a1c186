import vm from 'node:vm';
import { isDate } from './sim-exception';

/**
 * Host classes that the bundle sees as Apps Script objects declare a static
 * `simKind` ('Range', 'Sheet', ...). The bridge hands the bundle a Proxy of the
 * host object: every method call goes through `before(kind, method, ...)`
 * (counting, execution-time check, simulated cost), arguments are copied into
 * the host realm and results into the context realm. Host code holding the
 * real object calls it directly, uncounted.
 *
 * Proxy rules: methods are exposed unless their name starts with `_`;
 * non-function properties are exposed only when they start with an upper-case
 * letter (enums such as `ScriptApp.EventType`); everything else is hidden.
 * Properties the bundle sets on a proxy go to `_setVar(name, value)` when the
 * target has it (HtmlTemplate), otherwise to a per-object expando map.
 */
export interface BridgeHooks {
  before(kind: string, method: string, target: object, args: unknown[]): void;
  /** Extension: after the call returned, before its result goes back to the bundle (may throw). */
  after?(kind: string, method: string, target: object, args: unknown[]): void;
}

type AnyFn = (...args: unknown[]) => unknown;

interface ContextMakers {
  array(): unknown[];
  object(): Record<string, unknown>;
  date(ms: number): Date;
  error(message: string, name: string): Error;
}

export function kindOf(v: object): string | undefined {
  const ctor = (v as { constructor?: { simKind?: unknown } }).constructor;
  return typeof ctor?.simKind === 'string' ? ctor.simKind : undefined;
}

export class Bridge {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  private readonly mk: ContextMakers;
  hooks: BridgeHooks = { before: () => undefined };

  constructor(readonly context: vm.Context) {
    this.mk = vm.runInContext(
      `({
        array: function () { return []; },
        object: function () { return {}; },
        date: function (ms) { return new Date(ms); },
        error: function (m, n) {
          var C = n === 'TypeError' ? TypeError : n === 'RangeError' ? RangeError : Error;
          return new C(m);
        }
      })`,
      context,
    ) as ContextMakers;
  }

  /** Host value -> context value (deep copy for data, Proxy for service objects). */
  toContext(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (this.targets.has(v)) return v;
    if (isDate(v)) return this.mk.date(v.getTime());
    if (Array.isArray(v)) {
      const a = this.mk.array();
      for (const x of v) a.push(this.toContext(x));
      return a;
    }
    const kind = kindOf(v);
    if (kind) return this.wrap(v, kind);
    const o = this.mk.object();
    // defineProperty: an own "__proto__" key (JSON.parse makes one) stays a key, as a real deserializer keeps it.
    for (const [k, x] of Object.entries(v)) Object.defineProperty(o, k, { value: this.toContext(x), enumerable: true, writable: true, configurable: true });
    return o;
  }

  /** Context value -> host value (unwraps proxies, deep-copies data). */
  fromContext(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    const target = this.targets.get(v);
    if (target) return target;
    if (isDate(v)) return new Date(v.getTime());
    if (Array.isArray(v)) {
      const a: unknown[] = [];
      for (let i = 0; i < v.length; i++) a.push(this.fromContext(v[i]));
      return a;
    }
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(o, k, { value: this.fromContext((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return o;
  }

  /** Converts anything thrown on the host side to a context-realm Error with the same message. */
  toContextError(e: unknown): unknown {
    if (e instanceof Error) {
      const ce = this.mk.error(e.message, e.name);
      return ce;
    }
    return e; // already a context-realm value (e.g. thrown by template code)
  }

  unwrap<T extends object>(proxy: T): T {
    return (this.targets.get(proxy) as T | undefined) ?? proxy;
  }

  wrap<T extends object>(target: T, kind: string): T {
    const existing = this.proxies.get(target);
    if (existing) return existing as T;
    const methods = new Map<string, AnyFn>();
    const expando = new Map<string, unknown>();
    const bridge = this;
    const rec = target as unknown as Record<string, unknown>;
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (typeof prop === 'symbol') return prop === Symbol.toStringTag ? kind : undefined;
        if (expando.has(prop)) return expando.get(prop);
        if (prop === 'toString' || prop === 'toJSON') return () => kind;
        if (prop === 'then' || prop === 'constructor' || prop.startsWith('_')) return undefined;
        const value = rec[prop];
        if (typeof value === 'function') {
          let fn = methods.get(prop);
          if (!fn) {
            fn = (...args: unknown[]) => bridge.invoke(kind, prop, t, value as AnyFn, args);
            methods.set(prop, fn);
          }
          return fn;
        }
        if (/^[A-Z]/.test(prop)) return bridge.toContext(value);
        return undefined;
      },
      set(t, prop, value) {
        if (typeof prop !== 'string') return false;
        const setter = (t as { _setVar?: (k: string, v: unknown) => void })._setVar;
        if (typeof setter === 'function') setter.call(t, prop, value);
        else expando.set(prop, value);
        return true;
      },
      has(_t, prop) {
        return typeof prop === 'string' && !prop.startsWith('_') && (expando.has(prop) || typeof rec[prop] === 'function');
      },
      ownKeys: () => [...expando.keys()],
      getOwnPropertyDescriptor(_t, prop) {
        if (typeof prop === 'string' && expando.has(prop)) {
          return { value: expando.get(prop), writable: true, enumerable: true, configurable: true };
        }
        return undefined;
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  invoke(kind: string, method: string, target: object, fn: AnyFn, args: unknown[]): unknown {
    try {
      const hostArgs: unknown[] = [];
      for (const a of args) hostArgs.push(this.fromContext(a));
      this.hooks.before(kind, method, target, hostArgs);
      const result = fn.apply(target, hostArgs);
      this.hooks.after?.(kind, method, target, hostArgs);
      return this.toContext(result);
    } catch (e) {
      throw this.toContextError(e);
    }
  }
}
