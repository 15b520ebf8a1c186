import { ApiError, errorMessage, isOrderSpecific, isRunLevel } from '../../core/errors';
import { chunkJsonArray } from '../../core/text/json-batches';
import { DSCO_MAX_BODY_BYTES } from '../../dsco/dsco-limits';
import type { CycleContext } from '../cycle/cycle-context';
import type { OrderRecord } from '../orders/order-record';
import { type DscoCancel, planDscoCancel } from './cancel-orders';

/**
 * From this many orders to cancel in DSCO in one run, their lines go in asynchronous batches
 * (/order/item/cancel/batch/small: one call, and one change-log read a hundred orders) instead of
 * one /order/item/cancel each. Below it the calls take under 15 s of a run and DSCO's answer (200)
 * makes the row Cancelled in the same run; a batch's outcome is read by the next run. Measured on
 * the bursts: 250 ShipStation cancellations took 250 calls over three runs one by one and one call
 * batched; 25 one by one fit the run that found them (batched, the 1,000-order burst needed a third
 * run to confirm them).
 */
export const DSCO_CANCEL_BATCH_MIN = 50;

export interface DscoCancelBatchOutcome {
  /** Orders sent and waiting for their outcome in the change log (verifyCancels reads it). */
  sent: OrderRecord[];
  /** Orders of a batch DSCO refused as a whole: to be sent one by one, for an answer per order. */
  refused: OrderRecord[];
}

/**
 * Cancels the open lines of these orders in DSCO in batches of up to DSCO_MAX_BODY_BYTES. Each
 * batch is first written to the sheet as a pending cancellation without a request ID (so a run that
 * stops right after the call reads DSCO's order before anything is sent again), then sent; the
 * requestId DSCO answers is kept for verifyCancels, which confirms each order from the change log
 * before its units count as cancelled.
 */
export function cancelManyInDsco(ctx: CycleContext, items: { record: OrderRecord; cancel: DscoCancel }[]): DscoCancelBatchOutcome {
  const out: DscoCancelBatchOutcome = { sent: [], refused: [] };
  const now = ctx.clock.now();
  const planned = items.flatMap(({ record, cancel }) => {
    const plan = planDscoCancel(record, cancel, now);
    return plan ? [{ record, cancel, plan }] : [];
  });
  const chunks = chunkJsonArray(planned, DSCO_MAX_BODY_BYTES, (p) => p.plan.body);
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      ctx.log.warn('SS → DSCO', '', `Time is up for this run: ${chunks.slice(i).flat().length} cancellation(s) will be sent to DSCO by the next sync.`);
      return out;
    }
    for (const p of chunk) p.record.pendingCancel = { ...p.plan.pending };
    // Write-ahead: from here on the sheet says these cancellations may be in DSCO.
    ctx.book.save();
    let requestId: string;
    try {
      requestId = ctx.dsco.cancelItemsSmallBatch(chunk.map((p) => p.plan.body)).requestId;
    } catch (e) {
      const notTaken = isRunLevel(e) || isOrderSpecific(e) || (e instanceof ApiError && e.status === 429);
      if (!notTaken) {
        // 5xx, 408 or no answer: DSCO may have taken it. The cancellations stay pending without a
        // request ID, and verifyCancels reads each order before any is sent again.
        ctx.log.warn('SS → DSCO', '', `Sending ${chunk.length} cancellation(s) to DSCO in one batch had no clear answer (${errorMessage(e)}); the next sync reads those orders in DSCO before sending any again.`);
        out.sent.push(...chunk.map((p) => p.record));
        return out;
      }
      for (const p of chunk) delete p.record.pendingCancel;
      if (isRunLevel(e)) throw e;
      if (isOrderSpecific(e)) {
        ctx.log.warn('SS → DSCO', '', `DSCO refused a batch of ${chunk.length} cancellation(s) as a whole (${errorMessage(e)}); they are sent one by one instead.`);
        out.refused.push(...chunk.map((p) => p.record));
        continue;
      }
      ctx.summary.deferred = true;
      ctx.log.warn('SS → DSCO', '', `DSCO is rate-limiting cancellations (${errorMessage(e)}); ${chunks.slice(i).flat().length} wait for the next sync.`);
      return out;
    }
    for (const p of chunk) {
      p.record.pendingCancel!.requestId = requestId || undefined;
      out.sent.push(p.record);
      ctx.log.info(p.cancel.flow, p.record.dscoOrderId, `Cancellation sent to DSCO in a batch (request ${requestId}): ${p.plan.what}; DSCO applies it shortly and the next sync checks it.`);
    }
  }
  return out;
}
