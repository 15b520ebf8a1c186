import { WriteAheadMarkers } from '../core/write-ahead-markers';
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

/**
 * A write-ahead record of invoice calls in Script Properties. If a run dies after DSCO created an
 * invoice but before the order's record reached the sheet, the next run finds the marker, counts the
 * invoice as unconfirmed and looks it up in DSCO before anything is sent again.
 */
export class InvoicesInFlight extends WriteAheadMarkers<InvoiceInFlight> {
  constructor(store: KeyValueStore) {
    super(store, PREFIX);
  }
}
