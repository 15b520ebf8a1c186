import { WriteAheadMarkers } from '../../core/write-ahead-markers';
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

/**
 * A write-ahead record of DSCO shipment calls, in Script Properties (no Sheets call per shipment).
 * If a run dies after DSCO took a shipment but before the ledger reached the sheet, the next run
 * finds the marker and checks DSCO instead of sending the shipment a second time.
 */
export class InflightShipments extends WriteAheadMarkers<InflightShipment> {
  constructor(store: KeyValueStore) {
    super(store, PREFIX);
  }
}
