import { MappingError } from './mapping-error';
import { type CycleContext, isoSeconds, markError } from '../cycle/cycle-context';
import type { DscoOrder } from '../../dsco/dsco-types';
import type { OrderRecord } from './order-record';
import { absorbDscoOrder, cancelRequestCode, deadlinesOf, linesOf, refresh, shipToHash, unitsOf } from './order-state';
import { tradingPartnerOf } from './trading-partner';
import { DAY_MS } from '../../core/time/durations';
import { UNTIL_LAG_MS } from '../../dsco/dsco-consistency';

/**
 * An order's record is kept as JSON in one cell of the _Orders tab (at most 50,000 characters);
 * this leaves room for the tracking numbers and acknowledgement details added later. About 400 lines.
 */
export const RECORD_LIMIT = 40_000;

function newRecord(order: DscoOrder, now: number): OrderRecord {
  const record: OrderRecord = {
    dscoOrderId: String(order.dscoOrderId),
    poNumber: String(order.poNumber ?? ''),
    retailer: String(order.dscoTradingPartnerName ?? order.dscoTradingPartnerId ?? ''),
    status: 'Received',
    flow: 'DSCO → SS',
    lines: linesOf(order),
    tracking: [],
    receivedAt: now,
    updatedAt: now,
    shipToHash: shipToHash(order),
  };
  const partner = tradingPartnerOf(order);
  if (partner) record.tradingPartner = partner;
  const deadlines = deadlinesOf(order);
  if (deadlines) record.deadlines = deadlines;
  if (order.testFlag === true) record.testOrder = true;
  const requested = cancelRequestCode(order);
  if (requested) record.cancelRequest = { code: requested, state: 'new' };
  refresh(record, now);
  return record;
}

/**
 * Step 1: the DSCO orders ready for the supplier and not yet acknowledged (lifecycle `created`),
 * created within the lookback window. `/order/page` can filter only on the deprecated status, so
 * it asks for status `created` and keeps the orders whose dscoLifecycle is `created`; `received`
 * orders are not yet released to the supplier. New ones become Received rows. Units the retailer
 * already cancelled are not sent to ShipStation; an order with nothing left open is recorded as
 * Cancelled and neither created in ShipStation nor acknowledged: DSCO refuses to acknowledge a
 * cancelled order, and there is nothing for the supplier to commit to.
 */
export function pullNewOrders(ctx: CycleContext): void {
  const now = ctx.clock.now();
  const seen = new Set<string>();
  ctx.dsco.forEachOrderPage(
    {
      createdSince: isoSeconds(now - ctx.settings.lookbackDays * DAY_MS),
      until: isoSeconds(now - UNTIL_LAG_MS),
      statuses: ['created'],
      includeTestOrders: ctx.settings.includeTestOrders,
      ordersPerPage: 1000,
    },
    (orders) => {
      for (const order of orders) {
        const id = order && order.dscoOrderId !== undefined && order.dscoOrderId !== null ? String(order.dscoOrderId) : '';
        if (!id || seen.has(id)) continue; // duplicates within a page or across pages
        seen.add(id);
        if (order.dscoLifecycle !== 'created') continue;
        ctx.createdInDsco.set(id, order);
        const known = ctx.book.get(id);
        if (known) {
          // Cancellations made while the order waits to be created are taken into account.
          const changes = absorbDscoOrder(known, order, ctx.clock.now());
          if (changes.cancelled.length) ctx.log.info('DSCO → SS', id, `The retailer cancelled ${changes.cancelled.join(', ')} in DSCO before the order reached ShipStation.`);
          continue;
        }
        const record = newRecord(order, ctx.clock.now());
        if (JSON.stringify(record).length > RECORD_LIMIT) {
          // Too many lines to keep in the order's cell: a row for a person, without the lines.
          record.lines = [];
          markError(
            ctx,
            record,
            'attention',
            `This order has ${linesOf(order).length} lines, more than the sync can keep track of. Create it in ShipStation, and acknowledge and ship it in DSCO, by hand; this row stays as a reminder.`,
            'DSCO → SS',
          );
        }
        ctx.book.add(record);
        ctx.summary.pulled++;
        const u = unitsOf(record);
        const cancelled = u.cancelled ? `; ${u.cancelled} unit${u.cancelled === 1 ? '' : 's'} already cancelled by the retailer` : '';
        ctx.log.info('DSCO → SS', id, `Received PO ${record.poNumber}${record.retailer ? ` from ${record.retailer}` : ''} (${record.lines.length} line${record.lines.length === 1 ? '' : 's'}${cancelled}).`);
        if (u.open === 0 && u.cancelled > 0) ctx.log.info('DSCO → SS', id, 'Nothing is left to ship: the retailer cancelled every unit, so the order is not created in ShipStation.');
      }
      return !ctx.budget.expired();
    },
  );
}

export { MappingError };
