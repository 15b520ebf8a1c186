import { errorMessage, isOrderSpecific } from '../../core/errors';
import { CREATE_ORDERS_BATCH } from '../../shipstation/shipstation-client';
import type { SsOrder } from '../../shipstation/shipstation-types';
import { type CycleContext, markError } from '../cycle/cycle-context';
import { markCreated, needsCreate, shipToHash } from './order-state';
import { mapToShipStationOrder } from './map-to-shipstation-order';
import { MappingError } from './mapping-error';
import type { OrderRecord } from './order-record';

/** Records whose next step is creation in ShipStation: a refused one waits for Retry failed orders. */
function toCreate(ctx: CycleContext): OrderRecord[] {
  return ctx.book.select((r) => needsCreate(r) && (r.failedStep !== 'create' || ctx.retrying) && r.failedStep !== 'attention');
}

/**
 * Step 2: create each Received order in the configured ShipStation store with createorders, up to
 * 100 per call. orderKey = orderNumber = DSCO order ID, so re-sending an order after an interrupted
 * run updates the same ShipStation order instead of creating a second one. A per-order failure
 * becomes that order's Error; the rest go on.
 */
export function createInShipStation(ctx: CycleContext): OrderRecord[] {
  const created: OrderRecord[] = [];
  const ready: { record: OrderRecord; order: SsOrder }[] = [];
  for (const record of toCreate(ctx)) {
    const dscoOrder = ctx.createdInDsco.get(record.dscoOrderId);
    if (!dscoOrder) {
      if (record.failedStep === 'create') {
        ctx.log.warn('DSCO → SS', record.dscoOrderId, 'Not retried: DSCO no longer lists this order as waiting for the supplier (it may have been cancelled or acknowledged elsewhere).');
      }
      continue;
    }
    try {
      ready.push({ record, order: mapToShipStationOrder(dscoOrder, ctx.settings.ssStoreId, ctx.clock.now()) });
      // The address going to ShipStation now is the current one.
      record.shipToHash = shipToHash(dscoOrder);
      delete record.addressChanged;
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      markError(ctx, record, 'create', e.message, 'DSCO → SS');
    }
  }
  const accept = (record: OrderRecord, orderId: number, orderNumber: string, status?: string) => {
    markCreated(record, orderId, orderNumber, status, ctx.clock.now());
    ctx.summary.created++;
    created.push(record);
    const where = `order ${record.ssOrderNumber} (ShipStation ID ${record.ssOrderId})`;
    ctx.log.info(
      'DSCO → SS',
      record.dscoOrderId,
      status ? `Already in ShipStation as ${where}, ${status}: an earlier sync created it; kept as it is.` : `Created in ShipStation as ${where}, Awaiting Shipment.`,
    );
  };

  /**
   * ShipStation refused an order it already has under this orderKey (an earlier run created it and
   * stopped before saving, then someone shipped or cancelled it): that order is this one. Anything
   * else stays an Error row.
   */
  const adopt = (record: OrderRecord, orderId: number | null | undefined): boolean => {
    if (!orderId) return false;
    const existing = ctx.shipstation.getOrder(orderId);
    if (!existing || existing.orderKey !== record.dscoOrderId || existing.advancedOptions?.storeId !== ctx.settings.ssStoreId) return false;
    accept(record, existing.orderId ?? orderId, existing.orderNumber, existing.orderStatus);
    return true;
  };

  /**
   * One createorders call. ShipStation refuses a whole request when one order in it fails model
   * validation (400): the batch is then halved until the refused order stands alone, so one bad
   * order never holds back the others.
   */
  const send = (batch: { record: OrderRecord; order: SsOrder }[]): void => {
    let results;
    try {
      results = ctx.shipstation.createOrders(batch.map((b) => b.order));
    } catch (e) {
      // An outage or a rate limit is not the orders' fault: they stay Received for the next sync.
      if (!isOrderSpecific(e)) throw e;
      if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        send(batch.slice(0, half));
        send(batch.slice(half));
        return;
      }
      markError(ctx, batch[0].record, 'create', `ShipStation did not take the order: ${errorMessage(e)}`, 'DSCO → SS');
      return;
    }
    batch.forEach(({ record }, j) => {
      const result = results[j];
      if (result.success && result.orderId) accept(record, result.orderId, result.orderNumber);
      else if (!adopt(record, result.orderId)) {
        markError(ctx, record, 'create', `ShipStation refused the order: ${result.errorMessage || 'no reason given'}. Fix the cause, then use Retry failed orders.`, 'DSCO → SS');
      }
    });
  };

  for (let i = 0; i < ready.length; i += CREATE_ORDERS_BATCH) {
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      ctx.log.warn('DSCO → SS', '', `Time is up for this run: ${ready.length - i} order(s) will be created in ShipStation by the next sync.`);
      break;
    }
    send(ready.slice(i, i + CREATE_ORDERS_BATCH));
  }
  return created;
}
