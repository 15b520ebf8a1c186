import type { Clock } from '../core/ports/clock';
import { redact } from '../core/redact';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { TimeBudget } from '../core/time/time-budget';
import type { DscoClient } from '../dsco/dsco-client';
import type { DscoOrder } from '../dsco/dsco-types';
import { SECRET_FIELDS, type Settings } from '../settings/settings';
import type { ShipStationClient } from '../shipstation/shipstation-client';
import type { ActivityLog } from './activity-log';
import type { CarrierMap } from './carrier-map';
import type { OrderBook } from './order-book';
import type { FailedStep, OrderRecord, OrderStatus } from './order-record';
import type { Watermarks } from './watermarks';

export interface CycleSummary {
  pulled: number;
  created: number;
  acknowledged: number;
  shipped: number;
  cancelled: number;
  errors: number;
  /** Work left for the next cycle because the time budget ran out. */
  deferred: boolean;
}

/** What every phase of a cycle works with. */
export interface CycleContext {
  clock: Clock;
  budget: TimeBudget;
  settings: Settings & { ssStoreId: number };
  dsco: DscoClient;
  shipstation: ShipStationClient;
  book: OrderBook;
  log: ActivityLog;
  carrierMap: CarrierMap;
  watermarks: Watermarks;
  store: KeyValueStore;
  summary: CycleSummary;
  /** DSCO orders of this cycle's pull that are still lifecycle `created`, by DSCO order ID. */
  createdInDsco: Map<string, DscoOrder>;
  /** DSCO order IDs whose ShipStation order this cycle cancelled in bulk (no need to read it back). */
  cancelledInShipStation?: Set<string>;
  /** retryFailed(): Error rows get their failed step redone. */
  retrying: boolean;
}

export function setStatus(ctx: CycleContext, record: OrderRecord, status: OrderStatus): void {
  record.status = status;
  record.updatedAt = ctx.clock.now();
  if (status !== 'Error') {
    delete record.error;
    delete record.failedStep;
  }
}

export function markError(ctx: CycleContext, record: OrderRecord, step: FailedStep, text: string): void {
  // The message often quotes an API's answer, which may echo credentials: it goes to the Dashboard
  // and the _Orders tab, so it is redacted like a log line.
  const message = redact(text, SECRET_FIELDS.map((f) => ctx.settings[f]));
  const wasError = record.status === 'Error' && record.error === message;
  record.status = 'Error';
  record.failedStep = step;
  record.error = message;
  record.updatedAt = ctx.clock.now();
  if (!wasError) ctx.summary.errors++;
  ctx.log.error(record.flow, record.dscoOrderId, message);
}

export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
