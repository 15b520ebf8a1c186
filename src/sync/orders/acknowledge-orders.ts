import { errorMessage, isOrderSpecific, isRunLevel } from '../../core/errors';
import { MINUTE_MS } from '../../core/time/durations';
import { DSCO_MAX_BODY_BYTES } from '../../dsco/dsco-limits';
import { describeChangeLogResults } from '../../dsco/describe-change-log-results';
import { chunkJsonArray } from '../../core/text/json-batches';
import type { DscoAcknowledgeItem, DscoChangeLogEntry } from '../../dsco/dsco-types';
import { type CycleContext, markError } from '../cycle/cycle-context';
import type { OrderRecord } from './order-record';
import { clearFlag, isClosed, needsAcknowledge } from './order-state';
import { absorbAndReport } from './absorb-dsco-order';


/** Refused acknowledgements checked against DSCO's order in one run (GET /order/, 500 a minute). */
const ACK_LOOKUPS_PER_RUN = 25;
/** How long an acknowledged order may still show lifecycle `created` before it is acknowledged again. */
export const ACK_GRACE_MS = 15 * MINUTE_MS;
/**
 * DSCO accepts up to 5 MB per call (and 1,000 calls a minute); at under 100 bytes an item, one
 * call carries tens of thousands of acknowledgements, so a cycle sends one.
 */
const ACK_MAX_BYTES = DSCO_MAX_BODY_BYTES;

/**
 * Acknowledgements are asynchronous (202 + requestId). Each cycle reads /order/log for the
 * requests still unconfirmed: success confirms the order; failure marks it for a new
 * acknowledgement in this same cycle.
 */
export function verifyAcknowledgements(ctx: CycleContext): void {
  const lookups = { left: ACK_LOOKUPS_PER_RUN };
  const byRequest = new Map<string, OrderRecord[]>();
  for (const r of ctx.book.select((v) => !!(v.ack?.requestId && !v.ack.confirmedAt && v.ssOrderId))) {
    const requestId = r.ack!.requestId!;
    const list = byRequest.get(requestId) ?? [];
    list.push(r);
    byRequest.set(requestId, list);
  }
  for (const [requestId, records] of byRequest) {
    if (ctx.budget.expired()) return;
    let log;
    try {
      log = ctx.dsco.getChangeLog(requestId);
    } catch (e) {
      if (isRunLevel(e)) throw e;
      ctx.log.warn('DSCO → SS', '', `Could not check acknowledgement request ${requestId} yet: ${errorMessage(e)}`);
      continue;
    }
    const entries = new Map<string, DscoChangeLogEntry>();
    for (const entry of log.logs) if (entry.payload?.id !== undefined) entries.set(String(entry.payload.id), entry);
    for (const record of records) {
      const entry = entries.get(record.dscoOrderId);
      if (entry?.status === 'success') {
        record.ack = { ...record.ack!, confirmedAt: ctx.clock.now() };
        clearFlag(record, ctx.clock.now(), 'acknowledge');
        ctx.log.info('DSCO → SS', record.dscoOrderId, 'DSCO confirmed the acknowledgement.');
      } else if (entry?.status === 'failure') {
        ackFailed(ctx, record, `DSCO did not accept the acknowledgement: ${describeChangeLogResults(entry)}.`, lookups);
      } else if (log.status === 'COMPLETED') {
        ackFailed(ctx, record, 'DSCO finished the acknowledgement request without a result for this order.', lookups);
      }
    }
  }
}

/**
 * An acknowledgement DSCO did not apply. It is sent again, unless the order moved on meanwhile: a
 * cancelled or shipped order needs none (DSCO refuses to acknowledge a cancelled one), and a row
 * already waiting for a person keeps its own message (its acknowledgement goes out once cleared).
 */
function ackFailed(ctx: CycleContext, record: OrderRecord, why: string, lookups: { left: number }): void {
  record.ack = { ...record.ack!, requestId: undefined };
  // DSCO refuses to acknowledge an order that is closed there (cancelled meanwhile): its own view
  // decides. One read each, a few a run: when a whole batch failed, the rest are read as their
  // resent acknowledgements fail in the next runs.
  if (lookups.left > 0) {
    lookups.left--;
    try {
      const order = ctx.dsco.getOrder(record.dscoOrderId);
      if (order) absorbAndReport(ctx, record, order);
    } catch (e) {
      if (isRunLevel(e)) throw e;
    }
  }
  if (isClosed(record)) {
    // A failed acknowledgement flagged earlier would otherwise stay for good: nothing will send one again.
    clearFlag(record, ctx.clock.now(), 'acknowledge');
    ctx.log.info('DSCO → SS', record.dscoOrderId, `${why} None is needed any more: nothing is left open on the order.`);
    return;
  }
  if (record.failedStep && record.failedStep !== 'acknowledge') {
    // The row already waits for a person about something else: keep that message; the acknowledgement goes out again anyway.
    ctx.log.warn('DSCO → SS', record.dscoOrderId, `${why} It is sent again with the next sync.`);
    return;
  }
  markError(ctx, record, 'acknowledge', `${why} The order is in ShipStation; the acknowledgement is sent again every sync until DSCO accepts it.`, 'DSCO → SS');
}

/** Orders to acknowledge now: just created, failed before, or still `created` in DSCO long after. */
function toAcknowledge(ctx: CycleContext, justCreated: string[]): OrderRecord[] {
  const now = ctx.clock.now();
  const set = new Set<OrderRecord>();
  for (const id of justCreated) {
    const r = ctx.book.get(id);
    if (r) set.add(r);
  }
  for (const r of ctx.book.select((v) => needsAcknowledge(v, now, ctx.createdInDsco.has(v.dscoOrderId), ACK_GRACE_MS))) set.add(r);
  return [...set];
}

/**
 * Step 3: acknowledge in DSCO right after creation, in one batch, with the ShipStation order ID as
 * supplierOrderNumber. Keeps the requestId so the next cycle can verify it landed.
 */
export function acknowledgeOrders(ctx: CycleContext, justCreated: string[]): void {
  const all = toAcknowledge(ctx, justCreated).map((r) => ({
    record: r,
    item: { id: r.dscoOrderId, type: 'DSCO_ORDER_ID', supplierOrderNumber: String(r.ssOrderId) } as DscoAcknowledgeItem,
  }));
  for (const chunk of chunkJsonArray(all, ACK_MAX_BYTES, (c) => c.item)) {
    const batch = chunk.map((c) => c.record);
    const items = chunk.map((c) => c.item);
    try {
      const response = ctx.dsco.acknowledge(items);
      const now = ctx.clock.now();
      for (const r of batch) {
        const attempts = (r.ack?.attempts ?? 0) + 1;
        r.ack = { requestId: response.requestId, sentAt: now, attempts };
        r.updatedAt = now;
        ctx.summary.acknowledged++;
        ctx.log.info('DSCO → SS', r.dscoOrderId, `Acknowledgement sent to DSCO${attempts > 1 ? ` (attempt ${attempts})` : ''}; DSCO applies it shortly and the next sync checks it (request ${response.requestId}).`);
      }
    } catch (e) {
      // An outage is not the orders' fault: they stay unacknowledged and the next sync sends them.
      if (!isOrderSpecific(e)) throw e;
      for (const r of batch) {
        r.ack = { attempts: (r.ack?.attempts ?? 0) + 1, sentAt: r.ack?.sentAt };
        markError(ctx, r, 'acknowledge', `Could not acknowledge in DSCO: ${errorMessage(e)} The order is in ShipStation; the acknowledgement is retried every sync.`, 'DSCO → SS');
      }
    }
  }
}
