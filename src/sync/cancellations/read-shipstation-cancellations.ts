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
    const seen = ctx.book.peek(String(order.orderKey ?? '')) ?? ctx.book.peek(String(order.orderNumber ?? ''));
    // The overlap re-reads cancellations already noted: the record is not touched for those.
    if (!seen || seen.ssOrderId !== order.orderId || seen.ssStatus === 'cancelled') continue;
    const record = ctx.book.get(seen.dscoOrderId)!;
    {
      setShipStationStatus(record, 'cancelled', now);
      record.flow = 'SS → DSCO';
    }
  }
  return newest;
}
