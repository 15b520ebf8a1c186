import type { CycleContext } from './cycle-context';
import { clearFlag, isClosed } from '../orders/order-state';

/**
 * retryFailed(): each Error row's failed step is redone by its own step of the cycle, which takes
 * flagged rows while `ctx.retrying` is set (creation, tracking, cancellations both ways, address
 * corrections; acknowledgements are retried every sync anyway). A row flagged for a person
 * ("attention") is cleared here: the person has dealt with it. Its state stays as it is, so
 * whatever the order still needs is done by the normal steps.
 */
export function retryFailedSteps(ctx: CycleContext): void {
  for (const record of ctx.book.select((r) => r.failedStep === 'acknowledge' || r.failedStep === 'attention')) {
    // A closed order needs no acknowledgement any more: its failed one is cleared rather than redone.
    if (record.failedStep === 'acknowledge' && isClosed(record)) {
      clearFlag(record, ctx.clock.now(), 'acknowledge');
      ctx.log.info(record.flow, record.dscoOrderId, 'Cleared by Retry failed orders: nothing is left open, so no acknowledgement is needed.');
      continue;
    }
    if (record.failedStep !== 'attention') continue;
    // An order too large to track has no lines: it is handled by hand, and its row stays.
    if (!record.lines.length) continue;
    clearFlag(record, ctx.clock.now(), 'attention');
    ctx.log.info(record.flow, record.dscoOrderId, 'Cleared by Retry failed orders.');
  }
}
