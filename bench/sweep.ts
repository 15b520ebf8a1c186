/**
 * The reconciliation sweep's cost: calls per quiet run against the number of open orders, and how
 * long a full pass over the open orders takes, on the built bundle in the simulator (the same world
 * as the tests). Writes out/bench/sweep.json and prints a table.
 *
 *   npm run bench:sweep            (100, 500, 1,000 and 2,000 open orders; about a minute)
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../sandbox/paths';
import { createWorld, SETTINGS_FORM } from '../sandbox/world';

const HOUR = 3_600_000;
const SIZES = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '100,500,1000,2000').split(',').map(Number);

interface Row {
  openOrders: number;
  pollHours: number;
  reconcileHours: number;
  dscoByIdPerRun: number;
  ssOrderReadsPerRun: number;
  ssShipmentReadsPerRun: number;
  dscoCallsPerRun: number;
  ssCallsPerRun: number;
  hoursToCheckAll: number;
}

function measure(n: number): Row {
  const w = createWorld();
  const res = w.sim.call<{ ok: boolean; errors?: unknown }>('saveSettings', { ...SETTINGS_FORM, pollIntervalHours: '1', reconcileHours: '24' });
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  w.sim.call('setupSheet');
  for (let i = 0; i < n; i++) w.dsco.seedOrder();
  // Create and acknowledge everything, then let the first sweeps start.
  for (let i = 0; i < 4; i++) {
    w.clock.advance(HOUR);
    w.sim.call('syncNow');
  }
  const ids = new Set([...w.dsco.orders.keys()]);
  const seen = new Set<string>();
  const dBefore = w.dsco.requests.length;
  const sBefore = w.ss.requests.length;
  w.clock.advance(HOUR);
  w.sim.call('syncNow');
  const dscoReqs = w.dsco.requests.slice(dBefore);
  const ssReqs = w.ss.requests.slice(sBefore);
  const byId = dscoReqs.filter((r) => r.path === '/order/');
  const quota = byId.length;
  // Keep running hourly until every open order was read by ID once more.
  let hours = 1;
  for (const r of byId) seen.add(String(r.query.value?.[0]));
  let mark = w.dsco.requests.length;
  while (seen.size < ids.size && hours < 24 * 14) {
    w.clock.advance(HOUR);
    w.sim.call('syncNow');
    for (const r of w.dsco.requests.slice(mark)) if (r.path === '/order/') seen.add(String(r.query.value?.[0]));
    mark = w.dsco.requests.length;
    hours++;
  }
  return {
    openOrders: n,
    pollHours: 1,
    reconcileHours: 24,
    dscoByIdPerRun: quota,
    ssOrderReadsPerRun: ssReqs.filter((r) => /^\/orders\/\d+$/.test(r.path)).length,
    ssShipmentReadsPerRun: ssReqs.filter((r) => r.path === '/shipments' && r.query.orderNumber).length,
    dscoCallsPerRun: dscoReqs.filter((r) => r.path !== '/oauth2/token').length,
    ssCallsPerRun: ssReqs.length,
    hoursToCheckAll: hours,
  };
}

const rows = SIZES.map(measure);
const out = path.join(ROOT, 'out', 'bench');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'sweep.json'), `${JSON.stringify({ generatedBy: 'bench/sweep.ts', at: new Date().toISOString(), rows }, null, 2)}\n`);
console.log('Reconciliation sweep, hourly syncs, reconcileHours 24: a quiet run (nothing new) with N open orders');
console.log('| Open orders | Checked a run (DSCO GET /order/) | ShipStation order + shipment reads | DSCO calls / ShipStation calls a run, in all | Hours until every open order was checked |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.openOrders.toLocaleString('en-US')} | ${r.dscoByIdPerRun} | ${r.ssOrderReadsPerRun} + ${r.ssShipmentReadsPerRun} | ${r.dscoCallsPerRun} / ${r.ssCallsPerRun} | ${r.hoursToCheckAll} |`);
console.log(`\nWritten to ${path.relative(process.cwd(), path.join(out, 'sweep.json'))}.`);
