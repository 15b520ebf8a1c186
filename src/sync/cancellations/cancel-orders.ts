import { errorMessage, isOrderSpecific, isRunLevel } from '../../core/errors';
import type { DscoCancelLine, DscoOrderForCancel } from '../../dsco/dsco-types';
import { LIST_PAGE_SIZE } from '../../shipstation/shipstation-client';
import type { SsOrder } from '../../shipstation/shipstation-types';
import { SUPPLIER_CANCEL_CODES } from '../../settings/settings';
import { type CycleContext, markError } from '../cycle/cycle-context';
import type { CancelledBy, Flow, OrderRecord, PendingCancel } from '../orders/order-record';
import { absorbDscoOrder, applyCancel, openLines, setShipStationStatus } from '../orders/order-state';

export type CancelOutcome = 'cancelled' | 'already-shipped' | 'failed';

/** ShipStation V1 can change an order only in these statuses (createorder refuses the others). */
const UPDATABLE = new Set(['awaiting_payment', 'awaiting_shipment', 'on_hold', 'pending_fulfillment']);

/**
 * Cancels the order in ShipStation. V1 has no partial update and no cancel call: the order is read
 * and sent back exactly as read, with orderStatus "cancelled" (an upsert by orderKey), so notes,
 * tags and anything else a person changed there stay. A shipped order cannot change.
 */
export function cancelInShipStation(ctx: CycleContext, record: OrderRecord, why: string, flow: Flow = 'DSCO → SS'): CancelOutcome {
  if (!record.ssOrderId) return 'cancelled';
  try {
    const order = ctx.shipstation.getOrder(record.ssOrderId);
    const outcome = order ? cancelRead(ctx, record, order) : 'cancelled';
    if (outcome === 'cancelled') {
      setShipStationStatus(record, 'cancelled', ctx.clock.now());
      ctx.log.info(flow, record.dscoOrderId, `Cancelled in ShipStation (${why}).`);
    }
    return outcome;
  } catch (e) {
    if (!isOrderSpecific(e)) throw e;
    markError(ctx, record, 'cancel-in-shipstation', `Could not cancel the ShipStation order (${why}): ${errorMessage(e)} Cancel it in ShipStation by hand, or use Retry failed orders.`, flow);
    return 'failed';
  }
}

function cancelRead(ctx: CycleContext, record: OrderRecord, order: SsOrder): CancelOutcome {
  if (order.orderStatus === 'cancelled') return 'cancelled';
  if (order.orderStatus === 'shipped') {
    setShipStationStatus(record, 'shipped', ctx.clock.now());
    return 'already-shipped';
  }
  try {
    ctx.shipstation.createOrder({ ...order, orderStatus: 'cancelled' });
  } catch (e) {
    // A retry after a lost answer (a gateway timeout once ShipStation had cancelled it) is refused
    // because a cancelled order cannot change: look again before calling it a failure.
    if (!isOrderSpecific(e)) throw e;
    const now = ctx.shipstation.getOrder(record.ssOrderId as number);
    if (now?.orderStatus === 'shipped') return 'already-shipped';
    if (now?.orderStatus !== 'cancelled') throw e;
  }
  return 'cancelled';
}

/**
 * Cancels many ShipStation orders: each is read (one call) and written back as read with
 * orderStatus "cancelled" by createorders, 100 a call, so a person's edits are kept and the writes
 * cost one call per 100 instead of one each against ShipStation's 40 a minute. Orders that are
 * not open there, or that ShipStation refuses, are left to cancelInShipStation, which decides.
 * Returns the records cancelled here.
 */
export function cancelManyInShipStation(ctx: CycleContext, records: OrderRecord[]): Set<OrderRecord> {
  const done = new Set<OrderRecord>();
  const ready: { record: OrderRecord; order: SsOrder }[] = [];
  for (const { record, order } of readOrders(ctx, records)) {
    if (UPDATABLE.has(order.orderStatus)) ready.push({ record, order: { ...order, orderStatus: 'cancelled' } });
  }
  if (!ready.length || ctx.budget.expired()) return done;
  // The client sends them 100 a call (createorders' limit) and answers one result per order.
  let results;
  try {
    results = ctx.shipstation.createOrders(ready.map((b) => b.order));
  } catch (e) {
    if (!isOrderSpecific(e)) throw e;
    return done; // refused as a whole: each order goes the one-by-one way
  }
  ready.forEach(({ record }, j) => {
    if (results[j]?.success) {
      setShipStationStatus(record, 'cancelled', ctx.clock.now());
      done.add(record);
    }
  });
  return done;
}


/**
 * The ShipStation orders of these records, as ShipStation has them: one read each, or, when that
 * costs fewer calls, the store's Awaiting Shipment orders listed 500 a page (a read each at 40 calls
 * a minute would not fit a run for hundreds of cancellations). Records whose order is not listed
 * (another status) are left to the one-by-one cancel, which reads it.
 */
function readOrders(ctx: CycleContext, records: OrderRecord[]): { record: OrderRecord; order: SsOrder }[] {
  const wanted = records.filter((r) => r.ssOrderId);
  const openInShipStation = ctx.book.view().filter((r) => r.ssOrderId && r.ssStatus !== 'cancelled' && r.ssStatus !== 'shipped').length;
  const out: { record: OrderRecord; order: SsOrder }[] = [];
  if (Math.ceil(openInShipStation / LIST_PAGE_SIZE) < wanted.length) {
    const byId = new Map<number, SsOrder>();
    for (const o of ctx.shipstation.listOrders({ storeId: ctx.settings.ssStoreId, orderStatus: 'awaiting_shipment' })) if (o.orderId) byId.set(o.orderId, o);
    for (const record of wanted) {
      const order = byId.get(record.ssOrderId as number);
      if (order) out.push({ record, order });
    }
    return out;
  }
  for (const record of wanted) {
    if (ctx.budget.expired()) break;
    const order = ctx.shipstation.getOrder(record.ssOrderId as number);
    if (order) out.push({ record, order });
  }
  return out;
}

export interface DscoCancel {
  code: string;
  reason: string;
  by: CancelledBy;
  flow: Flow;
}

/**
 * Cancels every open line in DSCO. The first attempt's code is kept on the record, so a retry uses
 * the same one. DSCO answers 200 (done) or 202 (submitted): a 202 is confirmed from /order/log by
 * verifyCancels before the units count as cancelled. After a lost answer nothing is resent
 * blindly: the cancel stays pending and verifyCancels reads DSCO's line state first. A refusal is
 * checked against DSCO's order before it becomes an Error row (the cancel may have landed already).
 */
export function cancelInDsco(ctx: CycleContext, record: OrderRecord, cancel: DscoCancel): boolean {
  const plan = planDscoCancel(record, cancel, ctx.clock.now());
  if (!plan) return true;
  const { code, open, what, pending } = plan;
  const now = pending.sentAt;
  try {
    const response = ctx.dsco.cancelItems(plan.body);
    if (response?.status === 'success') {
      applyCancel(record, open, cancel.by, code, now);
      ctx.log.info(cancel.flow, record.dscoOrderId, `Cancelled in DSCO: ${what}.`);
    } else {
      record.pendingCancel = { ...pending, requestId: response?.requestId || undefined };
      ctx.log.info(cancel.flow, record.dscoOrderId, `Cancellation sent to DSCO: ${what}; DSCO applies it shortly and the next sync checks it.`);
    }
    return true;
  } catch (e) {
    if (isOrderSpecific(e)) {
      record.pendingCancel = pending;
      if (landedAnyway(ctx, record)) return true;
      delete record.pendingCancel;
      markError(ctx, record, 'cancel-in-dsco', `Could not cancel the order in DSCO with code ${code}: ${errorMessage(e)} Cancel it in DSCO by hand, or use Retry failed orders (it uses the same code).`, cancel.flow);
      return false;
    }
    // No answer or a server error: DSCO may have taken it. Nothing is resent until DSCO is read.
    record.pendingCancel = pending;
    if (isRunLevel(e)) throw e;
    ctx.log.warn(cancel.flow, record.dscoOrderId, `Cancelling ${what} in DSCO had no clear answer (${errorMessage(e)}); the next sync checks DSCO before sending it again.`);
    return true;
  }
}

/** What cancelling an order's open lines in DSCO sends, and the pending cancellation it leaves on the record. */
export interface DscoCancelPlan {
  code: string;
  open: [number, number][];
  body: DscoOrderForCancel;
  /** For the log: "line 1 × 2 with code CXSO (…)". */
  what: string;
  pending: PendingCancel;
}

/**
 * The cancellation of every open line of the order; undefined when nothing is open. The first
 * attempt's code is kept on the record, so a retry uses the same one.
 */
export function planDscoCancel(record: OrderRecord, cancel: DscoCancel, now: number): DscoCancelPlan | undefined {
  const code = (record.cancelCode ??= cancel.code);
  const open = openLines(record);
  if (!open.length) return undefined;
  const lineItems: DscoCancelLine[] = open.map(([lineNumber, qty]) => {
    const l = record.lines.find((x) => x.lineNumber === lineNumber);
    return { lineNumber, sku: l?.sku || undefined, dscoItemId: l?.dscoItemId || undefined, cancelledQuantity: qty, cancelCode: code, cancelledReason: cancel.reason };
  });
  return {
    code,
    open,
    body: { id: record.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems },
    what: `${open.map(([n, q]) => `line ${n} × ${q}`).join(', ')} with code ${code} (${SUPPLIER_CANCEL_CODES[code] ?? code})`,
    pending: { code, reason: cancel.reason, by: cancel.by, lines: open, sentAt: now },
  };
}

/** After a refusal: DSCO's own view of the order, absorbed. True when nothing is left open there. */
function landedAnyway(ctx: CycleContext, record: OrderRecord): boolean {
  try {
    const order = ctx.dsco.getOrder(record.dscoOrderId);
    if (!order) return false;
    absorbDscoOrder(record, order, ctx.clock.now());
    return openLines(record).length === 0;
  } catch (e) {
    if (isRunLevel(e)) throw e;
    return false;
  }
}
