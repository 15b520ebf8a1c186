import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { emptyFigures, type Figures } from './support/figures';
import { expectNoDuplicates, expectNoFormulas, expectNoLostOrders, expectNoLostRows, expectRowsAgree, expectWatermarksNotAhead } from './support/invariants';
import { expectNoLeaks } from './support/leaks';
import { commands, run, type Command, type ModelState } from './support/model';
import { createRig } from './support/rig';
import { reliabilityTest } from './support/scenario';

/**
 * Random days: DSCO events (new orders, releases of orders not yet released, retailer cancels and
 * cancel requests), ShipStation events (labels, split shipments, voids, cancels, mark-as-shipped),
 * sync cycles, and in the second property faults and interruptions of every kind. After clean
 * settle cycles: at most one ShipStation order per DSCO order, each ShipStation shipment applied in
 * DSCO at most once, every released order in ShipStation or on an Error row, no row lost, watermarks
 * not ahead of the work, every row agreeing with both systems, and an Error row only where the
 * model says a person must decide (a label voided after its tracking reached DSCO, a retailer
 * cancel or cancel request after shipping began).
 */

function day(cmds: Command[], figures: Figures): void {
  const rig = createRig({ figures });
  rig.install();
  rig.sim.spreadsheet.getSheetByName('Carrier Map')!.appendRow(['ups', '', 'UPS', 'Ground', 'UPCG']);
  const state: ModelState = { conflicts: new Set(), cancelled: new Set(), shipped: new Set(), trackingSeq: 0, applied: 0 };
  for (const c of cmds) run(rig, state, c);
  figures.runs++;
  figures.commands += cmds.length;
  rig.settle(5);
  expectNoDuplicates(rig);
  expectNoLostOrders(rig);
  expectNoLostRows(rig);
  expectWatermarksNotAhead(rig);
  expectRowsAgree(rig, (id) => state.conflicts.has(id));
  expectNoFormulas(rig);
  expectNoLeaks(rig);
  expect(rig.dsco.violations).toEqual([]);
  expect(rig.internalErrors).toEqual([]);
}

const HOUR = 3_600_000;

/**
 * The convergence property: DSCO's changes become searchable late (a random lag) or never (visible
 * by ID only), the retailer cancels single units and corrects addresses, runs fail in every way;
 * then, over reconcileHours (24) of hourly clean runs, DSCO, ShipStation and the sheet agree for
 * every order: every label in DSCO once, nothing left open in DSCO that ShipStation cancelled,
 * nothing left to ship in ShipStation that DSCO cancelled, the corrected address on every unshipped
 * ShipStation order. Returns the hours it took.
 */
function convergedDay(cmds: Command[], lagMin: number, figures: Figures): number {
  const rig = createRig({ figures });
  rig.install();
  rig.sim.spreadsheet.getSheetByName('Carrier Map')!.appendRow(['ups', '', 'UPS', 'Ground', 'UPCG']);
  rig.dsco.setSearchLag(lagMin * 60_000);
  const state: ModelState = { conflicts: new Set(), cancelled: new Set(), shipped: new Set(), trackingSeq: 0, applied: 0 };
  for (const c of cmds) run(rig, state, c);
  figures.runs++;
  figures.commands += cmds.length;
  // Hourly clean runs until everything agrees (the acknowledgement needs two: sent, then verified).
  let hours = 0;
  for (; hours <= 26; hours++) {
    rig.settle(1, HOUR);
    if (hours >= 1 && differences(rig, state).length === 0) break;
  }
  expect(differences(rig, state), 'DSCO, ShipStation and the sheet still differ after reconcileHours').toEqual([]);
  expectNoDuplicates(rig);
  expectNoLostOrders(rig);
  expectRowsAgree(rig, (id) => state.conflicts.has(id));
  expect(rig.dsco.violations).toEqual([]);
  return hours;
}

function differences(rig: ReturnType<typeof createRig>, state: ModelState): string[] {
  const out: string[] = [];
  for (const d of rig.dsco.orders.values()) {
    if (d.dscoLifecycle === 'received' || state.conflicts.has(d.dscoOrderId)) continue;
    const ss = [...rig.ss.orders.values()].find((o) => o.orderKey === d.dscoOrderId);
    const open = d.lineItems.reduce((n, l) => n + Math.max(0, l.quantity - (l.shippedQuantity ?? 0) - (l.cancelledQuantity ?? 0)), 0);
    if (!ss) {
      if (open > 0) out.push(`${d.dscoOrderId}: open in DSCO, not in ShipStation`);
      continue;
    }
    if (d.dscoLifecycle === 'created' && open > 0) out.push(`${d.dscoOrderId}: not acknowledged`);
    const packages = new Set((d.packages ?? []).map((p) => p.trackingNumber));
    for (const s of rig.ss.shipments) if (s.orderId === ss.orderId && !s.voided && !s.isReturnLabel && !packages.has(s.trackingNumber)) out.push(`${d.dscoOrderId}: label ${s.trackingNumber} not in DSCO`);
    if (ss.orderStatus === 'cancelled' && open > 0) out.push(`${d.dscoOrderId}: cancelled in ShipStation, ${open} open in DSCO`);
    if (ss.orderStatus === 'awaiting_shipment' && open === 0 && !rig.ss.shipments.some((s) => s.orderId === ss.orderId && !s.voided)) out.push(`${d.dscoOrderId}: nothing open in DSCO, still to ship in ShipStation`);
    if (ss.orderStatus === 'awaiting_shipment' && (ss.shipTo.city ?? '') !== (d.shipping?.city ?? '')) out.push(`${d.dscoOrderId}: ShipStation ships to ${ss.shipTo.city}, DSCO says ${d.shipping?.city}`);
  }
  return out;
}

function property(figures: Figures, opts: { faults: boolean; maxLength: number; numRuns: number; seed: number }): void {
  // Figures of the shrinking runs would count failures twice: keep those of the first pass only.
  let shrinking = false;
  const scratch = emptyFigures(figures.area, figures.scenario);
  fc.assert(
    fc.property(commands(opts), (cmds) => {
      try {
        day(cmds, shrinking ? scratch : figures);
      } catch (e) {
        shrinking = true;
        throw e;
      }
    }),
    { seed: opts.seed, numRuns: opts.numRuns, endOnFailure: false },
  );
}

describe('property: random days', () => {
  reliabilityTest('properties', 'convergence: late and never-searchable DSCO changes, partial cancels, address corrections, with faults', ({ figures }) => {
    let worst = 0;
    fc.assert(
      fc.property(commands({ faults: true, maxLength: 25, late: true }), fc.integer({ min: 0, max: 20 }), (cmds, lag) => {
        worst = Math.max(worst, convergedDay(cmds, lag, figures));
      }),
      { seed: 8, numRuns: 50, endOnFailure: true },
    );
    figures.worstHealHours = Math.max(figures.worstHealHours ?? 0, worst);
  }, { timeoutMs: 240_000 });

  reliabilityTest('properties', 'business events and sync cycles, no faults', ({ figures }) => {
    property(figures, { faults: false, maxLength: 30, numRuns: 40, seed: 20260302 });
  });

  reliabilityTest('properties', 'business events with faults and interruptions of every kind', ({ figures }) => {
    property(figures, { faults: true, maxLength: 30, numRuns: 80, seed: 4242 });
  }, { timeoutMs: 120_000 });
});
