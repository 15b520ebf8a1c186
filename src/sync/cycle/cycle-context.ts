import type { Clock } from '../../core/ports/clock';
import type { KeyValueStore } from '../../core/ports/key-value-store';
import type { TimeBudget } from '../../core/time/time-budget';
import type { DscoClient } from '../../dsco/dsco-client';
import type { DscoOrder } from '../../dsco/dsco-types';
import type { Settings } from '../../settings/settings';
import type { ShipStationPort } from '../../shipstation/shipstation-port';
import type { ActivityLog } from './activity-log';
import type { CarrierMap } from '../tracking/carrier-map';
import type { OrderBook } from '../book/order-book';
import type { FailedStep, Flow, OrderRecord } from '../orders/order-record';
import { flag } from '../orders/order-state';
import type { ShipmentCandidate } from '../tracking/shipment-candidates';
import type { Watermarks } from './watermarks';
import type { RetailerRules } from '../../retailers/retailer-rules';

export interface CycleSummary {
  pulled: number;
  created: number;
  acknowledged: number;
  shipped: number;
  cancelled: number;
  errors: number;
  /** Work left for the next cycle because the time budget ran out. */
  deferred: boolean;
  /** Invoices DSCO created this cycle (when invoicing is on). */
  invoiced?: number;
  /** Inventory rows sent to DSCO this cycle (when inventory is on). */
  inventorySent?: number;
}

/** What every phase of a cycle works with. */
export interface CycleContext {
  clock: Clock;
  budget: TimeBudget;
  settings: Settings & { ssStoreId: number };
  dsco: DscoClient;
  shipstation: ShipStationPort;
  book: OrderBook;
  log: ActivityLog;
  carrierMap: CarrierMap;
  /** The Retailers tab, read once a run; a step adds rows for new retailers. */
  retailers: RetailerRules;
  watermarks: Watermarks;
  store: KeyValueStore;
  summary: CycleSummary;
  /** DSCO orders of this cycle's pull that are still lifecycle `created`, by DSCO order ID. */
  createdInDsco: Map<string, DscoOrder>;
  /** DSCO's view of orders read this cycle (updates, sweep) whose address changed, by DSCO order ID: for the address correction. */
  latestDsco: Map<string, DscoOrder>;
  /**
   * Orders created in ShipStation this cycle, by DSCO order ID: acknowledged right after. IDs, not
   * records: a step takes the records it changes from the book itself (see OrderBook.checkpoint).
   */
  justCreated: string[];
  /** Shipments the reconciliation sweep found by order: pushTracking takes them with its own. */
  sweptShipments: ShipmentCandidate[];
  /** retryFailed(): Error rows get their failed step redone. */
  retrying: boolean;
  /** Redacts the run's secrets from a text (the secret forms are computed once per run). */
  redact(text: string): string;
}

/**
 * Flags the order for a person at a step (Error row), logs the message once, and counts it. The
 * message often quotes an API's answer, which may echo credentials: it goes to the Dashboard and
 * the _Orders tab, so it is redacted like a log line. The flow is the direction of the step that
 * failed (never the record's last flow, which belongs to whatever happened before), so each caller names it.
 */
export function markError(ctx: CycleContext, record: OrderRecord, step: FailedStep, text: string, flow: Flow): void {
  const message = ctx.redact(text);
  if (flag(record, step, message, flow, ctx.clock.now())) {
    ctx.summary.errors++;
    ctx.log.error(flow, record.dscoOrderId, message);
  }
}

export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
