import { errorMessage, isOrderSpecific, isRunLevel } from '../../core/errors';
import { CarrierMap } from './carrier-map';
import { type CycleContext, markError } from '../cycle/cycle-context';
import { type InflightShipment, InflightShipments } from './inflight-shipments';
import { openQuantity, type OrderRecord } from '../orders/order-record';
import { DAY_MS, HOUR_MS } from '../../core/time/durations';
import { hasPackage, unitsOf } from '../orders/order-state';
import { REFUSED_NEXT_STEP, recordShipment, describeLines, type Push, shipmentBody } from './shipment-apply';
import { checkShipmentBatches, oldestLostShipment, sendShipmentBatches, shipmentBatchThreshold } from './shipment-batches';
import { fromFulfillment, fromShipment, type ShipmentCandidate } from './shipment-candidates';

/**
 * ShipStation dates are Pacific and their filters coarse, and a label can be listed a little after
 * its createDate: every read goes back this far before the watermark. Re-reading is harmless: each
 * shipment is sent once, by key (the order's own packages and the _Shipments ledger).
 */
export const SHIPMENT_OVERLAP_MS = 2 * HOUR_MS;
/** Shipments are sent in groups; each group's markers are written before its calls. */
const GROUP = 20;

/**
 * Quantities already on their way to DSCO for an order in this cycle (or waiting in a batch):
 * two shipments of one order in the same cycle must not both claim the same open units.
 */
class Planned {
  private readonly byRecord = new Map<OrderRecord, Map<number, number>>();

  of(record: OrderRecord): Map<number, number> {
    let m = this.byRecord.get(record);
    if (!m) {
      m = new Map();
      for (const p of record.pendingShipments ?? []) for (const [n, q] of p.lines) m.set(n, (m.get(n) ?? 0) + q);
      this.byRecord.set(record, m);
    }
    return m;
  }

  add(record: OrderRecord, lines: [number, number][]): void {
    const m = this.of(record);
    for (const [n, q] of lines) m.set(n, (m.get(n) ?? 0) + q);
  }
}

/** Shipped lines: from the shipment's items when ShipStation gives them, else everything still open. */
function shippedLines(record: OrderRecord, c: ShipmentCandidate, planned: Planned): [number, number][] {
  const taken = planned.of(record);
  const open = (l: OrderRecord['lines'][number]) => Math.max(0, openQuantity(l) - (taken.get(l.lineNumber) ?? 0));
  if (c.items && c.items.length) {
    const out: [number, number][] = [];
    for (const item of c.items) {
      const line =
        record.lines.find((l) => String(l.lineNumber) === item.lineItemKey) ??
        record.lines.find((l) => item.sku && l.sku === item.sku && open(l) > 0);
      if (line && item.quantity > 0) out.push([line.lineNumber, Math.min(item.quantity, open(line))]);
    }
    return out.filter(([, q]) => q > 0);
  }
  return record.lines.filter((l) => open(l) > 0).map((l) => [l.lineNumber, open(l)]);
}

/** Units of a label beyond what is open, on lines the retailer cancelled: shipped although cancelled. */
function cancelledButShipped(record: OrderRecord, c: ShipmentCandidate, planned: Planned): string[] {
  if (!c.items?.length) return [];
  const taken = planned.of(record);
  const out: string[] = [];
  for (const item of c.items) {
    const line = record.lines.find((l) => String(l.lineNumber) === item.lineItemKey);
    if (!line || line.cancelledBy !== 'retailer' || line.cancelled <= 0) continue;
    const extra = item.quantity - Math.max(0, openQuantity(line) - (taken.get(line.lineNumber) ?? 0));
    if (extra > 0) out.push(`line ${line.lineNumber} × ${Math.min(extra, line.cancelled)}`);
  }
  return out;
}

/**
 * A previous run may have died between DSCO accepting a shipment and the ledger reaching the
 * sheet. For each marker left behind, look for the tracking number on the DSCO order: found means
 * DSCO has it (record it, do not send again); not found means it never arrived.
 * Returns the markers that could not be resolved yet: their shipments are held back this cycle.
 */
function recoverInflight(ctx: CycleContext, inflight: InflightShipments): InflightShipment[] {
  const markers = inflight.pending();
  if (!markers.length) return [];
  // Each order is read by ID: DSCO's search is eventually consistent (an update may not be
  // searchable for minutes, or at all), a read by key shows the order as it is.
  const packages = new Map<string, Set<string>>();
  try {
    for (const id of new Set(markers.map((m) => m.dscoOrderId))) {
      const o = ctx.dsco.getOrder(id);
      const list = o && Array.isArray(o.packages) ? (o.packages as { trackingNumber?: string }[]) : [];
      packages.set(id, new Set(list.map((p) => String(p.trackingNumber ?? ''))));
    }
  } catch (e) {
    if (isRunLevel(e)) throw e;
    ctx.log.warn('SS → DSCO', '', `Could not check shipments from an interrupted run; they are held back until the next sync: ${errorMessage(e)}`);
    return markers;
  }
  for (const m of markers) {
    const record = ctx.book.get(m.dscoOrderId);
    const inLedger = ctx.book.wasPushed(m.key);
    if (inLedger || packages.get(m.dscoOrderId)?.has(m.tracking)) {
      ctx.book.recordPush({ key: m.key, dscoOrderId: m.dscoOrderId, tracking: m.tracking, pushedAt: m.at, note: 'confirmed in DSCO after an interrupted run' });
      // The record's quantities and tracking list are saved together (in _Orders), separately from
      // the ledger: apply the shipment only if the saved record does not already count it.
      if (record) recordShipment(ctx, record, m.key, m.tracking, m.lines);
      if (!inLedger) ctx.log.info('SS → DSCO', m.dscoOrderId, `Tracking ${m.tracking} was already in DSCO from an interrupted run; not sent again.`);
    }
  }
  return [];
}

/** Candidates in the window, those the sweep found, plus (on retry) the shipments of orders whose tracking failed before. */
function listCandidates(ctx: CycleContext, since: number): ShipmentCandidate[] {
  const created = since - SHIPMENT_OVERLAP_MS;
  // The sweep's finds first: when the window read finds the same shipment, its entry wins (not a repair).
  const out: ShipmentCandidate[] = [...ctx.sweptShipments];
  out.push(...ctx.shipstation
    .listShipments({ storeId: ctx.settings.ssStoreId, createdSince: created, includeShipmentItems: true })
    .map(fromShipment));
  out.push(...ctx.shipstation.listFulfillments({ createdSince: created }).map(fromFulfillment));
  if (ctx.retrying) {
    for (const r of ctx.book.view()) {
      if (r.failedStep === 'ship' && !ctx.budget.expired()) {
        out.push(...ctx.shipstation.listShipments({ storeId: ctx.settings.ssStoreId, orderNumber: r.dscoOrderId, includeShipmentItems: true }).map(fromShipment));
      }
    }
  }
  const unique = new Map(out.map((c) => [c.key, c]));
  return [...unique.values()].sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Step 4: the store's ShipStation shipments (labels, and orders marked shipped without a label)
 * go to DSCO with tracking number, ship date, carrier codes from the Carrier Map and the shipped
 * lines. A ledger keyed by shipment ID guarantees each is sent once. Returns the new shipment
 * watermark, to be stored only after the ledger is saved.
 */
export interface TrackingOutcome {
  /** The shipment watermark to store once the ledger is saved. */
  watermark: number;
  /** Call after the ledger is saved: drops markers of recorded shipments, keeps the unresolved ones. */
  settle(): void;
}

export function pushTracking(ctx: CycleContext): TrackingOutcome {
  const inflight = new InflightShipments(ctx.store);
  const heldMarkers = recoverInflight(ctx, inflight);
  const held = new Set(heldMarkers.map((m) => m.key));
  const batches = checkShipmentBatches(ctx);
  const startedAt = ctx.clock.now();
  const since = ctx.watermarks.get('shipments') ?? startedAt - ctx.settings.lookbackDays * DAY_MS;
  const candidates = listCandidates(ctx, since);
  const pushes: Push[] = [];
  const planned = new Planned();
  for (const c of candidates) {
    const seen = ctx.book.peek(c.orderKey) ?? ctx.book.peek(c.orderNumber);
    if (!seen || !seen.ssOrderId || (c.orderId && c.orderId !== seen.ssOrderId)) continue;
    if (c.isReturnLabel) continue;
    const pushed = ctx.book.wasPushed(c.key) || hasPackage(seen, c.key, c.tracking);
    // The overlap re-reads shipments already sent: those are passed over without touching the record.
    if (!c.voided && (pushed || held.has(c.key) || batches.pending.has(c.key) || batches.failed.has(c.key))) continue;
    // A label already reported as not to be sent (see notSent): the overlap re-reads it silently.
    if (!c.voided && ctx.book.wasPushed(notSentKey(c.key))) continue;
    if (c.voided && (!pushed || ctx.book.wasPushed(`V${c.key}`) || hasPackage(seen, `V${c.key}`, ''))) continue;
    const record = ctx.book.get(seen.dscoOrderId)!;
    if (c.voided) {
      const voidKey = `V${c.key}`;
      if (pushed && !ctx.book.wasPushed(voidKey) && !hasPackage(record, voidKey, '')) {
        ctx.book.recordPush({ key: voidKey, dscoOrderId: record.dscoOrderId, tracking: c.tracking, pushedAt: ctx.clock.now(), note: 'voided after it was sent' });
        (record.packages ??= []).push({ key: voidKey, tracking: '', lines: [], at: ctx.clock.now() });
        markError(ctx, record, 'attention', `The ShipStation label ${c.tracking} was voided after its tracking number was sent to DSCO. Correct the shipment in DSCO, then use Retry failed orders to clear this row.`, 'SS → DSCO');
      }
      continue;
    }
    if (pushed || held.has(c.key) || batches.pending.has(c.key) || batches.failed.has(c.key)) continue;
    const units = unitsOf(record);
    if (units.open === 0 && units.shipped === 0 && units.cancelled > 0) {
      notSent(ctx, record.dscoOrderId, c.key, c.tracking, 'the order is cancelled');
      ctx.log.warn('SS → DSCO', record.dscoOrderId, `ShipStation shows tracking ${c.tracking} for an order that is cancelled; not sent to DSCO. Check the order.`);
      continue;
    }
    // A row waiting for a person still gets its tracking sent; only a refused shipment waits for Retry failed orders.
    if (record.failedStep === 'ship' && !ctx.retrying) continue;
    if (!c.tracking) continue;
    const service = ctx.carrierMap.lookup(c.carrierCode, c.serviceCode);
    if (!service) {
      markError(ctx, record, 'ship', CarrierMap.missingMessage(c.carrierCode, c.serviceCode), 'SS → DSCO');
      continue;
    }
    const over = cancelledButShipped(record, c, planned);
    if (over.length) {
      markError(ctx, record, 'attention', `ShipStation label ${c.tracking} ships ${over.join(', ')} that the retailer cancelled in DSCO. Contact the retailer about the shipment, then use Retry failed orders to clear this row.`, 'SS → DSCO');
    }
    const lines = shippedLines(record, c, planned);
    if (!lines.length) {
      // Noted (warned once) only when nothing of the order is open: units merely claimed by another
      // label of this run, or by a batch in flight, may open again if that one is refused.
      if (unitsOf(record).open === 0) notSent(ctx, record.dscoOrderId, c.key, c.tracking, 'covers no open quantity');
      ctx.log.warn('SS → DSCO', record.dscoOrderId, `Tracking ${c.tracking} covers no open quantity of this order; not sent to DSCO.`);
      continue;
    }
    planned.add(record, lines);
    pushes.push({ record, candidate: c, service, lines });
  }

  // Many shipments go in asynchronous batches (outcome read by the next sync); a few, or a batch
  // DSCO refused as a whole, one by one with singleShipment.
  let oneByOne = pushes;
  let batchUnsent: number | undefined;
  if (pushes.length > shipmentBatchThreshold(ctx)) {
    const sent = sendShipmentBatches(ctx, pushes);
    batchUnsent = sent.oldestUnsent;
    oneByOne = sent.refused;
  }
  const single = sendOneByOne(ctx, oneByOne, inflight);
  if (single.fatal) throw single.fatal; // markers stay written; the next run checks DSCO for them
  const keep = [...heldMarkers, ...single.unknown];
  const settle = () => {
    inflight.clear();
    if (keep.length) inflight.write(keep);
  };
  const keepKeys = new Set(keep.map((m) => m.key));
  const firstHeld = candidates.filter((c) => keepKeys.has(c.key)).map((c) => c.createdAt);
  const floor = Math.min(...[batchUnsent, single.oldestUnsent, oldestLostShipment(ctx), ...firstHeld].filter((v): v is number => typeof v === 'number'));
  if (Number.isFinite(floor)) return { watermark: Math.max(since, floor), settle };
  let newest = since;
  for (const c of candidates) if (c.createdAt > newest) newest = c.createdAt;
  return { watermark: Math.min(newest, startedAt), settle };
}

/** The ledger key noting that a shipment was reported as not to be sent. */
function notSentKey(key: string): string {
  return `N${key}`;
}

/**
 * Notes in the ledger that this shipment is not sent and why, so the warning is given once and not
 * at every run while the shipments' overlap reads the label again. Only for an order with nothing
 * open: shipped and cancelled units never open again.
 */
function notSent(ctx: CycleContext, dscoOrderId: string, key: string, tracking: string, why: string): void {
  ctx.book.recordPush({ key: notSentKey(key), dscoOrderId, tracking, pushedAt: ctx.clock.now(), note: `not sent: ${why}` });
}

interface OneByOneOutcome {
  oldestUnsent?: number;
  /** Markers of shipments whose answer was unclear: kept for the next run to check. */
  unknown: InflightShipment[];
  fatal?: unknown;
}

/** singleShipment per shipment, in groups whose in-flight markers are written before their calls. */
function sendOneByOne(ctx: CycleContext, pushes: Push[], inflight: InflightShipments): OneByOneOutcome {
  const out: OneByOneOutcome = { unknown: [] };
  for (let i = 0; i < pushes.length; i += GROUP) {
    const group = pushes.slice(i, i + GROUP);
    const markers = group.map((p) => ({ key: p.candidate.key, dscoOrderId: p.record.dscoOrderId, tracking: p.candidate.tracking, at: ctx.clock.now(), lines: p.lines }));
    inflight.write(markers);
    for (let j = 0; j < group.length; j++) {
      const p = group[j];
      if (ctx.budget.expired()) {
        ctx.summary.deferred = true;
        out.oldestUnsent = p.candidate.createdAt;
        ctx.log.warn('SS → DSCO', '', `Time is up for this run: ${pushes.length - i - j} tracking number(s) will be sent by the next sync.`);
        return out;
      }
      try {
        ctx.dsco.singleShipment({ dscoOrderId: p.record.dscoOrderId, shipments: [shipmentBody(p)] });
        ctx.book.recordPush({ key: p.candidate.key, dscoOrderId: p.record.dscoOrderId, tracking: p.candidate.tracking, pushedAt: ctx.clock.now(), note: p.candidate.kind });
        recordShipment(ctx, p.record, p.candidate.key, p.candidate.tracking, p.lines, p.candidate.createdAt);
        ctx.summary.shipped++;
        ctx.log.info('SS → DSCO', p.record.dscoOrderId, `${p.candidate.foundBySweep ? 'Repaired by the daily check: t' : 'T'}racking ${p.candidate.tracking} (${p.candidate.carrierCode}${p.candidate.serviceCode ? ` ${p.candidate.serviceCode}` : ''}) sent to DSCO for ${describeLines(p.lines)}.`);
      } catch (e) {
        if (isOrderSpecific(e)) {
          markError(ctx, p.record, 'ship', `DSCO refused tracking ${p.candidate.tracking}: ${errorMessage(e)} ${REFUSED_NEXT_STEP}`, 'SS → DSCO');
        } else {
          // No answer, a server error, or the run must stop: DSCO may have taken it. Keep the marker;
          // the next run checks DSCO before sending it again.
          out.unknown.push(markers[j]);
          if (isRunLevel(e)) {
            out.fatal = e;
            out.oldestUnsent = p.candidate.createdAt;
            return out;
          }
          ctx.log.warn('SS → DSCO', p.record.dscoOrderId, `Sending tracking ${p.candidate.tracking} had no clear answer (${errorMessage(e)}); the next sync checks DSCO before sending it again.`);
        }
      }
    }
  }
  return out;
}
