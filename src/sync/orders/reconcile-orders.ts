import { errorMessage, isRunLevel } from '../../core/errors';
import { HOUR_MS } from '../../core/time/durations';
import { absorbAndReport } from './absorb-dsco-order';
import type { CycleContext } from '../cycle/cycle-context';
import type { OrderRecord, RecordView } from './order-record';
import { setShipStationStatus } from './order-state';
import { fromFulfillment, fromShipment } from '../tracking/shipment-candidates';
import { InflightShipments } from '../tracking/inflight-shipments';
import { fromPacificLocal } from '../../core/time/pacific-time';
import { LIST_PAGE_SIZE } from '../../shipstation/shipstation-client';
import type { SsOrder } from '../../shipstation/shipstation-types';

/**
 * The sweep's slice of the rate budget: at most this many orders a run. Each costs one DSCO call
 * (GET /order/, 500 a minute, about 0.3 s), and two ShipStation calls (the order and its shipments)
 * when ShipStation shows it changed, or always on V2: at most 80 of ShipStation's 40 calls a minute,
 * two minutes of a run, and only in a run with three minutes left (SWEEP_MIN_REMAINING_MS), so a
 * busy run keeps its budget for the backlog. On V1 an unchanged order costs ShipStation nothing of
 * its own (one list call covers 500).
 */
export const SWEEP_MAX_ORDERS_PER_RUN = 40;
/**
 * The sweep gives way in a busy run: it starts only while this much of the run's budget is left,
 * so a backlog's creations and tracking keep the rate budget. A quiet run reaches it at once.
 */
export const SWEEP_MIN_REMAINING_MS = 180_000;

/** Orders the sweep re-reads: those that are not finished, including rows waiting for a person. */
function isOpen(r: RecordView): boolean {
  return r.status !== 'Shipped' && r.status !== 'Cancelled';
}

/**
 * How many orders this run verifies so that each open order is verified at least once every
 * `reconcileHours`: open orders ÷ runs in that window, rounded up, within the slice.
 */
export function sweepQuota(openOrders: number, pollIntervalHours: number, reconcileHours: number): number {
  const runs = Math.max(1, Math.floor(reconcileHours / Math.max(0.25, pollIntervalHours)));
  return Math.min(SWEEP_MAX_ORDERS_PER_RUN, Math.ceil(openOrders / runs));
}

/**
 * The reconciliation sweep: the open orders verified least recently are read again from both
 * systems, by ID, and every difference goes through the normal transitions: DSCO's cancellations,
 * cancel requests, address corrections and shipments made elsewhere are absorbed; ShipStation's
 * cancelled or shipped status is noted; its shipments join this cycle's tracking push (sent only if
 * not sent before). What a missed incremental read left behind is repaired within `reconcileHours`.
 */
export function reconcileOrders(ctx: CycleContext): void {
  if (ctx.budget.remainingMs() < SWEEP_MIN_REMAINING_MS) return;
  const open = ctx.book.view().filter(isOpen);
  if (!open.length) return;
  const quota = sweepQuota(open.length, ctx.settings.pollIntervalHours, ctx.settings.reconcileHours);
  // Checked least recently first; an order never checked counts from its receipt (one received a
  // minute ago has missed nothing yet), so each is checked within reconcileHours of either.
  const since = (r: RecordView) => r.verifiedAt ?? r.receivedAt;
  const due = open
    .filter((r) => ctx.clock.now() - since(r) >= ctx.settings.pollIntervalHours * HOUR_MS)
    .sort((a, b) => since(a) - since(b) || a.receivedAt - b.receivedAt)
    .slice(0, quota);
  // Orders with a shipment an interrupted run may have sent: DSCO can be ahead of the record until
  // the tracking step resolves it, so their DSCO shipped units are not judged now.
  const inflight = new Set(new InflightShipments(ctx.store).pending().map((m) => m.dscoOrderId));
  const listed = listUnchangedInShipStation(ctx, due);
  for (const { dscoOrderId } of due) {
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      return;
    }
    // Only the orders checked now are handed out to be changed.
    const record = ctx.book.get(dscoOrderId)!;
    try {
      verify(ctx, record, !inflight.has(record.dscoOrderId) && !record.pendingShipments?.length, listed);
    } catch (e) {
      if (isRunLevel(e)) throw e;
      ctx.log.warn('', record.dscoOrderId, `The daily check could not read this order yet: ${errorMessage(e)}`);
    }
  }
}

/** ShipStation and this script's clocks may differ by this much: a change this close to the last check is read again. */
const CLOCK_MARGIN_MS = 5 * 60_000;
/** V1 writes createDate and modifyDate to the same tick on creation (the spec's example shows them equal); within this they count as equal. */
const SAME_TICK_MS = 1_000;

/**
 * The list is read up to orders created this long after the newest order due was received (DSCO's
 * receipt precedes ShipStation's creation, usually in the same run); one created later is simply
 * not found in the list and read by ID.
 */
const CREATED_MARGIN_MS = 15 * 60_000;

/**
 * ShipStation orders (V1) of the orders due that ShipStation itself shows unchanged since they were
 * last checked, or since their creation: still awaiting shipment, and modified neither since
 * creation nor since the record's last check. A label, a cancellation or a person's edit moves
 * modifyDate, so for those the sweep needs no read of its own. The due orders are the least
 * recently checked, which are the oldest: the store's Awaiting Shipment orders are listed oldest
 * first (500 a page) only up to the newest of them, where reading each costs two calls (the order
 * and its shipments) at 40 a minute. Listed only when that costs fewer calls. V2 keeps the reads by
 * order: its shipments list is not an order list with these dates.
 */
function listUnchangedInShipStation(ctx: CycleContext, due: RecordView[]): Set<number> {
  const unchanged = new Set<number>();
  if (ctx.settings.ssApiVersion === 'v2') return unchanged;
  const withOrder = due.filter((r) => r.ssOrderId);
  if (!withOrder.length) return unchanged;
  const upTo = Math.max(...withOrder.map((r) => r.receivedAt)) + CREATED_MARGIN_MS;
  const before = ctx.book.view().filter((r) => r.ssOrderId && r.ssStatus !== 'cancelled' && r.ssStatus !== 'shipped' && r.receivedAt <= upTo).length;
  // Listed when even every page up to the newest order due costs fewer calls than reading each (two).
  if (Math.ceil(before / LIST_PAGE_SIZE) >= 2 * withOrder.length) return unchanged;
  const wanted = new Set(withOrder.map((r) => r.ssOrderId as number));
  const found = new Set<number>();
  // Pages stop once every order due was seen, or the list has passed the newest of them.
  const enough = (page: SsOrder[]) => {
    for (const o of page) if (o.orderId && wanted.has(o.orderId)) found.add(o.orderId);
    return found.size === wanted.size || fromPacificLocal(String(page[page.length - 1]?.createDate ?? '')) > upTo;
  };
  const byId = new Map<number, { created: number; modified: number }>();
  for (const o of ctx.shipstation.listOrders({ storeId: ctx.settings.ssStoreId, orderStatus: 'awaiting_shipment', oldestFirstUntil: enough })) {
    if (o.orderId) byId.set(o.orderId, { created: fromPacificLocal(String(o.createDate ?? '')), modified: fromPacificLocal(String(o.modifyDate ?? '')) });
  }
  for (const r of withOrder) {
    const o = byId.get(r.ssOrderId as number);
    if (!o || !Number.isFinite(o.modified) || r.ssStatus === 'cancelled' || r.ssStatus === 'shipped') continue;
    const neverModified = Number.isFinite(o.created) && o.modified - o.created <= SAME_TICK_MS;
    const notSinceCheck = r.verifiedAt !== undefined && o.modified < r.verifiedAt - CLOCK_MARGIN_MS;
    if (neverModified || notSinceCheck) unchanged.add(r.ssOrderId as number);
  }
  return unchanged;
}

function verify(ctx: CycleContext, record: OrderRecord, judgeShipped: boolean, unchangedInShipStation: Set<number>): void {
  const dscoOrder = ctx.dsco.getOrder(record.dscoOrderId);
  if (dscoOrder) absorbAndReport(ctx, record, dscoOrder, { repaired: true, judgeShipped });
  if (record.ssOrderId && !unchangedInShipStation.has(record.ssOrderId)) {
    const order = ctx.shipstation.getOrder(record.ssOrderId);
    const status = order?.orderStatus;
    if (status === 'cancelled' && record.ssStatus !== 'cancelled') {
      setShipStationStatus(record, 'cancelled', ctx.clock.now());
      record.flow = 'SS → DSCO';
      ctx.log.info('SS → DSCO', record.dscoOrderId, 'Repaired by the daily check: the order is cancelled in ShipStation.');
    } else if (status === 'shipped' && record.ssStatus !== 'shipped') {
      setShipStationStatus(record, 'shipped', ctx.clock.now());
    }
    const shipments = ctx.shipstation.listShipments({ storeId: ctx.settings.ssStoreId, orderNumber: record.dscoOrderId, includeShipmentItems: true });
    for (const s of shipments) ctx.sweptShipments.push({ ...fromShipment(s), foundBySweep: true });
    if (status === 'shipped' && !shipments.some((s) => !s.voided)) {
      // Marked shipped without a label: the fulfillment carries the tracking.
      for (const f of ctx.shipstation.listFulfillments({ orderNumber: record.dscoOrderId })) ctx.sweptShipments.push({ ...fromFulfillment(f), foundBySweep: true });
    }
  }
  record.verifiedAt = ctx.clock.now();
}
