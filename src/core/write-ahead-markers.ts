import type { KeyValueStore } from './ports/key-value-store';

/** Script Properties hold at most 9 KB per value: keep each chunk well below. */
const MAX_CHUNK_CHARS = 6_000;

/**
 * A write-ahead list of calls about to be made, in Script Properties under `prefix` + a chunk
 * number (no Sheets call per item). A run that dies after the other side took a call but before
 * the sheet recorded it leaves the markers behind; the next run finds them and checks before
 * sending anything again. An unreadable chunk is skipped: the receiving API's own duplicate checks
 * remain.
 */
export class WriteAheadMarkers<T> {
  private chunk = 0;

  constructor(
    private readonly store: KeyValueStore,
    private readonly prefix: string,
  ) {}

  pending(): T[] {
    const all = this.store.getAll();
    const out: T[] = [];
    for (const key of Object.keys(all)) {
      if (!key.startsWith(this.prefix)) continue;
      try {
        const list = JSON.parse(all[key]) as T[];
        if (Array.isArray(list)) out.push(...list);
      } catch {
        // unreadable marker: skipped (see the class comment)
      }
      this.chunk = Math.max(this.chunk, Number(key.slice(this.prefix.length)) + 1 || 0);
    }
    return out;
  }

  /** Records the markers for a group of calls about to be made. */
  write(entries: T[]): void {
    let group: T[] = [];
    const flush = () => {
      if (group.length) this.store.set(this.prefix + this.chunk++, JSON.stringify(group));
      group = [];
    };
    for (const e of entries) {
      group.push(e);
      if (JSON.stringify(group).length > MAX_CHUNK_CHARS) {
        const last = group.pop() as T;
        flush();
        group = [last];
      }
    }
    flush();
  }

  clear(): void {
    for (const key of Object.keys(this.store.getAll())) if (key.startsWith(this.prefix)) this.store.delete(key);
    this.chunk = 0;
  }
}
