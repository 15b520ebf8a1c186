/** The role "small durable key/value store". PropertiesService in Apps Script (9 KB per value). */
export interface KeyValueStore {
  get(key: string): string | null;
  getAll(): Record<string, string>;
  set(key: string, value: string): void;
  setAll(values: Record<string, string>): void;
  delete(key: string): void;
}
