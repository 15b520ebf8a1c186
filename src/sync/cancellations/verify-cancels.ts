import { errorMessage, isRunLevel } from '../../core/errors';
import { HOUR_MS, MINUTE_MS } from '../../core/time/durations';
import { describeChangeLogResults } from '../../dsco/describe-change-log-results';
import type { DscoChangeLog, DscoChangeLogEntry } from '../../dsco/dsco-types';
import { type CycleContext, markError } from '../cycle/cycle-context';
import type { CancelledBy, Flow, OrderRecord } from '../orders/order-record';
import { absorbDscoOrder, applyCancel, settlePendingCancel } from '../orders/order-state';

/** A cancellation whose answer was lost and that DSCO's order still does not show after this long never arrived: it is sent again. */
export const LOST_CANCEL_GRACE_MS = 15 * MINUTE_MS;
/** A submitted cancellation DSCO has reported nothing about for this long becomes an Error (Retry failed orders sends it again). */
export const CANCEL_GIVE_UP_MS = 24 * HOUR_MS;

/**
 * Line cancellations sent to DSCO and not yet confirmed. With a requestId (DSCO answered 202),
 * /order/log gives the outcome: success counts the units as cancelled, failure makes the row an
 * Error that keeps the code for the retry. Without one (the answer was lost), DSCO's order is read
 * by ID: units cancelled there are counted; otherwise, after LOST_CANCEL_GRACE_MS, the
 * cancellation is dropped and the next carry-over sends it again, with the same code.
 */
export function verifyCancels(ctx: CycleContext): void {
  // A batch's cancellations share one request: its change log is read once (a failed read too).
  const logs = new Map<string, { log?: DscoChangeLog; error?: unknown }>();
  const logOf = (requestId: string): DscoChangeLog => {
    let read = logs.get(requestId);
    if (!read) {
      try {
        read = { log: ctx.dsco.getChangeLog(requestId, 'cancellation check (order change log)') };
      } catch (e) {
        read = { error: e };
      }
      logs.set(requestId, read);
    }
    if (read.error !== undefined) throw read.error;
    return read.log!;
  };
  for (const record of ctx.book.select((r) => r.pendingCancel !== undefined)) {
    const p = record.pendingCancel!;
    if (ctx.budget.expired()) return;
    try {
      if (p.requestId) checkLog(ctx, record, logOf(p.requestId));
      else checkOrder(ctx, record);
    } catch (e) {
      if (isRunLevel(e)) throw e;
      ctx.log.warn(record.flow, record.dscoOrderId, `Could not check the cancellation sent to DSCO yet: ${errorMessage(e)}`);
    }
  }
}

function checkLog(ctx: CycleContext, record: OrderRecord, log: DscoChangeLog): void {
  const p = record.pendingCancel!;
  // A request of one order may log it without its ID; a batch's entries are told apart by ID.
  const idOf = (e: DscoChangeLogEntry) => String((e.payload as { id?: unknown } | undefined)?.id ?? '');
  // The most conclusive of the order's entries (a pending one may come before its outcome).
  const mine = log.logs.filter((e) => idOf(e) === record.dscoOrderId);
  const entry =
    mine.find((e) => e.status === 'success') ?? mine.find((e) => e.status === 'failure') ?? mine[0] ?? (log.logs.length === 1 && !idOf(log.logs[0]) ? log.logs[0] : undefined);
  const now = ctx.clock.now();
  if (entry?.status === 'success') {
    delete record.pendingCancel;
    applyCancel(record, p.lines, p.by, p.code, now);
    ctx.log.info(record.flow, record.dscoOrderId, `DSCO confirmed the cancellation (code ${p.code}).`);
    return;
  }
  const failed = entry?.status === 'failure' || (!entry && log.status === 'COMPLETED');
  if (failed || now - p.sentAt > CANCEL_GIVE_UP_MS) {
    delete record.pendingCancel;
    // The lines may be cancelled by other means meanwhile: DSCO's order decides.
    const order = ctx.dsco.getOrder(record.dscoOrderId);
    if (order) absorbDscoOrder(record, order, now);
    if (record.lines.some((l) => p.lines.some(([n]) => n === l.lineNumber && l.quantity - l.shipped - l.cancelled > 0))) {
      const why = entry ? describeChangeLogResults(entry) : failed ? 'DSCO finished the request without a result for this order' : 'DSCO reported no outcome for a day';
      markError(ctx, record, 'cancel-in-dsco', `DSCO did not apply the cancellation with code ${p.code}: ${why}. Cancel it in DSCO by hand, or use Retry failed orders (it uses the same code).`, cancelFlow(p.by));
    }
  }
}

/** A supplier's cancellation (made in ShipStation) goes SS → DSCO; accepting a retailer's request came DSCO → SS. */
export function cancelFlow(by: CancelledBy): Flow {
  return by === 'supplier' ? 'SS → DSCO' : 'DSCO → SS';
}

function checkOrder(ctx: CycleContext, record: OrderRecord): void {
  const p = record.pendingCancel!;
  const now = ctx.clock.now();
  const order = ctx.dsco.getOrder(record.dscoOrderId);
  if (order) {
    absorbDscoOrder(record, order, now);
    settlePendingCancel(record);
    if (!record.pendingCancel) {
      ctx.log.info(record.flow, record.dscoOrderId, `DSCO shows the cancellation (code ${p.code}) from a run whose answer was lost; not sent again.`);
      return;
    }
  }
  if (now - p.sentAt > LOST_CANCEL_GRACE_MS) {
    delete record.pendingCancel;
    ctx.log.warn(record.flow, record.dscoOrderId, `The cancellation (code ${p.code}) whose answer was lost is not in DSCO after ${LOST_CANCEL_GRACE_MS / MINUTE_MS} minutes: it is sent again.`);
  }
}
