import { MappingError } from './mapping-error';
import { type CycleContext, isoSeconds, markError } from './cycle-context';
import type { DscoOrder } from '../dsco/dsco-types';
import type { OrderLine, OrderRecord } from './order-record';

const DAY = 86_400_000;
/**
 * An order's record is kept as JSON in one cell of the _Orders tab (at most 50,000 characters);
 * this leaves room for the tracking numbers and acknowledgement details added later. About 400 lines.
 */
export const RECORD_LIMIT = 40_000;
/** DSCO refuses an `until` less than 5 s in the past; 10 s leaves room for clock skew. */
export const UNTIL_LAG_MS = 10_000;

export function linesOf(order: DscoOrder): OrderLine[] {
  return (order.lineItems ?? []).map((l, i) => ({
    lineNumber: typeof l.lineNumber === 'number' ? l.lineNumber : i + 1,
    sku: String(l.sku ?? l.partnerSku ?? ''),
    dscoItemId: String(l.dscoItemId ?? ''),
    quantity: Number(l.quantity) || 0,
    shipped: Number(l.shippedQuantity) || 0,
    cancelled: Number(l.cancelledQuantity) || 0,
  }));
}

function newRecord(order: DscoOrder, now: number): OrderRecord {
  return {
    dscoOrderId: String(order.dscoOrderId),
    poNumber: String(order.poNumber ?? ''),
    retailer: String(order.dscoTradingPartnerName ?? order.dscoTradingPartnerId ?? ''),
    status: 'Received',
    flow: 'DSCO → SS',
    lines: linesOf(order),
    tracking: [],
    receivedAt: now,
    updatedAt: now,
  };
}

/**
 * Step 1: the DSCO orders ready for the supplier and not yet acknowledged (lifecycle `created`),
 * created within the lookback window. `/order/page` can filter only on the deprecated status, so
 * it asks for status `created` and keeps the orders whose dscoLifecycle is `created`; `received`
 * orders are not yet released to the supplier. New ones become Received rows.
 */
export function pullNewOrders(ctx: CycleContext): void {
  const now = ctx.clock.now();
  const seen = new Set<string>();
  ctx.dsco.forEachOrderPage(
    {
      createdSince: isoSeconds(now - ctx.settings.lookbackDays * DAY),
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
        if (ctx.book.has(id)) continue;
        const record = newRecord(order, ctx.clock.now());
        if (JSON.stringify(record).length > RECORD_LIMIT) {
          // Too many lines to keep in the order's cell: a row for a person, without the lines.
          record.lines = [];
          markError(
            ctx,
            record,
            'attention',
            `This order has ${linesOf(order).length} lines, more than the sync can keep track of. Create it in ShipStation, and acknowledge and ship it in DSCO, by hand; this row stays as a reminder.`,
          );
        }
        ctx.book.add(record);
        ctx.summary.pulled++;
        ctx.log.info('DSCO → SS', id, `Received PO ${record.poNumber}${record.retailer ? ` from ${record.retailer}` : ''} (${record.lines.length} line${record.lines.length === 1 ? '' : 's'}).`);
      }
      return !ctx.budget.expired();
    },
  );
}

export { MappingError };
