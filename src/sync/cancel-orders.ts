import { errorMessage, isOrderSpecific } from '../core/errors';
import type { DscoOrder } from '../dsco/dsco-types';
import { CREATE_ORDERS_BATCH } from '../shipstation/shipstation-client';
import type { SsOrder } from '../shipstation/shipstation-types';
import { mapToShipStationOrder } from './map-to-shipstation-order';
import { MappingError } from './mapping-error';
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
  if (ctx.cancelledInShipStation?.has(record.dscoOrderId)) {
    ctx.log.info('DSCO → SS', record.dscoOrderId, `Cancelled in ShipStation (${why}).`);
    return 'cancelled';
  }
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

/**
 * Cancels many ShipStation orders with one createorders call per 100: each is the full order as this
 * integration created it (mapped again from DSCO's data, with its ShipStation orderId), now with
 * orderStatus "cancelled" — V1 has no partial update. Reading every order back first would cost a
 * second call each against ShipStation's 40 a minute. An order ShipStation refuses (shipped or
 * already cancelled orders are locked) or that cannot be mapped is left to cancelInShipStation,
 * which reads it and decides. Returns how many were cancelled here.
 */
export function cancelManyInShipStation(ctx: CycleContext, targets: { record: OrderRecord; order: DscoOrder }[]): number {
  const done = (ctx.cancelledInShipStation ??= new Set());
  const ready: { record: OrderRecord; order: SsOrder }[] = [];
  for (const { record, order } of targets) {
    if (!record.ssOrderId || done.has(record.dscoOrderId)) continue;
    try {
      const mapped = mapToShipStationOrder(order, ctx.settings.ssStoreId, ctx.clock.now());
      ready.push({ record, order: { ...mapped, orderId: record.ssOrderId, orderStatus: 'cancelled' } });
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
    }
  }
  let count = 0;
  for (let i = 0; i < ready.length; i += CREATE_ORDERS_BATCH) {
    if (ctx.budget.expired()) break;
    const batch = ready.slice(i, i + CREATE_ORDERS_BATCH);
    let results;
    try {
      results = ctx.shipstation.createOrders(batch.map((b) => b.order));
    } catch (e) {
      if (!isOrderSpecific(e)) throw e;
      continue; // refused as a whole: each order goes the one-by-one way
    }
    batch.forEach(({ record }, j) => {
      if (results[j]?.success) {
        done.add(record.dscoOrderId);
        count++;
      }
    });
  }
  return count;
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
