import { expect, it } from 'vitest';
import { emptyFigures, publish, type Area, type Figures } from './figures';
import {
  expectNoDuplicates,
  expectNoFormulas,
  expectNoLostOrders,
  expectNoLostRows,
  expectRowsAgree,
  expectWatermarksNotAhead,
  ssOrderOf,
} from './invariants';
import { expectNoLeaks } from './leaks';
import { createRig, MIN, type Rig, type RigOptions } from './rig';

/**
 * A reliability test: its figures are published to the JSON report whether it passes or fails.
 * `rig()` makes a rig that adds to this test's figures.
 */
export function reliabilityTest(
  area: Area,
  name: string,
  fn: (t: { figures: Figures; rig(opts?: RigOptions): Rig }) => void,
  opts: { timeoutMs?: number; fails?: boolean } = {},
): void {
  (opts.fails ? it.fails : it)(
    name,
    ({ task }) => {
      const figures = emptyFigures(area, name);
      if (opts.fails) figures.expectedToFail = true;
      try {
        fn({ figures, rig: (o = {}) => createRig({ ...o, figures }) });
      } finally {
        publish(task, figures);
      }
    },
    opts.timeoutMs,
  );
}

/** Every invariant, after clean settle cycles. */
export function settleAndCheck(
  rig: Rig,
  opts: { cycles?: number; allowError?: (id: string, error: string) => boolean; known?: { id: string; matches: (problem: string) => boolean }[] } = {},
): void {
  rig.settle(opts.cycles ?? 3);
  expectNoDuplicates(rig);
  expectNoLostOrders(rig);
  expectNoLostRows(rig);
  expectWatermarksNotAhead(rig);
  expectRowsAgree(rig, opts.allowError ?? (() => false), opts.known);
  expectNoFormulas(rig);
  expectNoLeaks(rig);
  expect(rig.dsco.violations, 'requests or answers outside the DSCO contract').toEqual([]);
  expect(rig.ssV2.violations, 'requests or answers outside the ShipStation V2 contract').toEqual([]);
  expect(rig.internalErrors, 'fake servers or faults that threw').toEqual([]);
}

/** The checks that hold right after a faulty cycle, before anything settles. */
export function checkAfterFault(rig: Rig, opts: { leaks?: boolean } = {}): void {
  expectNoDuplicates(rig);
  expectWatermarksNotAhead(rig);
  if (opts.leaks !== false) expectNoLeaks(rig);
}

export const UPS = { carrierCode: 'ups', serviceCode: 'ups_ground' };

export interface Workload {
  /** Expected Dashboard status of each order once everything settled. */
  expected: Map<string, string>;
  /** Tracking numbers each order must show (and DSCO must have) at the end. */
  tracking: Map<string, string[]>;
}

function ssId(rig: Rig, dscoOrderId: string): number {
  const o = ssOrderOf(rig, dscoOrderId);
  if (!o) throw new Error(`workload: ${dscoOrderId} is not in ShipStation`);
  return o.orderId;
}

/**
 * A realistic backlog for one cycle with every kind of work in it: six orders already in ShipStation
 * (one shipped with a label, one split across two labels of which one is printed, one marked shipped
 * without a label, one cancelled in ShipStation, one cancelled by the retailer, one with a retailer
 * cancel request), plus three new DSCO orders. The next cycle has something to do in every phase.
 */
export function stageWorkload(rig: Rig): Workload {
  rig.install();
  // ShipStation "Mark as shipped" has no service: map the carrier as a whole.
  rig.sim.spreadsheet.getSheetByName('Carrier Map')!.appendRow(['ups', '', 'UPS', 'Ground', 'UPCG']);
  const o = Array.from({ length: 6 }, (_, i) => rig.seedOrder(i === 1 ? { lineItems: [{ quantity: 1 }, { quantity: 2 }] } : {}).dscoOrderId);
  rig.clock.advance(MIN);
  const first = rig.sync();
  if (first.killed || first.error) throw new Error(`workload: the first cycle failed: ${first.error}`);
  rig.clock.advance(10 * MIN);
  rig.ss.shipOrder(ssId(rig, o[0]!), { trackingNumber: `1ZFULL${o[0]}`, ...UPS });
  // A label of some items only: V1. A V2 label carries no items, so on V2 it ships the whole order.
  const part = rig.backend === 'v2' ? {} : { items: [{ lineItemKey: '1', quantity: 1 }, { lineItemKey: '2', quantity: 1 }] };
  rig.ss.shipOrder(ssId(rig, o[1]!), { trackingNumber: `1ZPART${o[1]}`, ...UPS, ...part });
  rig.ss.markShippedWithoutLabel(ssId(rig, o[2]!), { trackingNumber: `1ZMARK${o[2]}`, carrierCode: 'ups' });
  rig.ss.cancelOrder(ssId(rig, o[3]!));
  rig.dsco.retailerCancel(o[4]!);
  rig.dsco.retailerCancelRequest(o[5]!);
  const n = [rig.seedOrder().dscoOrderId, rig.seedOrder().dscoOrderId, rig.seedOrder({ lineItems: [{ quantity: 3 }, { quantity: 1 }] }).dscoOrderId];
  rig.figures.shipments += 3;
  rig.clock.advance(MIN);
  const expected = new Map<string, string>([
    [o[0]!, 'Shipped'],
    [o[1]!, rig.backend === 'v2' ? 'Shipped' : 'Sent to SS'],
    [o[2]!, 'Shipped'],
    [o[3]!, 'Cancelled'],
    [o[4]!, 'Cancelled'],
    [o[5]!, 'Cancelled'],
    ...n.map((id) => [id, 'Sent to SS'] as [string, string]),
  ]);
  const tracking = new Map<string, string[]>([
    [o[0]!, [`1ZFULL${o[0]}`]],
    [o[1]!, [`1ZPART${o[1]}`]],
    [o[2]!, [`1ZMARK${o[2]}`]],
  ]);
  return { expected, tracking };
}

/** After settling: each workload order has its expected status and tracking, in both systems. */
export function expectWorkloadDone(rig: Rig, w: Workload): void {
  const got = new Map([...w.expected.keys()].map((id) => [id, rig.row(id)?.status ?? 'missing']));
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(w.expected));
  for (const [id, tracking] of w.tracking) expect(rig.row(id)!.tracking.split(', ').sort()).toEqual([...tracking].sort());
}

export function totalFaults(rig: Rig): number {
  return Object.values(rig.figures.faults).reduce((a, b) => a + b, 0);
}

/** The standard fault scenario: a backlog, the fault armed for one cycle, then settle and check everything. */
export function faultScenario(rig: Rig, arm: (rig: Rig) => void, opts: { faultCycles?: number; allowError?: (id: string, error: string) => boolean } = {}): Workload {
  const w = stageWorkload(rig);
  const before = totalFaults(rig);
  arm(rig);
  for (let i = 0; i < (opts.faultCycles ?? 1); i++) {
    rig.sync();
    checkAfterFault(rig);
    rig.clock.advance(MIN);
  }
  rig.tallyFaults();
  expect(totalFaults(rig) - before, 'faults that fired').toBeGreaterThan(0);
  settleAndCheck(rig, { allowError: opts.allowError });
  expectWorkloadDone(rig, w);
  return w;
}
