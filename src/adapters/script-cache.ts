import type { Cache } from '../core/ports/cache';

/** Cache over CacheService's script cache (6 hours at most). */
export class ScriptCache implements Cache {
  private readonly cache = CacheService.getScriptCache();

  get(key: string): string | null {
    return this.cache.get(key);
  }

  put(key: string, value: string, ttlSeconds: number): void {
    this.cache.put(key, value, Math.max(1, Math.min(21_600, Math.floor(ttlSeconds))));
  }

  remove(key: string): void {
    this.cache.remove(key);
  }
}
