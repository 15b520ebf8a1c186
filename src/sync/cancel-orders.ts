import { errorMessage, isOrderSpecific } from '../core/errors';
import type { DscoCancelLine } from '../dsco/dsco-types';
import { SUPPLIER_CANCEL_CODES } from '../settings/settings';
import { type CycleContext, markError, setStatus } from './cycle-context';
import { openQuantity, type OrderRecord } from './order-record';

export type CancelOutcome = 'cancelled' | 'already-shipped' | 'failed';

/**
 * Cancels the order in ShipStation. V1 has no partial update, so the whole order is read and sent
 * back with orderStatus "cancelled" (an upsert by orderKey). A shipped order cannot change.
 */
export function cancelInShipStation(ctx: CycleContext, record: OrderRecord, why: string): CancelOutcome {
  if (!record.ssOrderId) return 'cancelled';
  try {
    const order = ctx.shipstation.getOrder(record.ssOrderId);
    if (!order || order.orderStatus === 'cancelled') return 'cancelled';
    if (order.orderStatus === 'shipped') return 'already-shipped';
    try {
      ctx.shipstation.createOrder({ ...order, orderStatus: 'cancelled' });
    } catch (e) {
      // A retry after a lost answer (a gateway timeout once ShipStation had cancelled it) is refused
      // because a cancelled order cannot change: look again before calling it a failure.
      if (!isOrderSpecific(e)) throw e;
      const now = ctx.shipstation.getOrder(record.ssOrderId);
      if (now?.orderStatus === 'shipped') return 'already-shipped';
      if (now?.orderStatus !== 'cancelled') throw e;
    }
    ctx.log.info('DSCO → SS', record.dscoOrderId, `Cancelled in ShipStation (${why}).`);
    return 'cancelled';
  } catch (e) {
    if (!isOrderSpecific(e)) throw e;
    markError(ctx, record, 'cancel-in-shipstation', `Could not cancel the ShipStation order (${why}): ${errorMessage(e)} Cancel it in ShipStation by hand, or use Retry failed orders.`);
    return 'failed';
  }
}

/** Cancels every open line in DSCO with a supplier cancel code. */
export function cancelInDsco(ctx: CycleContext, record: OrderRecord, code: string, reason: string): boolean {
  const lines: DscoCancelLine[] = record.lines
    .filter((l) => openQuantity(l) > 0)
    .map((l) => ({
      lineNumber: l.lineNumber,
      sku: l.sku || undefined,
      dscoItemId: l.dscoItemId || undefined,
      cancelledQuantity: openQuantity(l),
      cancelCode: code,
      cancelledReason: reason,
    }));
  if (!lines.length) return true;
  try {
    ctx.dsco.cancelItems({ id: record.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: lines });
    for (const l of record.lines) l.cancelled += openQuantity(l);
    ctx.log.info(record.flow, record.dscoOrderId, `Cancelled in DSCO with code ${code} (${SUPPLIER_CANCEL_CODES[code] ?? code}): ${lines.map((l) => `line ${l.lineNumber} × ${l.cancelledQuantity}`).join(', ')}.`);
    return true;
  } catch (e) {
    if (!isOrderSpecific(e)) throw e;
    markError(ctx, record, 'cancel-in-dsco', `Could not cancel the order in DSCO with code ${code}: ${errorMessage(e)} Cancel it in DSCO by hand, or use Retry failed orders.`);
    return false;
  }
}

export function markCancelled(ctx: CycleContext, record: OrderRecord, flow: OrderRecord['flow']): void {
  record.flow = flow;
  setStatus(ctx, record, 'Cancelled');
  ctx.summary.cancelled++;
}
