import { cancelInDsco, cancelInShipStation, markCancelled } from './cancel-orders';
import { type CycleContext, setStatus } from './cycle-context';
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
      case 'cancel-in-shipstation':
        if (cancelInShipStation(ctx, record, 'retry') === 'cancelled') markCancelled(ctx, record, 'DSCO → SS');
        break;
      case 'cancel-in-dsco':
        if (cancelInDsco(ctx, record, ctx.settings.cancelCode, 'Cancelled in ShipStation')) markCancelled(ctx, record, 'SS → DSCO');
        break;
      case 'attention': {
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
