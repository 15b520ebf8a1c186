import { cancelInDsco, cancelInShipStation, markCancelled } from './cancel-orders';
import { type CycleContext, setStatus } from './cycle-context';
import { answerCode } from './dsco-cancellations';
import { openQuantity } from './order-record';

/**
 * retryFailed(): an Error row is not retried automatically (except the acknowledgement); here each
 * one's failed step is redone. Creation and tracking are redone by their own phases, which take
 * Error rows while `ctx.retrying` is set; cancellations are redone directly; a row flagged for a
 * person is cleared, since the person has dealt with it.
 */
export function retryFailedSteps(ctx: CycleContext): void {
  for (const record of ctx.book.all()) {
    if (record.status !== 'Error' || ctx.budget.expired()) continue;
    switch (record.failedStep) {
      case 'cancel-in-shipstation': {
        if (cancelInShipStation(ctx, record, 'retry') !== 'cancelled') break;
        // A cancel request is answered in DSCO too; a retailer's own cancel left nothing open there.
        const open = record.lines.some((l) => openQuantity(l) > 0);
        const code = record.cancelRequestCode;
        if (open && code && !cancelInDsco(ctx, record, answerCode(code), `Cancelled at retailer request (${code})`)) break;
        markCancelled(ctx, record, 'DSCO → SS');
        break;
      }
      case 'cancel-in-dsco': {
        // The flow says who cancelled: SS → DSCO, someone in ShipStation (the configured code);
        // DSCO → SS, the retailer's cancel request that was being accepted.
        const byRetailer = record.flow === 'DSCO → SS';
        const code = byRetailer ? 'CXSC' : ctx.settings.cancelCode;
        if (cancelInDsco(ctx, record, code, byRetailer ? 'Cancelled at retailer request' : 'Cancelled in ShipStation')) markCancelled(ctx, record, record.flow);
        break;
      }
      case 'attention': {
        // An order too large to track has no lines: it is handled by hand, and its row stays.
        if (!record.lines.length) break;
        const done = record.lines.every((l) => openQuantity(l) === 0);
        setStatus(ctx, record, done ? (record.lines.some((l) => l.shipped > 0) ? 'Shipped' : 'Cancelled') : record.ssOrderId ? 'Sent to SS' : 'Received');
        ctx.log.info(record.flow, record.dscoOrderId, 'Cleared by Retry failed orders.');
        break;
      }
      default:
        break;
    }
  }
}
