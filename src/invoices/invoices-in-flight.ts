import type { KeyValueStore } from '../core/ports/key-value-store';

/** An invoice about to be sent: written down before the call, dropped once the order's record is saved. */
export interface InvoiceInFlight {
  invoiceId: string;
  dscoOrderId: string;
  covers: string;
  totalAmount: number;
  at: number;
}

const PREFIX = 'inflight.invoices.';
/** Script Properties hold at most 9 KB per value. */
const MAX_CHUNK_CHARS = 6_000;

/**
 * A write-ahead record of invoice calls in Script Properties. If a run dies after DSCO created an
 * invoice but before the order's record reached the sheet, the next run finds the marker, counts the
 * invoice as unconfirmed and looks it up in DSCO before anything is sent again.
 */
export class InvoicesInFlight {
  private chunk = 0;

  constructor(private readonly store: KeyValueStore) {}

  pending(): InvoiceInFlight[] {
    const all = this.store.getAll();
    const out: InvoiceInFlight[] = [];
    for (const key of Object.keys(all)) {
      if (!key.startsWith(PREFIX)) continue;
      try {
        const list = JSON.parse(all[key]) as InvoiceInFlight[];
        if (Array.isArray(list)) out.push(...list);
      } catch {
        // unreadable marker: DSCO still refuses a reused invoice ID
      }
      this.chunk = Math.max(this.chunk, Number(key.slice(PREFIX.length)) + 1 || 0);
    }
    return out;
  }

  write(entries: InvoiceInFlight[]): void {
    let group: InvoiceInFlight[] = [];
    const flush = () => {
      if (group.length) this.store.set(PREFIX + this.chunk++, JSON.stringify(group));
      group = [];
    };
    for (const e of entries) {
      group.push(e);
      if (JSON.stringify(group).length > MAX_CHUNK_CHARS) {
        const last = group.pop() as InvoiceInFlight;
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
