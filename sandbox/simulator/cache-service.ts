import type { SimClock } from '../clock';
import { exception, utf8Bytes } from './sim-exception';

export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_MAX_TTL_SECONDS = 21600;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_ITEMS = 1000;

/** A cache whose entries expire by the simulated clock. At most 1000 items (oldest evicted). */
export class SimCache {
  static readonly simKind = 'CacheService';
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  constructor(private readonly clock: SimClock) {}

  private _key(key: unknown): string {
    const k = String(key);
    if (k.length > CACHE_KEY_MAX_CHARS) throw exception('Argument too large: key');
    return k;
  }

  private _live(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  get(key: string): string | null { return this._live(this._key(key)); }

  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this._live(this._key(key));
      if (v !== null) out[key] = v;
    }
    return out;
  }

  put(key: string, value: unknown, expirationInSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    const k = this._key(key);
    const v = String(value);
    if (utf8Bytes(v) > CACHE_VALUE_MAX_BYTES) throw exception('Argument too large: value');
    const ttl = Math.min(Math.max(1, Number(expirationInSeconds) || CACHE_DEFAULT_TTL_SECONDS), CACHE_MAX_TTL_SECONDS);
    this.entries.delete(k);
    this.entries.set(k, { value: v, expiresAt: this.clock.now() + ttl * 1000 });
    while (this.entries.size > CACHE_MAX_ITEMS) this.entries.delete(this.entries.keys().next().value as string);
  }

  putAll(values: Record<string, unknown>, expirationInSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }

  remove(key: string): void { this.entries.delete(this._key(key)); }
  removeAll(keys: string[]): void { for (const k of keys) this.remove(k); }
  /** Host-only (sim.makeCopy): a copied script starts with an empty cache. */
  _clear(): void { this.entries.clear(); }
}

export class SimCacheService {
  static readonly simKind = 'CacheService';
  constructor(readonly caches: { script: SimCache; user: SimCache; document: SimCache }) {}
  getScriptCache(): SimCache { return this.caches.script; }
  getUserCache(): SimCache { return this.caches.user; }
  getDocumentCache(): SimCache { return this.caches.document; }
}
