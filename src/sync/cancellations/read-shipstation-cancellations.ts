import { fromPacificLocal } from '../../core/time/pacific-time';
import { DAY_MS, HOUR_MS } from '../../core/time/durations';
import type { CycleContext } from '../cycle/cycle-context';
import { setShipStationStatus } from '../orders/order-state';

/** ShipStation's modifyDate is Pacific and coarse: each read goes back this far before the watermark. */
export const SS_CANCEL_OVERLAP_MS = HOUR_MS;

/**
 * The store's orders cancelled in ShipStation since the last read (with overlap): their records
 * note it; carryOutNeeds then cancels their open lines in DSCO. Returns the new watermark.
 */
export function readShipStationCancellations(ctx: CycleContext): number {
  const now = ctx.clock.now();
  const since = ctx.watermarks.get('shipstationCancels') ?? now - ctx.settings.lookbackDays * DAY_MS;
  let newest = since;
  const orders = ctx.shipstation.listOrders({ storeId: ctx.settings.ssStoreId, orderStatus: 'cancelled', modifiedSince: since - SS_CANCEL_OVERLAP_MS });
  for (const order of orders) {
    const modified = fromPacificLocal(String(order.modifyDate ?? ''));
    if (Number.isFinite(modified)) newest = Math.max(newest, Math.min(modified, now));
    const record = ctx.book.get(String(order.orderKey ?? '')) ?? ctx.book.get(String(order.orderNumber ?? ''));
    if (!record || record.ssOrderId !== order.orderId) continue;
    if (record.ssStatus !== 'cancelled') {
      setShipStationStatus(record, 'cancelled', now);
      record.flow = 'SS → DSCO';
    }
  }
  return newest;
}
