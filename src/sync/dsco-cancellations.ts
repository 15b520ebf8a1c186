import { type CycleContext, isoSeconds, markError, setStatus } from './cycle-context';
import { cancelInDsco, cancelInShipStation, cancelManyInShipStation, markCancelled } from './cancel-orders';
import { isFinished, openQuantity, type OrderRecord } from './order-record';
import { UNTIL_LAG_MS } from './pull-new-orders';
import type { DscoOrder } from '../dsco/dsco-types';

const DAY = 86_400_000;
/**
 * From this many cancellations in one page of DSCO updates, ShipStation orders are cancelled in
 * bulk (createorders, 100 a call) instead of read and written back one by one (2 calls each against
 * ShipStation's 40 a minute). Fewer take the one-by-one way, which reads each order first.
 */
export const BULK_CANCEL_MIN = 10;

/** The code that accepts a retailer's cancel request: the request's own when it is a supplier code, else CXSC. */
export function answerCode(requested: string): string {
  return /^CXS[A-Z]$/.test(requested) ? requested : 'CXSC';
}

function cancelRequestCode(order: DscoOrder): string | undefined {
  if (order.cancelRequested) return String(order.cancelRequestedCode ?? '') || 'requested';
  const line = (order.lineItems ?? []).find((l) => l.cancelRequested);
  return line ? String(line.cancelRequestedCode ?? '') || 'requested' : undefined;
}

/**
 * Units the retailer cancelled in DSCO that the record does not know of, when the order is not
 * cancelled as a whole (some units shipped, or other lines still open). When nothing is left to
 * ship, the ShipStation order is cancelled so its remaining units do not ship; when some units are
 * still open, ShipStation V1 cannot take part of an order away, so a person adjusts it.
 * Returns true when the order was dealt with here.
 */
function applyPartialCancel(ctx: CycleContext, record: OrderRecord, order: DscoOrder): boolean {
  const changed: string[] = [];
  for (const line of record.lines) {
    const theirs = (order.lineItems ?? []).find((l) => (typeof l.lineNumber === 'number' ? l.lineNumber : NaN) === line.lineNumber);
    const cancelled = Math.min(Number(theirs?.cancelledQuantity) || 0, line.quantity - line.shipped);
    if (cancelled > line.cancelled) {
      changed.push(`line ${line.lineNumber} × ${cancelled - line.cancelled}`);
      line.cancelled = cancelled;
    }
  }
  if (!changed.length) return false;
  const what = `The retailer cancelled ${changed.join(', ')} in DSCO`;
  if (record.lines.some((l) => openQuantity(l) > 0)) {
    markError(ctx, record, 'attention', `${what}; the rest of the order is still open. Remove the cancelled units from the ShipStation order, then use Retry failed orders to clear this row.`);
    return true;
  }
  const outcome = cancelInShipStation(ctx, record, 'the retailer cancelled the units not yet shipped');
  if (outcome === 'already-shipped') {
    markError(ctx, record, 'attention', `${what}, but ShipStation shows those units shipped. Contact the retailer about the shipment, then use Retry failed orders to clear this row.`);
  } else if (outcome === 'cancelled') {
    setStatus(ctx, record, record.lines.some((l) => l.shipped > 0) ? 'Shipped' : 'Cancelled');
    record.flow = 'DSCO → SS';
    ctx.log.info('DSCO → SS', record.dscoOrderId, `${what}; the units not yet shipped will not ship.`);
  }
  return true;
}

/**
 * Step 5: DSCO → ShipStation cancellations. Orders updated since the watermark: an order whose
 * status is `cancelled` (every line cancelled) is cancelled in ShipStation; a retailer cancel
 * request on an order not yet shipped is accepted (ShipStation order cancelled, DSCO lines
 * cancelled with the request's code when it is a supplier code, else CXSC); on a shipped order it
 * is flagged for a person. Returns the new watermark (the newest dscoLastUpdate seen).
 */
export function applyDscoCancellations(ctx: CycleContext): number {
  const now = ctx.clock.now();
  const since = ctx.watermarks.get('dscoUpdates') ?? now - ctx.settings.lookbackDays * DAY;
  let newest = since;
  ctx.dsco.forEachOrderPage(
    { updatedSince: isoSeconds(since), until: isoSeconds(now - UNTIL_LAG_MS), includeTestOrders: ctx.settings.includeTestOrders },
    (orders) => {
      // The orders of this page that plainly need cancelling in ShipStation go there in bulk first.
      const plain = orders
        .map((order) => ({ order, record: ctx.book.get(String(order.dscoOrderId)) }))
        .filter((t): t is { order: DscoOrder; record: OrderRecord } => {
          const r = t.record;
          if (!r || !r.ssOrderId || isFinished(r) || r.lines.some((l) => l.shipped > 0)) return false;
          return t.order.dscoStatus === 'cancelled' || !!cancelRequestCode(t.order);
        });
      if (plain.length >= BULK_CANCEL_MIN) cancelManyInShipStation(ctx, plain);
      for (const order of orders) {
        const updated = Date.parse(String(order.dscoLastUpdate ?? ''));
        if (Number.isFinite(updated)) newest = Math.max(newest, Math.min(updated, now - UNTIL_LAG_MS));
        const record = ctx.book.get(String(order.dscoOrderId));
        if (!record || record.status === 'Cancelled') continue;
        const requested = cancelRequestCode(order);
        if (isFinished(record)) {
          // A shipped order cannot be cancelled any more; a cancel request on it needs a person.
          if (requested && record.failedStep !== 'attention') {
            markError(ctx, record, 'attention', `The retailer asked to cancel (code ${requested}), but the order has already shipped. Answer the request in DSCO, then use Retry failed orders to clear this row.`);
          }
          continue;
        }
        if (order.dscoStatus === 'cancelled') {
          // DSCO has cancelled every line already, whatever happens in ShipStation next.
          for (const l of record.lines) l.cancelled = l.quantity - l.shipped;
          const outcome = cancelInShipStation(ctx, record, 'the retailer cancelled it in DSCO');
          if (outcome === 'cancelled') {
            markCancelled(ctx, record, 'DSCO → SS');
            ctx.log.info('DSCO → SS', record.dscoOrderId, 'The retailer cancelled the order in DSCO; it is cancelled in ShipStation too.');
          } else if (outcome === 'already-shipped') {
            markError(ctx, record, 'attention', 'The retailer cancelled this order in DSCO, but it has already shipped in ShipStation. Contact the retailer about the shipment.');
          }
          continue;
        }
        if (applyPartialCancel(ctx, record, order)) continue;
        if (!requested) continue;
        const shipped = record.status === 'Shipped' || record.lines.some((l) => l.shipped > 0);
        if (shipped) {
          if (record.failedStep !== 'attention') {
            markError(ctx, record, 'attention', `The retailer asked to cancel (code ${requested}), but the order has already shipped. Answer the request in DSCO, then use Retry failed orders to clear this row.`);
          }
          continue;
        }
        record.cancelRequestCode = requested;
        const outcome = cancelInShipStation(ctx, record, `retailer cancel request ${requested}`);
        if (outcome === 'already-shipped') {
          markError(ctx, record, 'attention', `The retailer asked to cancel (code ${requested}), but the order has already shipped in ShipStation. Answer the request in DSCO, then use Retry failed orders to clear this row.`);
          continue;
        }
        if (outcome !== 'cancelled') continue;
        if (cancelInDsco(ctx, record, answerCode(requested), `Cancelled at retailer request (${requested})`)) markCancelled(ctx, record, 'DSCO → SS');
      }
      return !ctx.budget.expired();
    },
  );
  return newest;
}
