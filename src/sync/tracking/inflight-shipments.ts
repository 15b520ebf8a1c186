import type { KeyValueStore } from '../../core/ports/key-value-store';

/** A shipment about to be sent to DSCO: written down before the call, removed once the ledger is saved. */
export interface InflightShipment {
  key: string;
  dscoOrderId: string;
  tracking: string;
  at: number;
  /** [lineNumber, quantity] pairs being shipped. */
  lines: [number, number][];
}

const PREFIX = 'inflight.shipments.';
/** Script Properties hold at most 9 KB per value: keep each chunk well below. */
const MAX_CHUNK_CHARS = 6_000;

/**
 * A write-ahead record of DSCO shipment calls, in Script Properties (no Sheets call per shipment).
 * If a run dies after DSCO took a shipment but before the ledger reached the sheet, the next run
 * finds the marker and checks DSCO instead of sending the shipment a second time.
 */
export class InflightShipments {
  private chunk = 0;

  constructor(private readonly store: KeyValueStore) {}

  pending(): InflightShipment[] {
    const all = this.store.getAll();
    const out: InflightShipment[] = [];
    for (const key of Object.keys(all)) {
      if (!key.startsWith(PREFIX)) continue;
      try {
        const list = JSON.parse(all[key]) as InflightShipment[];
        if (Array.isArray(list)) out.push(...list);
      } catch {
        // unreadable marker: ignore it; the ledger and DSCO's own validation remain
      }
      this.chunk = Math.max(this.chunk, Number(key.slice(PREFIX.length)) + 1 || 0);
    }
    return out;
  }

  /** Records the markers for a group of shipments about to be sent. */
  write(entries: InflightShipment[]): void {
    let group: InflightShipment[] = [];
    const flush = () => {
      if (group.length) this.store.set(PREFIX + this.chunk++, JSON.stringify(group));
      group = [];
    };
    for (const e of entries) {
      group.push(e);
      if (JSON.stringify(group).length > MAX_CHUNK_CHARS) {
        const last = group.pop() as InflightShipment;
        flush();
        group = [last];
      }
    }
    flush();
  }

  clear(): void {
    for (const key of Object.keys(this.store.getAll())) if (key.startsWith(PREFIX)) this.store.delete(key);
    this.chunk = 0;
  }
}
