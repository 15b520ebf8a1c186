import { errorMessage, isOrderSpecific } from '../../core/errors';
import type { DscoOrder } from '../../dsco/dsco-types';
import { mapShipTo } from '../orders/map-to-shipstation-order';
import { MappingError } from '../orders/mapping-error';
import { cancelInDsco, cancelInShipStation, cancelManyInShipStation, type CancelOutcome, type DscoCancel } from './cancel-orders';
import { cancelManyInDsco, DSCO_CANCEL_BATCH_MIN } from './cancel-in-dsco-batch';
import { type CycleContext, markError } from '../cycle/cycle-context';
import type { OrderRecord, RecordView } from '../orders/order-record';
import { clearFlag, needsCancelInDsco, needsCancelInShipStation, needsCancelRequestAnswer, refresh, shipToHash, unitsOf } from '../orders/order-state';

/**
 * From this many ShipStation cancellations in one run, orders are cancelled in bulk (read each,
 * write back 100 a call) instead of read and written one by one (2 calls each against
 * ShipStation's 40 a minute).
 */
export const BULK_CANCEL_MIN = 10;

/** The code that accepts a retailer's cancel request: the request's own when it is a supplier code, else CXSC. */
export function answerCode(requested: string): string {
  return /^CXS[A-Z]$/.test(requested) ? requested : 'CXSC';
}

/** A step flagged for a person is done again only by Retry failed orders. */
const waiting = (ctx: CycleContext, r: OrderRecord, step: OrderRecord['failedStep']) => r.failedStep === step && !ctx.retrying;

/**
 * Does what each order needs now, derived from its state rather than from what just happened: a
 * retailer's cancel request answered (accepted when nothing shipped, otherwise put to a person), a
 * retailer's cancellation carried to ShipStation, a ShipStation cancellation carried to DSCO's open
 * lines, and a corrected ship-to address written to the unshipped ShipStation order. A row waiting
 * for a person about something else is not held back.
 */
export function carryOutNeeds(ctx: CycleContext): void {
  // The orders with a need; only these are handed out to be changed.
  const records = ctx.book.select(
    (r) => needsCancelRequestAnswer(r) || needsCancelInShipStation(r) || retailerCancelConflict(r) || needsCancelInDsco(r) || (!!r.addressChanged && !!r.ssOrderId),
  );
  answerCancelRequests(ctx, records);
  cancelRetailerCancelled(ctx, records);
  const toDsco = records.filter((r) => needsCancelInDsco(r) && !waiting(ctx, r, 'cancel-in-dsco'));
  let oneByOne = toDsco;
  if (toDsco.length >= DSCO_CANCEL_BATCH_MIN) {
    const batch = cancelManyInDsco(ctx, toDsco.map((r) => ({ record: r, cancel: dscoCancelFor(ctx, r) })));
    for (const r of batch.sent) clearFlag(r, ctx.clock.now(), 'cancel-in-dsco');
    oneByOne = batch.refused;
  }
  for (const r of oneByOne) {
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      return;
    }
    cancelOpenLinesInDsco(ctx, r);
  }
  for (const r of records) {
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      return;
    }
    if (r.addressChanged && r.ssOrderId && !waiting(ctx, r, 'update-address')) updateAddress(ctx, r);
  }
}

function answerCancelRequests(ctx: CycleContext, records: OrderRecord[]): void {
  const toCancel: OrderRecord[] = [];
  for (const r of records) {
    if (!needsCancelRequestAnswer(r)) continue;
    const code = r.cancelRequest!.code;
    const u = unitsOf(r);
    if (u.open === 0 && u.shipped === 0) {
      r.cancelRequest!.state = 'accepted'; // already cancelled: nothing to answer
      continue;
    }
    if (u.shipped > 0 || r.ssStatus === 'shipped') {
      r.cancelRequest!.state = 'flagged';
      markError(ctx, r, 'attention', `The retailer asked to cancel (code ${code}), but the order has already shipped. Answer the request in DSCO, then use Retry failed orders to clear this row.`, 'DSCO → SS');
      continue;
    }
    if (!ctx.retailers.for(r).acceptCancelRequests) {
      r.cancelRequest!.state = 'flagged';
      markError(ctx, r, 'attention', `The retailer asked to cancel (code ${code}); the Retailers tab says to answer this retailer's requests by hand. Accept or reject it in DSCO (and cancel in ShipStation if you accept), then use Retry failed orders to clear this row.`, 'DSCO → SS');
      continue;
    }
    if (!waiting(ctx, r, 'cancel-in-shipstation')) toCancel.push(r);
  }
  cancelEach(ctx, toCancel, (r) => `retailer cancel request ${r.cancelRequest!.code}`, (r, outcome) => {
    const code = r.cancelRequest!.code;
    if (outcome === 'already-shipped') {
      r.cancelRequest!.state = 'flagged';
      markError(ctx, r, 'attention', `The retailer asked to cancel (code ${code}), but the order has already shipped in ShipStation. Answer the request in DSCO, then use Retry failed orders to clear this row.`, 'DSCO → SS');
    } else if (outcome === 'cancelled') {
      r.cancelRequest!.state = 'accepted';
      clearFlag(r, ctx.clock.now(), 'cancel-in-shipstation');
      cancelOpenLinesInDsco(ctx, r);
    }
  });
}

/** ShipStation shows shipped what the retailer cancelled: reading the order again confirms it and puts it to a person, once. */
function retailerCancelConflict(r: RecordView): boolean {
  return r.ssStatus === 'shipped' && !r.cancelConflict && unitsOf(r).open === 0 && !shippedTheRest(r) && r.lines.some((l) => l.cancelledBy === 'retailer' && l.cancelled > 0);
}

function cancelRetailerCancelled(ctx: CycleContext, records: OrderRecord[]): void {
  const toCancel = records.filter((r) => (needsCancelInShipStation(r) || retailerCancelConflict(r)) && !waiting(ctx, r, 'cancel-in-shipstation'));
  cancelEach(ctx, toCancel, () => 'the retailer cancelled it in DSCO', (r, outcome) => {
    if (outcome === 'already-shipped' && shippedTheRest(r)) {
      // Partly cancelled, and the rest shipped through the sync's own packages: ShipStation shows the
      // order shipped, as it should. Units shipped beyond what was open are flagged when the label is read.
      r.flow = 'SS → DSCO';
    } else if (outcome === 'already-shipped') {
      r.cancelConflict = true;
      markError(ctx, r, 'attention', 'The retailer cancelled this order in DSCO, but it has already shipped in ShipStation. Contact the retailer about the shipment.', 'DSCO → SS');
    } else if (outcome === 'cancelled') {
      r.flow = 'DSCO → SS';
      clearFlag(r, ctx.clock.now(), 'cancel-in-shipstation');
      refresh(r, ctx.clock.now());
      ctx.summary.cancelled++;
    }
  });
}

/** Every unit not cancelled was shipped, through packages the sync sent to DSCO. */
function shippedTheRest(r: RecordView): boolean {
  const u = unitsOf(r);
  return u.shipped > 0 && u.shipped + u.cancelled === u.ordered && (r.packages ?? []).length > 0;
}

/** Cancels in ShipStation, in bulk when there are many, then one by one for the rest. */
function cancelEach(ctx: CycleContext, records: OrderRecord[], why: (r: OrderRecord) => string, then: (r: OrderRecord, outcome: CancelOutcome) => void): void {
  const done = records.length >= BULK_CANCEL_MIN ? cancelManyInShipStation(ctx, records) : new Set<OrderRecord>();
  for (const r of records) {
    if (done.has(r)) {
      ctx.log.info('DSCO → SS', r.dscoOrderId, `Cancelled in ShipStation (${why(r)}).`);
      then(r, 'cancelled');
      continue;
    }
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      return;
    }
    then(r, cancelInShipStation(ctx, r, why(r)));
  }
}

/** The cancellation an order's open lines get in DSCO: the accepted request's code, or the retailer's (or the setting's) for one made in ShipStation. */
function dscoCancelFor(ctx: CycleContext, r: OrderRecord): DscoCancel {
  const request = r.cancelRequest?.state === 'accepted' ? r.cancelRequest.code : undefined;
  return {
    code: request ? answerCode(request) : (ctx.retailers.for(r).cancelCode ?? ctx.settings.cancelCode),
    reason: request ? `Cancelled at retailer request (${request})` : 'Cancelled in ShipStation',
    by: 'supplier',
    flow: request ? 'DSCO → SS' : 'SS → DSCO',
  };
}

function cancelOpenLinesInDsco(ctx: CycleContext, r: OrderRecord): void {
  const ok = cancelInDsco(ctx, r, dscoCancelFor(ctx, r));
  if (ok) {
    clearFlag(r, ctx.clock.now(), 'cancel-in-dsco');
    if (unitsOf(r).open === 0) ctx.summary.cancelled++;
  }
}

/**
 * The retailer corrected the ship-to address: the unshipped ShipStation order gets the new address
 * by read-modify-write (address fields only; a person's other edits stay). A shipped one cannot
 * change: a person is asked.
 */
/** The corrected address in a few words, for a message; empty when it cannot be read. */
function mapShipToSafe(order: DscoOrder): string {
  try {
    const s = mapShipTo(order);
    return ` (now ${[s.street1, s.city, s.postalCode].filter(Boolean).join(', ')})`;
  } catch {
    return '';
  }
}

function updateAddress(ctx: CycleContext, r: OrderRecord): void {
  // Kept in memory for this run only: when the read that noticed the change was in an earlier run,
  // the order is read again by ID rather than waiting for the daily check.
  const dscoOrder = ctx.latestDsco.get(r.dscoOrderId) ?? ctx.dsco.getOrder(r.dscoOrderId);
  if (!dscoOrder) return;
  const now = ctx.clock.now();
  if (ctx.shipstation.apiVersion === 'V2') {
    // ShipStation API V2 has no call that updates a shipment's address (notes shipstation-v2.md):
    // a person corrects it in ShipStation; Retry failed orders then clears the row.
    delete r.addressChanged;
    r.shipToHash = shipToHash(dscoOrder);
    const shipTo = mapShipToSafe(dscoOrder);
    markError(ctx, r, 'attention', `The retailer corrected the ship-to address${shipTo}. ShipStation API V2 cannot update it: correct it on the ShipStation order by hand (or, if it already shipped, check with the carrier), then use Retry failed orders to clear this row.`, 'DSCO → SS');
    return;
  }
  try {
    const shipTo = mapShipTo(dscoOrder);
    const order = ctx.shipstation.getOrder(r.ssOrderId as number);
    if (!order || order.orderStatus === 'cancelled') {
      delete r.addressChanged;
      return;
    }
    if (order.orderStatus === 'shipped' || unitsOf(r).shipped > 0) {
      delete r.addressChanged;
      r.shipToHash = shipToHash(dscoOrder);
      markError(ctx, r, 'attention', `The retailer corrected the ship-to address after the order shipped (now ${shipTo.city ?? ''} ${shipTo.postalCode ?? ''}). Check with the carrier or the retailer, then use Retry failed orders to clear this row.`, 'DSCO → SS');
      return;
    }
    ctx.shipstation.createOrder({ ...order, shipTo: { ...order.shipTo, ...shipTo } });
    delete r.addressChanged;
    r.shipToHash = shipToHash(dscoOrder);
    r.updatedAt = now;
    clearFlag(r, now, 'update-address');
    ctx.log.info('DSCO → SS', r.dscoOrderId, `The corrected ship-to address (${shipTo.city ?? ''} ${shipTo.postalCode ?? ''}) is now on the ShipStation order.`);
  } catch (e) {
    if (e instanceof MappingError) {
      markError(ctx, r, 'update-address', `The retailer changed the ship-to address, but it cannot be used: ${e.message}`, 'DSCO → SS');
      return;
    }
    if (!isOrderSpecific(e)) throw e;
    markError(ctx, r, 'update-address', `Could not write the corrected ship-to address to ShipStation: ${errorMessage(e)} Correct it there by hand, or use Retry failed orders.`, 'DSCO → SS');
  }
}
