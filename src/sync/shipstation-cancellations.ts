import { fromPacificLocal } from '../core/time/pacific-time';
import { cancelInDsco, markCancelled } from './cancel-orders';
import type { CycleContext } from './cycle-context';
import { isFinished } from './order-record';

const DAY = 86_400_000;
export const SS_CANCEL_OVERLAP_MS = 3_600_000;

/**
 * Step 6: ShipStation → DSCO cancellations. The store's orders cancelled in ShipStation since the
 * watermark that are on the Dashboard get every open line cancelled in DSCO with the configured
 * cancel code. Returns the new watermark (the newest modifyDate seen).
 */
export function applyShipStationCancellations(ctx: CycleContext): number {
  const now = ctx.clock.now();
  const since = ctx.watermarks.get('shipstationCancels') ?? now - ctx.settings.lookbackDays * DAY;
  let newest = since;
  const orders = ctx.shipstation.listOrders({ storeId: ctx.settings.ssStoreId, orderStatus: 'cancelled', modifiedSince: since - SS_CANCEL_OVERLAP_MS });
  for (const order of orders) {
    const modified = fromPacificLocal(String(order.modifyDate ?? ''));
    if (Number.isFinite(modified)) newest = Math.max(newest, Math.min(modified, now));
    const record = ctx.book.get(String(order.orderKey ?? '')) ?? ctx.book.get(String(order.orderNumber ?? ''));
    if (!record || isFinished(record) || record.ssOrderId !== order.orderId) continue;
    if (record.status === 'Error' && record.failedStep !== 'acknowledge') continue;
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      return since;
    }
    record.flow = 'SS → DSCO';
    if (cancelInDsco(ctx, record, ctx.settings.cancelCode, 'Cancelled in ShipStation')) markCancelled(ctx, record, 'SS → DSCO');
  }
  return newest;
}
