import { expect } from 'vitest';
import type { Order } from '../../../sandbox/fakes/dsco';
import { parsePacific, type SsOrder } from '../../../sandbox/fakes/shipstation';
import { STORE_ID, type Rig } from './rig';
import type { OrderRecord } from '../../../src/sync/orders/order-record';
import { deadlineCountFormulas } from '../../../src/overview/overview-block';
import { TABS } from '../../../src/storage/storage-map';

/** The engine reads ShipStation shipments back this far before its watermark (push-tracking.ts). */
const SHIPMENT_OVERLAP_MS = 2 * 3_600_000;
/** …and cancelled ShipStation orders this far (shipstation-cancellations.ts). */
const SS_CANCEL_OVERLAP_MS = 3_600_000;
/** The engine reads DSCO updates this far before its watermark (src/dsco/dsco-consistency.ts). */
const DSCO_UPDATES_OVERLAP_MS = 30 * 60_000;

const instant = (pacific: string | null | undefined): number => (pacific ? (parsePacific(pacific)?.instant ?? NaN) : NaN);

/** The store's ShipStation order for a DSCO order ID (orderKey), if any. */
export function ssOrderOf(rig: Rig, dscoOrderId: string): SsOrder | undefined {
  return [...rig.ss.orders.values()].find((o) => o.orderKey === dscoOrderId && o.advancedOptions.storeId === STORE_ID);
}

/** ShipStation orders per orderKey, in the configured store. */
export function ssOrderCounts(rig: Rig): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of rig.ss.orders.values()) {
    if (o.advancedOptions.storeId !== STORE_ID) continue;
    counts.set(o.orderKey, (counts.get(o.orderKey) ?? 0) + 1);
  }
  return counts;
}

/**
 * How many times DSCO applied each shipment: every applied shipment adds one "ship" activity to each
 * line it ships, with the reason "Tracking # <n> added". Counting them per order, line and tracking
 * number counts applied requests whatever endpoint carried them, and ignores requests DSCO refused
 * or never received.
 */
export function appliedShipmentCounts(rig: Rig): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of rig.dsco.orders.values()) {
    for (const line of o.lineItems) {
      for (const a of line.activity ?? []) {
        const m = a.action === 'ship' ? /^Tracking # (.+) added$/.exec(String(a.reason ?? '')) : null;
        if (!m) continue;
        const key = `order ${o.dscoOrderId} line ${line.lineNumber} tracking ${m[1]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export function dscoPackages(order: Order | undefined): Set<string> {
  return new Set((order?.packages ?? []).map((p) => String(p.trackingNumber)));
}

/** At most one ShipStation order per DSCO order, each shipment applied in DSCO at most once, one row per order. */
export function expectNoDuplicates(rig: Rig): void {
  const ssDup = [...ssOrderCounts(rig)].filter(([, n]) => n > 1);
  const shipDup = [...appliedShipmentCounts(rig)].filter(([, n]) => n > 1);
  rig.figures.duplicates.ssOrders += ssDup.reduce((s, [, n]) => s + n - 1, 0);
  rig.figures.duplicates.dscoShipments += shipDup.reduce((s, [, n]) => s + n - 1, 0);
  const rows = [...rig.dashboard(), ...rig.archive()].map((r) => r.dscoOrderId);
  const rowDup = rows.filter((id, i) => rows.indexOf(id) !== i);
  expect(ssDup, 'ShipStation orders per orderKey').toEqual([]);
  expect(shipDup, 'DSCO shipments applied more than once').toEqual([]);
  expect(rowDup, 'orders shown on more than one row').toEqual([]);
}

/**
 * Every DSCO order released to the supplier ends in ShipStation, or as an Error row with a message,
 * or was cancelled in DSCO before it could be created.
 */
export function expectNoLostOrders(rig: Rig, ids: string[] = rig.seeded): void {
  const lost: string[] = [];
  for (const id of ids) {
    const d = rig.dsco.orders.get(id);
    if (!d || d.dscoLifecycle === 'received') continue;
    const row = rig.row(id);
    if (ssOrderOf(rig, id)) continue;
    if (row?.status === 'Error' && row.error.trim() !== '') continue;
    if (d.dscoStatus === 'cancelled' && (!row || row.status === 'Cancelled')) continue;
    lost.push(`${id} (row: ${row ? `${row.status} ${row.error}` : 'none'})`);
  }
  rig.figures.lost += lost.length;
  expect(lost, 'DSCO orders neither in ShipStation nor an Error row').toEqual([]);
}

/** Every order that was ever on the Dashboard is still on the Dashboard or the Archive. */
export function expectNoLostRows(rig: Rig): void {
  const now = new Set([...rig.dashboard(), ...rig.archive()].map((r) => r.dscoOrderId));
  const gone = [...rig.rowsSeen].filter((id) => !now.has(id));
  rig.figures.lostRows += gone.length;
  expect(gone, 'rows that disappeared').toEqual([]);
}

/**
 * Watermarks (Script Properties `watermark.*`) are never ahead of unprocessed work: everything not
 * yet done is still inside the window the next cycle reads.
 */
export function expectWatermarksNotAhead(rig: Rig): void {
  const props = rig.props();
  const wm = (name: string) => {
    const v = Number(props[`watermark.${name}`]);
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const records = new Map<string, OrderRecord>();
  for (const row of rig.sim.readSheet('_Orders').slice(1)) {
    try {
      const r = JSON.parse(String(row[1]).replace(/^'/, '')) as OrderRecord;
      records.set(r.dscoOrderId, r);
    } catch {
      // not a record
    }
  }
  const violations: string[] = [];
  const ledger = rig.ledgerKeys();
  const open = (id: string, ssOrderId: number) => {
    const r = records.get(id);
    return !!r && r.ssOrderId === ssOrderId && (r.status === 'Sent to SS' || (r.status === 'Error' && r.failedStep === 'acknowledge'));
  };

  const shipments = wm('shipments');
  if (shipments !== undefined) {
    for (const s of rig.ss.shipments) {
      if (s.voided || s.isReturnLabel || s.advancedOptions.storeId !== STORE_ID || ledger.has(`S${s.shipmentId}`) || !open(s.orderKey, s.orderId)) continue;
      rig.figures.watermarkChecks++;
      if (instant(s.createDate) < shipments - SHIPMENT_OVERLAP_MS) violations.push(`shipment S${s.shipmentId} (${s.trackingNumber}) created before watermark.shipments`);
    }
    for (const f of rig.ss.fulfillments) {
      if (f.voided || ledger.has(`F${f.fulfillmentId}`) || !open(f.orderNumber, f.orderId)) continue;
      rig.figures.watermarkChecks++;
      if (instant(f.createDate) < shipments - SHIPMENT_OVERLAP_MS) violations.push(`fulfillment F${f.fulfillmentId} created before watermark.shipments`);
    }
  }

  const dscoUpdates = wm('dscoUpdates');
  if (dscoUpdates !== undefined) {
    for (const d of rig.dsco.orders.values()) {
      const r = records.get(d.dscoOrderId);
      // An Error row waits for a person; Retry failed orders redoes its step without the watermark.
      if (!r || r.status === 'Cancelled' || (r.status === 'Error' && r.failedStep !== 'acknowledge')) continue;
      const pending = d.dscoStatus === 'cancelled' || d.cancelRequested === true || d.lineItems.some((l) => l.cancelRequested === true);
      if (!pending || r.status === 'Shipped' && !d.cancelRequested) continue;
      // The watermark may pass a change once the record holds it: what the order needs is derived from its state.
      const absorbed = d.cancelRequested === true || d.lineItems.some((l) => l.cancelRequested === true)
        ? !!r.cancelRequest
        : d.lineItems.every((l) => (r.lines.find((x) => x.lineNumber === l.lineNumber)?.cancelled ?? 0) >= Math.min(l.cancelledQuantity ?? 0, l.quantity - (r.lines.find((x) => x.lineNumber === l.lineNumber)?.shipped ?? 0)));
      if (absorbed) continue;
      rig.figures.watermarkChecks++;
      if (!(Date.parse(d.dscoLastUpdate) > dscoUpdates - DSCO_UPDATES_OVERLAP_MS)) violations.push(`DSCO order ${d.dscoOrderId} (cancel pending) last updated before watermark.dscoUpdates`);
    }
  }

  const ssCancels = wm('shipstationCancels');
  if (ssCancels !== undefined) {
    for (const o of rig.ss.orders.values()) {
      if (o.orderStatus !== 'cancelled' || o.advancedOptions.storeId !== STORE_ID) continue;
      const r = records.get(o.orderKey);
      if (!r || r.ssOrderId !== o.orderId || r.status === 'Cancelled' || r.status === 'Shipped') continue;
      if (r.status === 'Error' && r.failedStep !== 'acknowledge') continue;
      if (r.ssStatus === 'cancelled') continue; // the record holds it
      rig.figures.watermarkChecks++;
      if (instant(o.modifyDate) < ssCancels - SS_CANCEL_OVERLAP_MS) violations.push(`ShipStation order ${o.orderNumber} cancelled before watermark.shipstationCancels`);
    }
  }
  rig.figures.watermarkViolations += violations.length;
  expect(violations, 'work behind a watermark').toEqual([]);
}

/** The only formulas the product writes: the Overview's late and due-today counts, in its value column. */
const PRODUCT_FORMULAS = new Set(Object.values(deadlineCountFormulas()));
const isProductFormula = (sheet: string, column: number, f: string) => sheet === TABS.overview.name && column === TABS.overview.col.value && PRODUCT_FORMULAS.has(f);

/** No cell of any tab holds a formula from data: retailer text is always stored as text (the Overview's own two counts aside). */
export function expectNoFormulas(rig: Rig): void {
  const found: string[] = [];
  for (const sheet of rig.sim.spreadsheet.getSheets()) {
    const range = sheet.getDataRange();
    const formulas = range.getFormulas();
    rig.figures.formulaCells += range.numRows * range.numCols;
    formulas.forEach((line, i) =>
      line.forEach((f, j) => {
        if (f && !isProductFormula(sheet.getName(), j + 1, f)) found.push(`${sheet.getName()}!R${i + 1}C${j + 1}: ${f.slice(0, 60)}`);
      }),
    );
  }
  rig.figures.formulas += found.length;
  expect(found, 'formulas in the spreadsheet').toEqual([]);
}

/** Live (not voided, not return) tracking numbers of a ShipStation order: labels and mark-as-shipped. */
export function liveTracking(rig: Rig, o: SsOrder): string[] {
  const labels = rig.ss.shipments.filter((s) => s.orderId === o.orderId && !s.voided && !s.isReturnLabel).map((s) => s.trackingNumber);
  const marks = rig.ss.fulfillments.filter((f) => f.orderId === o.orderId && !f.voided && f.trackingNumber).map((f) => String(f.trackingNumber));
  return [...labels, ...marks];
}

/**
 * Each Dashboard row agrees with DSCO and ShipStation (after settle cycles without faults). Error
 * rows are checked by `allowError`, which says whether that order had a reason to need a person.
 * Returns the disagreements (also counted in the figures and asserted).
 */
export function expectRowsAgree(
  rig: Rig,
  allowError: (id: string, error: string) => boolean = () => true,
  known: { id: string; matches: (problem: string) => boolean }[] = [],
): void {
  const problems: string[] = [];
  for (const row of [...rig.dashboard(), ...rig.archive()]) {
    const id = row.dscoOrderId;
    const d = rig.dsco.orders.get(id);
    const s = ssOrderOf(rig, id);
    const pkgs = dscoPackages(d);
    const open = d ? d.lineItems.reduce((n, l) => n + Math.max(0, l.quantity - (l.shippedQuantity ?? 0) - (l.cancelledQuantity ?? 0)), 0) : 0;
    const shippedAny = d ? d.lineItems.some((l) => (l.shippedQuantity ?? 0) > 0) : false;
    const rowTracking = row.tracking ? row.tracking.split(', ') : [];
    const say = (what: string) => problems.push(`${id} [${row.status}${row.error ? `: ${row.error.slice(0, 400)}` : ''}] ${what}`);
    if (!d) {
      say('no such DSCO order');
      continue;
    }
    for (const t of rowTracking) if (!pkgs.has(t)) say(`tracking ${t} on the row is not in DSCO`);
    switch (row.status) {
      case 'Sent to SS':
      case 'Shipped': {
        if (!s) {
          say('no ShipStation order');
          break;
        }
        // A partly shipped order whose other units the retailer cancelled is Shipped, and its ShipStation order cancelled.
        const someCancelled = d.lineItems.some((l) => (l.cancelledQuantity ?? 0) > 0);
        if (s.orderStatus === 'cancelled' && !(row.status === 'Shipped' && someCancelled)) say('ShipStation order is cancelled');
        if (d.dscoStatus === 'cancelled') say('DSCO order is cancelled');
        if (d.dscoLifecycle === 'created') say('DSCO still waits for the acknowledgement');
        if (d.cancelRequested) say('a retailer cancel request is unanswered');
        for (const t of liveTracking(rig, s)) if (!pkgs.has(t)) say(`ShipStation tracking ${t} was not sent to DSCO`);
        if (row.status === 'Shipped' && (open > 0 || !shippedAny)) say(`DSCO has ${open} unit(s) open`);
        if (row.status === 'Sent to SS' && open === 0) say('DSCO has nothing open');
        break;
      }
      case 'Cancelled':
        if (s && s.orderStatus !== 'cancelled') say(`ShipStation order is ${s.orderStatus}`);
        if (open > 0) say(`DSCO has ${open} unit(s) open`);
        break;
      case 'Error':
        if (!row.error.trim()) say('Error row without a message');
        else if (!allowError(id, row.error)) say('unexpected Error row');
        break;
      default:
        say(`status ${row.status} after settling`);
    }
  }
  const unexpected: string[] = [];
  for (const p of problems) {
    const k = known.find((x) => x.matches(p));
    if (k) rig.figures.knownIssues[k.id] = (rig.figures.knownIssues[k.id] ?? 0) + 1;
    else unexpected.push(p);
  }
  rig.figures.disagreements += unexpected.length;
  rig.figures.errorRows += [...rig.dashboard(), ...rig.archive()].filter((r) => r.status === 'Error').length;
  expect(unexpected, 'rows that disagree with DSCO or ShipStation').toEqual([]);
}
