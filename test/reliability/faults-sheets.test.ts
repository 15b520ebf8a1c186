import { describe, expect } from 'vitest';
import { expectNoLeaks } from './support/leaks';
import { MIN } from './support/rig';
import { checkAfterFault, expectWorkloadDone, reliabilityTest, settleAndCheck, stageWorkload } from './support/scenario';
import { checkSweepPoint, dryRun } from './support/sweep';

/**
 * Google Sheets failing under the script: "Service Spreadsheets timed out while accessing document
 * with id …". The sheet is the record, so each Sheets call of a busy cycle is made to fail in turn.
 */

let dry: ReturnType<typeof dryRun> | undefined;
const plan = () => (dry ??= dryRun());

describe('Sheets calls that throw', () => {
  reliabilityTest('faults', 'each Sheets call of a busy cycle times out, in turn (every write, and the first read of each run of reads)', ({ rig }) => {
    for (const k of plan().sheetsPoints) {
      const r = rig();
      const w = stageWorkload(r);
      r.failSheets({ skip: k });
      const out = r.sync();
      expect(out.killed).toBe(false);
      checkSweepPoint(r, w);
    }
  });

  reliabilityTest('faults', 'each Sheets write times out after Sheets did the work, in turn', ({ rig }) => {
    const total = plan().writes;
    for (let k = 0; k < total; k++) {
      const r = rig();
      const w = stageWorkload(r);
      r.failSheets({ kind: 'write', skip: k, applied: true, label: 'sheets-timeout-after-write' });
      r.sync();
      checkSweepPoint(r, w);
    }
  });

  reliabilityTest('faults', 'two Sheets writes in a row fail (the recovery save fails too), at each write', ({ rig }) => {
    const total = plan().writes;
    for (let k = 0; k < total; k++) {
      const r = rig();
      const w = stageWorkload(r);
      r.failSheets({ kind: 'write', skip: k, count: 2, message: 'Service Spreadsheets failed while accessing document with id 1x2y3z.' });
      r.sync();
      checkSweepPoint(r, w);
    }
  });

  reliabilityTest('faults', 'Sheets down for a whole scheduled run: the trigger fails, says so where it can, and the next run catches up', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    r.clock.advance(2 * 60 * MIN); // the hourly schedule is due
    r.failSheets({ count: 200 });
    const out = r.sync('runScheduledSync');
    expect(out.killed).toBe(false);
    checkAfterFault(r);
    expectNoLeaks(r);
    settleAndCheck(r);
    expectWorkloadDone(r, w);
  });

  reliabilityTest('faults', 'Sheets times out on every write of a cycle', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    r.failSheets({ kind: 'write', count: 200 });
    r.sync();
    checkAfterFault(r);
    r.sim.faults.clearSheets();
    settleAndCheck(r);
    expectWorkloadDone(r, w);
  });
});

describe('archiving', () => {
  /** Finished orders older than a day move to the Archive tab in the next cycle. */
  function archivingCycle(r: ReturnType<Parameters<Parameters<typeof reliabilityTest>[2]>[0]['rig']>) {
    r.install({ archiveAfterDays: '1' });
    const ids = Array.from({ length: 4 }, () => r.seedOrder().dscoOrderId);
    r.clock.advance(MIN);
    r.sync();
    for (const id of ids.slice(0, 3)) {
      const o = [...r.ss.orders.values()].find((x) => x.orderKey === id)!;
      r.ss.shipOrder(o.orderId, { trackingNumber: `1ZA${id}`, carrierCode: 'ups', serviceCode: 'ups_ground' });
    }
    r.figures.shipments += 3;
    r.clock.advance(MIN);
    r.sync();
    r.clock.advance(2 * 24 * 60 * MIN);
    return ids;
  }

  reliabilityTest('faults', 'the archive cycle stopped (6-minute limit) at each Sheets call: no order shown twice, none lost', ({ rig }) => {
    const probe = rig();
    archivingCycle(probe);
    probe.sim.resetCounts();
    probe.sync();
    const total = probe.sim.counts.sheets ?? 0;
    expect(probe.archive()).toHaveLength(3);
    for (let k = 0; k < total; k++) {
      const r = rig();
      const ids = archivingCycle(r);
      r.failSheets({ skip: k, exhaustTime: true });
      r.sync();
      settleAndCheck(r);
      expect(r.archive().map((x) => x.dscoOrderId).sort(), `archive after a stop at Sheets call ${k + 1}`).toEqual(ids.slice(0, 3).sort());
      expect(r.dashboard().map((x) => x.dscoOrderId)).toEqual([ids[3]]);
    }
  });
});
