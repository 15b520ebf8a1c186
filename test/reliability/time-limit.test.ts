import { describe, expect } from 'vitest';
import { MIN } from './support/rig';
import { inflightReappliedTrigger } from './support/known-issues';
import { checkAfterFault, expectWorkloadDone, reliabilityTest, settleAndCheck, stageWorkload } from './support/scenario';
import { atRequest, checkSweepPoint, dryRun, PHASES, type Plan } from './support/sweep';

/**
 * Apps Script stops an execution at 6 minutes, wherever it is. Each test below stops the busy
 * cycle at every request of one phase, in two ways: killed right after the request was answered
 * (the clock jumps past 6 minutes: the next Apps Script call throws), and out of its own 4.5-minute
 * budget right after it (the engine must stop taking work and leave the rest for the next cycle).
 * Then clean cycles: everything is done once, nothing lost.
 */

let plan: Plan | undefined;
const steps = () => (plan ??= dryRun());

describe('the 6-minute limit, reached at every request of each phase', () => {
  for (const phase of PHASES) {
    reliabilityTest('time-limit', `${phase}: killed, or out of budget, after each of its requests`, ({ rig, figures }) => {
      const mine = steps().steps.filter((s) => s.phase === phase);
      expect(mine.length, `requests in phase "${phase}"`).toBeGreaterThan(0);
      for (const step of mine) {
        for (const mode of ['kill', 'budget'] as const) {
          const r = rig();
          const w = stageWorkload(r);
          if (mode === 'kill') r.killAfter(atRequest(step.n), 'time-limit-kill');
          else r.exhaustBudgetAfter(atRequest(step.n), 'time-budget-spent');
          const out = r.sync();
          if (mode === 'kill') expect(out.killed, `killed after ${step.what}`).toBe(true);
          else expect(out.killed || out.error, `stopped cleanly after ${step.what}`).toBeFalsy();
          checkAfterFault(r);
          settleAndCheck(r);
          expectWorkloadDone(r, w);
        }
      }
      expect(figures.killed).toBe(mine.length);
    });
  }
});

describe('the 6-minute limit, reached at Sheets calls', () => {
  reliabilityTest('time-limit', 'killed at each Sheets call of a busy cycle: loading, saving, logging (every write, and the first read of each run of reads)', ({ rig, figures }) => {
    const points = steps().sheetsPoints;
    expect(points.length).toBeGreaterThan(10);
    for (const k of points) {
      const r = rig();
      const w = stageWorkload(r);
      r.failSheets({ exhaustTime: true, skip: k, label: 'time-limit-at-sheets-call' });
      expect(r.sync().killed, `killed at Sheets call ${k + 1}`).toBe(true);
      checkSweepPoint(r, w);
    }
    expect(figures.killed).toBe(points.length);
  });

  // Regression "inflight-reapplied" (fixed in push-tracking.ts: a marker already in the ledger is not applied again).
  reliabilityTest(
    'time-limit',
    'killed after the tracking was saved but before its markers were cleared: the shipment is not applied twice, and the last label still reaches DSCO',
    ({ rig }) => {
      // The trigger lies late in the cycle: search from the end.
      const points = [...steps().sheetsPoints].reverse();
      let hit = false;
      for (const k of points) {
        if (hit) break;
        const r = rig();
        const w = stageWorkload(r);
        r.failSheets({ exhaustTime: true, skip: k, label: 'time-limit-at-sheets-call' });
        r.sync();
        if (!inflightReappliedTrigger(r)) continue;
        hit = true;
        r.settle();
        // The split order: one label printed (units 1 + 1 of 1 + 2), one unit still to ship.
        const [split] = [...w.tracking.keys()].filter((id) => w.expected.get(id) === 'Sent to SS');
        expect(r.row(split!)!.status).toBe('Sent to SS');
        const ssOrder = [...r.ss.orders.values()].find((o) => o.orderKey === split)!;
        r.ss.shipOrder(ssOrder.orderId, { trackingNumber: `1ZREST${split}`, carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '2', quantity: 1 }] });
        r.settle();
        expect(r.dsco.orders.get(split!)!.packages!.map((p) => p.trackingNumber)).toContain(`1ZREST${split}`);
      }
      // No kill point left a marker behind a saved record: nothing throws, so this `fails` test
      // fails too, and says the reproduction needs a look.
    },
  );
});

describe('slow days', () => {
  reliabilityTest('time-limit', 'Sheets is slow (4 s a call) and requests take 30 s: some runs die at 6 minutes while saving', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    for (let i = 0; i < 30; i++) r.seedOrder();
    Object.assign(r.sim.costs, { urlFetchMs: 30_000, sheetsCallMs: 4_000 });
    r.jumpAfter(() => true, 0, 'slow-sheets-and-requests');
    let killed = 0;
    for (let i = 0; i < 12; i++) {
      r.clock.advance(MIN);
      if (r.sync().killed) killed++;
      checkAfterFault(r);
    }
    expect(killed).toBeGreaterThan(0);
    settleAndCheck(r, { cycles: 6 });
    expectWorkloadDone(r, w);
  });

  reliabilityTest('time-limit', 'every request takes 20 s and 400 new orders wait: each run stops at 4.5 minutes and the next continues', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    Object.assign(r.sim.costs, { urlFetchMs: 20_000, sheetsCallMs: 500, sheetsPerCellMs: 0.5 });
    for (let i = 0; i < 400; i++) r.seedOrder();
    r.jumpAfter(() => true, 0, 'slow-requests-20s');
    let deferred = 0;
    for (let i = 0; i < 6; i++) {
      r.clock.advance(MIN);
      const out = r.sync();
      if (out.result?.summary?.deferred) deferred++;
      checkAfterFault(r);
    }
    expect(deferred).toBeGreaterThan(0);
    settleAndCheck(r, { cycles: 12 });
    expectWorkloadDone(r, w);
  });
});
