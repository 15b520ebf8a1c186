import type { DscoOrder } from '../../dsco/dsco-types';
import { fnv1a } from '../../core/text/fnv1a';
import { type CancelledBy, type Deadlines, type FailedStep, type Flow, openQuantity, type OrderInvoice, type OrderLine, type OrderRecord, type OrderStatus, type RecordView } from './order-record';

/**
 * The order's life cycle as pure transitions over its record. Every step of the sync changes a
 * record only through these functions; what the row shows (Status) and what the order needs next
 * are derived here from the per-line state (ordered, cancelled, shipped, open) and the flag for a
 * person. Nothing in this module does I/O.
 */

export interface Units {
  ordered: number;
  shipped: number;
  cancelled: number;
  open: number;
}

export function unitsOf(r: RecordView): Units {
  const u: Units = { ordered: 0, shipped: 0, cancelled: 0, open: 0 };
  for (const l of r.lines) {
    u.ordered += l.quantity;
    u.shipped += l.shipped;
    u.cancelled += l.cancelled;
    u.open += openQuantity(l);
  }
  return u;
}

const SS_CLOSED = new Set(['cancelled', 'shipped']);

/** The ShipStation order still has to be cancelled: nothing is left to ship, the retailer cancelled some, and it is open there. */
export function needsCancelInShipStation(r: RecordView): boolean {
  if (!r.ssOrderId || SS_CLOSED.has(r.ssStatus ?? '') || !r.lines.length) return false;
  const u = unitsOf(r);
  return u.open === 0 && r.lines.some((l) => l.cancelled > 0 && l.cancelledBy === 'retailer');
}

/** The order was cancelled in ShipStation (or its cancel request accepted) and DSCO still has open units. */
export function needsCancelInDsco(r: RecordView): boolean {
  if (r.pendingCancel) return false;
  const open = unitsOf(r).open > 0;
  if (!open) return false;
  if (r.ssStatus === 'cancelled') return true;
  return r.cancelRequest?.state === 'accepted';
}

/** A retailer's cancel request not yet answered: accepted when nothing shipped, otherwise put to a person. */
export function needsCancelRequestAnswer(r: RecordView): boolean {
  return r.cancelRequest?.state === 'new';
}

/**
 * The order must be created in ShipStation: not there yet, and not closed in DSCO already (every
 * unit cancelled or shipped there). An order whose lines cannot ship (no lines, bad quantities)
 * goes to creation too, where the mapping refuses it with a message for a person.
 */
export function needsCreate(r: RecordView): boolean {
  if (r.ssOrderId) return false;
  const u = unitsOf(r);
  return !(u.open === 0 && (u.cancelled > 0 || u.shipped > 0));
}

/** Nothing is open: shipped or cancelled, so no acknowledgement is needed any more. */
export function isClosed(r: RecordView): boolean {
  return r.lines.length > 0 && unitsOf(r).open === 0;
}

/**
 * The order must be acknowledged (again) in DSCO: it is in ShipStation and still open, and the
 * acknowledgement was never sent, failed, or DSCO still lists the order as `created` (still waiting
 * for the supplier) `graceMs` after it was sent. A row waiting for a person is acknowledged all the same.
 */
export function needsAcknowledge(r: RecordView, now: number, stillCreatedInDsco: boolean, graceMs: number): boolean {
  if (!r.ssOrderId || isClosed(r)) return false;
  const sentAt = r.ack?.sentAt;
  if (!sentAt) return true;
  if (!r.ack?.requestId) return true;
  return stillCreatedInDsco && now - sentAt > graceMs;
}

/**
 * What the row shows. Error while a person is needed; otherwise from the units: Shipped when nothing
 * is open and something shipped, Cancelled only when every unit was cancelled and none shipped, and
 * the order stays Sent to SS while ShipStation still has to be cancelled.
 */
export function deriveStatus(r: RecordView): OrderStatus {
  if (r.failedStep) return 'Error';
  if (!r.lines.length) return r.ssOrderId ? 'Sent to SS' : 'Received';
  const u = unitsOf(r);
  if (u.open === 0 && (u.shipped > 0 || u.cancelled > 0) && !needsCancelInShipStation(r) && !r.pendingCancel) return u.shipped > 0 ? 'Shipped' : 'Cancelled';
  return r.ssOrderId ? 'Sent to SS' : 'Received';
}

/** Recomputes the stored Status; `updatedAt` moves when it changed. */
export function refresh(r: OrderRecord, now: number): void {
  const status = deriveStatus(r);
  if (status !== r.status) {
    r.status = status;
    r.updatedAt = now;
  }
}

/** Flags the order for a person at a step. Returns false when the same flag was already there. */
export function flag(r: OrderRecord, step: FailedStep, message: string, flow: Flow, now: number): boolean {
  const same = r.failedStep === step && r.error === message;
  r.failedStep = step;
  r.error = message;
  r.flow = flow;
  r.status = 'Error';
  r.updatedAt = now;
  return !same;
}

/** Clears the flag when it is for `step` (or any step when none is given). */
export function clearFlag(r: OrderRecord, now: number, step?: FailedStep): void {
  if (!r.failedStep || (step && r.failedStep !== step)) return;
  delete r.failedStep;
  delete r.error;
  r.updatedAt = now;
  refresh(r, now);
}

/** The order exists in ShipStation. */
export function markCreated(r: OrderRecord, ssOrderId: number, ssOrderNumber: string, ssStatus: string | undefined, now: number): void {
  r.ssOrderId = ssOrderId;
  r.ssOrderNumber = ssOrderNumber || r.dscoOrderId;
  r.ssStatus = ssStatus ?? 'awaiting_shipment';
  r.flow = 'DSCO → SS';
  r.updatedAt = now;
  clearFlag(r, now, 'create');
  refresh(r, now);
}

/** A package was sent to DSCO (or found there). Idempotent by key and tracking number. */
export function applyShipment(r: OrderRecord, key: string, tracking: string, lines: [number, number][], now: number, labelAt?: number): void {
  if (hasPackage(r, key, tracking)) return;
  for (const [lineNumber, qty] of lines) {
    const line = r.lines.find((l) => l.lineNumber === lineNumber);
    if (line) line.shipped = Math.min(line.quantity - line.cancelled, line.shipped + qty);
  }
  if (tracking && !r.tracking.includes(tracking)) r.tracking.push(tracking);
  (r.packages ??= []).push({ key, tracking, lines, at: now, ...(labelAt ? { labelAt } : {}) });
  r.flow = 'SS → DSCO';
  r.updatedAt = now;
  clearFlag(r, now, 'ship');
  refresh(r, now);
}

/** Whether this package (by shipment key or tracking number) is already recorded as sent. */
export function hasPackage(r: RecordView, key: string, tracking: string): boolean {
  return (r.packages ?? []).some((p) => p.key === key || (!!tracking && p.tracking === tracking && p.key[0] === key[0]));
}

/** Units cancelled (by the retailer in DSCO, or by us with a supplier code once DSCO accepted it). */
export function applyCancel(r: OrderRecord, lines: [number, number][], by: CancelledBy, code: string, now: number): string[] {
  const changed: string[] = [];
  for (const [lineNumber, qty] of lines) {
    const line = r.lines.find((l) => l.lineNumber === lineNumber);
    if (!line) continue;
    const q = Math.min(qty, openQuantity(line));
    if (q <= 0) continue;
    line.cancelled += q;
    line.cancelledBy = by;
    line.cancelCode = code;
    line.cancelledAt = now;
    changed.push(`line ${lineNumber} × ${q}`);
  }
  if (changed.length) {
    r.updatedAt = now;
    refresh(r, now);
  }
  return changed;
}

/** Every open unit as [lineNumber, quantity] pairs. */
export function openLines(r: OrderRecord): [number, number][] {
  return r.lines.filter((l) => openQuantity(l) > 0).map((l) => [l.lineNumber, openQuantity(l)]);
}

/** The ShipStation order's status as read or set. */
export function setShipStationStatus(r: OrderRecord, status: string, now: number): void {
  if (r.ssStatus === status) return;
  r.ssStatus = status;
  r.updatedAt = now;
  refresh(r, now);
}

export function linesOf(order: DscoOrder): OrderLine[] {
  return (order.lineItems ?? []).map((l, i) => {
    const line: OrderLine = {
      lineNumber: typeof l.lineNumber === 'number' ? l.lineNumber : i + 1,
      sku: String(l.sku ?? l.partnerSku ?? ''),
      dscoItemId: String(l.dscoItemId ?? ''),
      quantity: Number(l.quantity) || 0,
      shipped: Math.max(0, Number(l.shippedQuantity) || 0),
      cancelled: Math.max(0, Number(l.cancelledQuantity) || 0),
    };
    if (typeof l.expectedCost === 'number' && Number.isFinite(l.expectedCost) && l.expectedCost >= 0) line.expectedCost = l.expectedCost;
    if (line.cancelled > 0) {
      line.cancelledBy = 'retailer';
      line.cancelCode = String(l.cancelCode ?? '');
    }
    return line;
  });
}

const dateOf = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

/** The retailer's deadlines on the order (undefined when DSCO sends none). */
export function deadlinesOf(order: DscoOrder): Deadlines | undefined {
  const d: Deadlines = {};
  const put = (k: keyof Deadlines, v: unknown) => {
    const t = dateOf(v);
    if (t !== undefined) d[k] = t;
  };
  put('ackBy', order.acknowledgeByDate);
  put('shipBy', order.shipByDate);
  put('cancelAfter', order.cancelAfterDate);
  put('expectedDelivery', order.expectedDeliveryDate);
  return Object.keys(d).length ? d : undefined;
}

/** A fingerprint of DSCO's ship-to address, to notice corrections. */
export function shipToHash(order: DscoOrder): string {
  const s = order.shipping ?? {};
  const parts = [s.name, s.firstName, s.lastName, s.company, ...(Array.isArray(s.address) ? s.address : [s.address1, s.address2]), s.city, s.region ?? s.state, s.postal, s.country, s.phone];
  return fnv1a(parts.map((p) => String(p ?? '').trim()).join('\u0001'));
}

export function cancelRequestCode(order: DscoOrder): string | undefined {
  if (order.cancelRequested) return String(order.cancelRequestedCode ?? '') || 'requested';
  const line = (order.lineItems ?? []).find((l) => l.cancelRequested);
  return line ? String(line.cancelRequestedCode ?? '') || 'requested' : undefined;
}

/** A pending cancellation is over once none of its lines has open units left. */
export function settlePendingCancel(r: OrderRecord): void {
  const p = r.pendingCancel;
  if (p && p.lines.every(([n]) => openQuantity(r.lines.find((l) => l.lineNumber === n) ?? { quantity: 0, shipped: 0, cancelled: 0 } as OrderLine) === 0)) delete r.pendingCancel;
}

/** What absorbing DSCO's view of an order changed in the record, for the log. */
export interface DscoChanges {
  /** Units the retailer cancelled that the record did not know of. */
  cancelled: string[];
  /** Units DSCO shows shipped beyond what the sync sent (shipped outside ShipStation). */
  shippedElsewhere: string[];
  /** A new cancel request. */
  cancelRequest?: string;
  addressChanged: boolean;
}

/**
 * Brings the record up to DSCO's view of the order: quantities cancelled and shipped there (never
 * lowered), a retailer's cancel request, and a corrected ship-to address. Reading the same order
 * twice changes nothing the second time, so every read may overlap the last.
 */
export function absorbDscoOrder(r: OrderRecord, order: DscoOrder, now: number): DscoChanges {
  const out: DscoChanges = { cancelled: [], shippedElsewhere: [], addressChanged: false };
  const theirs = linesOf(order);
  for (const line of r.lines) {
    const t = theirs.find((x) => x.lineNumber === line.lineNumber);
    if (!t) continue;
    // A line cost DSCO did not have when the order was pulled (records from before costs were kept, or a retailer's fix).
    if (line.expectedCost === undefined && t.expectedCost !== undefined) line.expectedCost = t.expectedCost;
    const cancelled = Math.min(t.cancelled, line.quantity - line.shipped);
    if (cancelled > line.cancelled) {
      // Our own cancellation confirmed late counts as ours; anything more is the retailer's.
      const pending = r.pendingCancel?.lines.find(([n]) => n === line.lineNumber)?.[1] ?? 0;
      const ours = Math.min(pending, cancelled - line.cancelled);
      const theirsQty = cancelled - line.cancelled - ours;
      if (ours > 0) applyCancel(r, [[line.lineNumber, ours]], r.pendingCancel!.by, r.pendingCancel!.code, now);
      if (theirsQty > 0) {
        applyCancel(r, [[line.lineNumber, theirsQty]], 'retailer', t.cancelCode ?? '', now);
        out.cancelled.push(`line ${line.lineNumber} × ${theirsQty}`);
      }
    }
    // Units DSCO shows shipped beyond the packages this sync sent (or is sending): shipped outside
    // ShipStation. They are reported, not counted: the order's own packages stay the record of what
    // shipped, so a package confirmed later is never counted twice.
    const sending = (r.pendingShipments ?? []).reduce((n, p) => n + p.lines.filter(([ln]) => ln === line.lineNumber).reduce((m, [, q]) => m + q, 0), 0);
    const extra = Math.min(t.shipped, line.quantity) - line.shipped - sending;
    if (extra > 0) out.shippedElsewhere.push(`line ${line.lineNumber} × ${extra}`);
  }
  const requested = cancelRequestCode(order);
  if (requested && !r.cancelRequest) {
    r.cancelRequest = { code: requested, state: 'new' };
    out.cancelRequest = requested;
    r.updatedAt = now;
  }
  const deadlines = deadlinesOf(order);
  if (deadlines && JSON.stringify(deadlines) !== JSON.stringify(r.deadlines)) {
    r.deadlines = deadlines;
    r.updatedAt = now;
  }
  const hash = shipToHash(order);
  if (r.shipToHash === undefined) r.shipToHash = hash;
  else if (r.shipToHash !== hash && !r.addressChanged) {
    r.addressChanged = true;
    out.addressChanged = true;
    r.updatedAt = now;
  }
  settlePendingCancel(r);
  refresh(r, now);
  return out;
}

/**
 * Records what became of an invoice sent to DSCO (by invoice ID). "sent" is final: an invoice DSCO
 * created is never downgraded, whatever a later answer says. A sent invoice clears an invoice flag
 * once no other invoice of the order is refused.
 */
export function setInvoice(r: OrderRecord, invoice: Omit<OrderInvoice, 'at' | 'firstAt'>, now: number): void {
  const list = (r.invoices ??= []);
  const known = list.find((i) => i.invoiceId === invoice.invoiceId);
  if (known?.state === 'sent') return;
  if (known) Object.assign(known, invoice, { at: now });
  else list.push({ ...invoice, at: now, firstAt: now });
  r.updatedAt = now;
  if (invoice.state === 'sent' && !list.some((i) => i.state === 'refused')) clearFlag(r, now, 'invoice');
}

/** Every invoice of the order was created in DSCO (and there is at least one). */
export function isInvoiced(r: OrderRecord): boolean {
  return !!r.invoices?.length && r.invoices.every((i) => i.state === 'sent');
}
