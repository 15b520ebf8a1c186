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
  reliabilityTest('properties', 'business events and sync cycles, no faults', ({ figures }) => {
    property(figures, { faults: false, maxLength: 30, numRuns: 40, seed: 20260302 });
  });

  reliabilityTest('properties', 'business events with faults and interruptions of every kind', ({ figures }) => {
    property(figures, { faults: true, maxLength: 30, numRuns: 80, seed: 4242 });
  }, { timeoutMs: 120_000 });
});
