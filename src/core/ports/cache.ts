/** The role "short-lived cache". CacheService in Apps Script (100 KB per value, 6 h at most). */
export interface Cache {
  get(key: string): string | null;
  put(key: string, value: string, ttlSeconds: number): void;
  remove(key: string): void;
}
