import { exception, utf8Bytes } from './sim-exception';

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

/** One property store. Values are strings; limits: 9 KB per value, 500 KB per store (keys + values). */
export class SimProperties {
  static readonly simKind = 'PropertiesService';
  private readonly map = new Map<string, string>();

  private _checkValue(value: string): void {
    if (utf8Bytes(value) > PROPERTY_VALUE_MAX_BYTES) throw exception('Argument too large: value');
  }

  private _checkStore(next: Map<string, string>): void {
    let total = 0;
    for (const [k, v] of next) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > PROPERTY_STORE_MAX_BYTES) {
      throw exception('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  }

  private _commit(next: Map<string, string>): void {
    this._checkStore(next);
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
  }

  /** Bytes used (keys + values), for tests. */
  _bytes(): number {
    let total = 0;
    for (const [k, v] of this.map) total += utf8Bytes(k) + utf8Bytes(v);
    return total;
  }

  getProperty(key: string): string | null { return this.map.get(String(key)) ?? null; }

  setProperty(key: string, value: unknown): this {
    const v = String(value);
    this._checkValue(v);
    const next = new Map(this.map);
    next.set(String(key), v);
    this._commit(next);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.map);
    for (const [k, value] of Object.entries(properties)) {
      const v = String(value);
      this._checkValue(v);
      next.set(k, v);
    }
    this._commit(next);
    return this;
  }

  getProperties(): Record<string, string> { return Object.fromEntries(this.map); }
  getKeys(): string[] { return [...this.map.keys()]; }
  deleteProperty(key: string): this { this.map.delete(String(key)); return this; }
  deleteAllProperties(): this { this.map.clear(); return this; }
}

/** PropertiesService: script, user and document stores. */
export class SimPropertiesService {
  static readonly simKind = 'PropertiesService';
  constructor(readonly stores: { script: SimProperties; user: SimProperties; document: SimProperties }) {}
  getScriptProperties(): SimProperties { return this.stores.script; }
  getUserProperties(): SimProperties { return this.stores.user; }
  getDocumentProperties(): SimProperties { return this.stores.document; }
}
