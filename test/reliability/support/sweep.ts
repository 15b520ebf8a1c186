import type { FakeHttpRequest } from '../../../sandbox/http';
import { createRig, type Rig } from './rig';
import { checkAfterFault, expectWorkloadDone, settleAndCheck, stageWorkload, type Workload } from './scenario';

export type Phase =
  | 'checking acknowledgements'
  | 'reading new orders'
  | 'creating in ShipStation'
  | 'acknowledging'
  | 'sending tracking'
  | 'DSCO cancellations'
  | 'ShipStation cancellations';

export const PHASES: Phase[] = [
  'checking acknowledgements',
  'reading new orders',
  'creating in ShipStation',
  'acknowledging',
  'sending tracking',
  'DSCO cancellations',
  'ShipStation cancellations',
];

export interface Step {
  /** 1-based position among the cycle's requests. */
  n: number;
  phase: Phase;
  what: string;
}

function kindOf(req: FakeHttpRequest): string {
  const u = new URL(req.url);
  const p = u.pathname.replace(/^\/api\/v3/, '');
  if (p.endsWith('/oauth2/token')) return 'token';
  if (p === '/order/log') return 'log';
  if (p === '/order/page' && u.searchParams.has('ordersCreatedSince')) return 'pull';
  if (p === '/order/page' && u.searchParams.has('ordersUpdatedSince')) return 'updates';
  if (p === '/order/page') return 'scroll';
  if (p === '/orders/createorders') return 'create';
  if (p === '/order/acknowledge') return 'ack';
  if (p === '/shipments' || p === '/fulfillments' || /hipment/i.test(p)) return 'tracking';
  if (p === '/orders' && u.searchParams.get('orderStatus') === 'cancelled') return 'ss-cancels';
  return 'other';
}

/**
 * The requests of the workload's busy cycle, each with its phase. The rig is deterministic, so a
 * dry run gives the sequence any later run follows up to the point where a fault changes it.
 */
export interface Plan {
  steps: Step[];
  sheetsCalls: number;
  writes: number;
  /**
   * The Sheets calls worth failing (0-based among the cycle's Sheets calls): every write, and the
   * first read of each run of reads (a failure at any read of a run leaves the same state behind).
   */
  sheetsPoints: number[];
}

const SHEETS = /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./;
const READ = /\.(get|is|has)[A-Z]/;

export function dryRun(): Plan {
  const rig = createRig();
  stageWorkload(rig);
  const from = rig.sim.network.requests.length;
  rig.sim.resetCounts();
  const trace = rig.sim.startTrace();
  rig.sync();
  rig.sim.stopTrace();
  const sheets = trace.filter((c) => SHEETS.test(c));
  const sheetsPoints = sheets.map((c, i) => (!READ.test(c) || i === 0 || !READ.test(sheets[i - 1]!) ? i : -1)).filter((i) => i >= 0);
  const sheetsCalls = rig.sim.counts.sheets ?? 0;
  const writes = Object.entries(rig.sim.counts)
    .filter(([k]) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(k) && !/\.(get|is|has)[A-Z]/.test(k))
    .reduce((n, [, v]) => n + v, 0);
  const steps: Step[] = [];
  let phase: Phase = 'checking acknowledgements';
  let updatesSeen = false;
  rig.sim.network.requests.slice(from).forEach((req, i) => {
    const k = kindOf(req);
    if (k === 'pull') phase = 'reading new orders';
    else if (k === 'create') phase = 'creating in ShipStation';
    else if (k === 'ack') phase = 'acknowledging';
    else if (k === 'tracking') phase = 'sending tracking';
    else if (k === 'updates' && !updatesSeen) {
      phase = 'DSCO cancellations';
      updatesSeen = true;
    } else if (k === 'ss-cancels') phase = 'ShipStation cancellations';
    const u = new URL(req.url);
    steps.push({ n: i + 1, phase, what: `${req.method} ${u.pathname.replace(/^\/api\/v3/, '')}` });
  });
  return { steps, sheetsCalls, writes, sheetsPoints };
}

/** Arms `arm` for the n-th request of the next cycle. */
export function atRequest(n: number): (req: FakeHttpRequest) => boolean {
  let seen = 0;
  return () => ++seen === n;
}

/** The checks after a stopped or failed cycle of a sweep: everything, at every point. */
export function checkSweepPoint(r: Rig, w: Workload): void {
  checkAfterFault(r);
  settleAndCheck(r);
  expectWorkloadDone(r, w);
}

export type { Rig };
