import v8 from 'node:v8';
import vm from 'node:vm';
import type { DscoFake } from '../sandbox/fakes/dsco';
import type { ShipStationFake } from '../sandbox/fakes/shipstation';
import type { Simulator } from '../sandbox/simulator';
import type { SimClock } from '../sandbox/clock';
import { createWorld, SETTINGS_FORM, V2_FORM, WORLD_STORE_ID as STORE_ID } from '../sandbox/world';
import { type Backend, type ShipStationDriver, v1Driver, v2Driver } from '../sandbox/shipstation-backend';
import { withDscoRateLimits } from './dsco-rate-limits';
import { hostCpuUs, installHostTimer, startEngineCharge, stopEngineCharge } from './host-time';
import { NetworkLedger, type EndpointStats } from './network-costs';
import { TABS } from '../src/storage/storage-map';

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, on demand (the flag above makes `gc` available to new contexts). */
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** What the simulated clock is charged (see README "Performance"). */
export interface CostModel {
  /** Fixed latency of every UrlFetchApp request. */
  urlFetchMs: number;
  /** Transfer, per KiB of URL + request body + response body. */
  transferMsPerKb: number;
  /** Fixed cost of every SpreadsheetApp / Spreadsheet / Sheet / Range call. */
  sheetsCallMs: number;
  /** Plus this per cell read or written. */
  sheetsPerCellMs: number;
  /** Plus this per KiB of cell text read or written (getValues / setValues). */
  sheetsPerKbMs: number;
  /** The engine's own CPU time (Node) is charged to the clock this many times over. */
  engineCpuFactor: number;
}

export const DEFAULT_COSTS: CostModel = { urlFetchMs: 300, transferMsPerKb: 1, sheetsCallMs: 100, sheetsPerCellMs: 0.05, sheetsPerKbMs: 0.5, engineCpuFactor: 5 };

/** 'auto': the engine's default (asynchronous batch above its threshold); 'single': singleShipment only. */
export type ShipmentMode = 'auto' | 'single';

/** The Script Property the engine reads for the volume above which shipments go in an async batch. */
export const SHIPMENT_BATCH_THRESHOLD_PROPERTY = 'SHIPMENT_BATCH_THRESHOLD';

export interface ScenarioOptions {
  n: number;
  /** Share of N cancelled: half by the retailer in DSCO, half in ShipStation. */
  cancelShare: number;
  mode: ShipmentMode;
  costs: CostModel;
  /** Time between two trigger runs: the shortest poll interval (15 min). */
  gapMs: number;
  maxExecutions: number;
  log?: (line: string) => void;
  /** The ShipStation API the bundle talks to (default v1). */
  backend?: Backend;
}

export interface ExecutionRecord {
  index: number;
  simMs: number;
  /** process.cpuUsage (user + system) around sim.call. */
  cpuMs: number;
  /** CPU time inside the simulator's services and the fake servers behind them. */
  hostMs: number;
  /** Of hostMs, CPU time inside the fake servers. */
  fakeMs: number;
  /** cpuMs − hostMs: the bundle's own JavaScript. */
  engineCpuMs: number;
  sheetsCalls: number;
  propertiesCalls: number;
  urlFetches: number;
  calls: Record<string, EndpointStats>;
  overBudget: boolean;
  message: string;
  /** Progress after this execution (cumulative). */
  progress: Progress;
}

export interface Progress {
  created: number;
  acknowledged: number;
  ackConfirmed: number;
  shipmentsInDsco: number;
  shipmentsConfirmed: number;
  dscoCancelsApplied: number;
  ssCancelsApplied: number;
}

export interface ScenarioResult {
  n: number;
  mode: ShipmentMode;
  counts: { newOrders: number; shipments: number; dscoCancels: number; ssCancels: number };
  warmup: { executions: number; realMs: number };
  executions: ExecutionRecord[];
  drained: boolean;
  /** One more execution after the drain: the cost of a cycle with nothing to do at this size. */
  idle?: ExecutionRecord;
  dscoRefused: Record<string, number>;
  contractViolations: string[];
  realMs: number;
}

/** A SimClock that keeps fractional charges (per-cell costs) and advances in whole milliseconds. */
function roundingClock(start: string): SimClock {
  let t = Date.parse(start);
  let fraction = 0;
  return {
    now: () => t,
    advance(ms: number) {
      if (ms < 0) throw new Error('clock cannot go back');
      fraction += ms;
      const whole = Math.floor(fraction);
      fraction -= whole;
      t += whole;
    },
    set(epochMs: number) {
      t = epochMs;
    },
  };
}

export interface Bench {
  /** What a person does in ShipStation, and its orders, for the chosen back end. */
  shop: ShipStationDriver;
  costs: CostModel;
  clock: SimClock;
  sim: Simulator;
  dsco: DscoFake;
  ss: ShipStationFake;
  net: NetworkLedger;
  dscoRefused: Record<string, number>;
}

export function createBench(costs: CostModel, backend: Backend = 'v1'): Bench {
  installHostTimer();
  const clock = roundingClock('2026-03-02T15:00:00Z');
  const net = new NetworkLedger();
  let dscoRefused: Record<string, number> = {};
  // The same world as the tests, with the documented rate limits and call costs on the wire.
  const { sim, dsco, ss, ssV2 } = createWorld({
    clock,
    sim: { costs: { urlFetchMs: costs.urlFetchMs, sheetsCallMs: costs.sheetsCallMs, sheetsPerCellMs: costs.sheetsPerCellMs, sheetsPerKbMs: costs.sheetsPerKbMs } },
    ss: { stores: [{ storeId: STORE_ID, storeName: 'Acme Dropship' }] },
    wire: (service, handler) => {
      if (service !== 'dsco') return net.wrap('SS', handler, clock, costs.transferMsPerKb, costs.urlFetchMs);
      const limited = withDscoRateLimits(handler, clock);
      dscoRefused = limited.refused;
      return net.wrap('DSCO', limited.handle, clock, costs.transferMsPerKb, costs.urlFetchMs);
    },
  });
  return { shop: backend === 'v2' ? v2Driver(ssV2) : v1Driver(ss), costs, clock, sim, dsco, ss, net, dscoRefused };
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

interface EngineView {
  status: Map<string, string>;
  ackConfirmed: Set<string>;
  ackSent: Set<string>;
}

/** The engine's records, read host-side (uncounted) from the hidden _Orders tab. */
function engineView(sim: Simulator): EngineView {
  const status = new Map<string, string>();
  const ackConfirmed = new Set<string>();
  const ackSent = new Set<string>();
  for (const row of sim.readSheet(TABS.orders.name).slice(1)) {
    const id = text(row[0]);
    if (!id) continue;
    try {
      const r = JSON.parse(text(row[1])) as { status: string; ack?: { sentAt?: number; confirmedAt?: number } };
      status.set(id, r.status);
      if (r.ack?.confirmedAt) ackConfirmed.add(id);
      if (r.ack?.sentAt) ackSent.add(id);
    } catch {
      // a damaged row counts as not done
    }
  }
  return { status, ackConfirmed, ackSent };
}

interface Backlog {
  newIds: string[];
  shipped: { id: string; tracking: string }[];
  dscoCancelled: string[];
  ssCancelled: string[];
}

function measureProgress(b: Bench, backlog: Backlog): Progress {
  const view = engineView(b.sim);
  const ssByKey = new Map<string, string>();
  for (const o of b.shop.orders()) ssByKey.set(o.key, o.status === 'open' ? 'awaiting_shipment' : o.status);
  const dsco = new Map<string, { lifecycle: string; status: string; tracking: Set<string> }>();
  for (const o of b.dsco.orders.values()) {
    dsco.set(o.dscoOrderId, { lifecycle: text(o.dscoLifecycle), status: text(o.dscoStatus), tracking: new Set((o.packages ?? []).map((p) => text(p.trackingNumber))) });
  }
  const p: Progress = { created: 0, acknowledged: 0, ackConfirmed: 0, shipmentsInDsco: 0, shipmentsConfirmed: 0, dscoCancelsApplied: 0, ssCancelsApplied: 0 };
  for (const id of backlog.newIds) {
    if (ssByKey.has(id) && view.status.get(id) === 'Sent to SS') p.created++;
    if (dsco.get(id)?.lifecycle === 'acknowledged') p.acknowledged++;
    if (view.ackConfirmed.has(id)) p.ackConfirmed++;
  }
  for (const s of backlog.shipped) {
    if (dsco.get(s.id)?.tracking.has(s.tracking)) p.shipmentsInDsco++;
    if (view.status.get(s.id) === 'Shipped') p.shipmentsConfirmed++;
  }
  for (const id of backlog.dscoCancelled) if (ssByKey.get(id) === 'cancelled' && view.status.get(id) === 'Cancelled') p.dscoCancelsApplied++;
  for (const id of backlog.ssCancelled) if (dsco.get(id)?.status === 'cancelled' && view.status.get(id) === 'Cancelled') p.ssCancelsApplied++;
  return p;
}

function isDrained(p: Progress, backlog: Backlog): boolean {
  return (
    p.created === backlog.newIds.length &&
    p.acknowledged === backlog.newIds.length &&
    p.ackConfirmed === backlog.newIds.length &&
    p.shipmentsInDsco === backlog.shipped.length &&
    p.shipmentsConfirmed === backlog.shipped.length &&
    p.dscoCancelsApplied === backlog.dscoCancelled.length &&
    p.ssCancelsApplied === backlog.ssCancelled.length
  );
}

export function execute(b: Bench, index: number, backlog: Backlog | undefined): ExecutionRecord {
  // Each Apps Script execution starts with a fresh heap: the garbage of earlier runs and of the
  // warm-up is collected before the clock starts, so no run pays for another's.
  collectGarbage();
  b.sim.resetCounts();
  b.net.reset();
  const start = b.clock.now();
  const host0 = hostCpuUs();
  const cpu0 = process.cpuUsage();
  let message = '';
  let overBudget = false;
  startEngineCharge((ms) => b.clock.advance(ms * b.costs.engineCpuFactor));
  try {
    const res = b.sim.call<{ message?: string }>('runScheduledSync');
    message = text(res?.message);
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
    overBudget = /Exceeded maximum execution time/.test(message);
  } finally {
    stopEngineCharge();
  }
  const cpu = process.cpuUsage(cpu0);
  const hostMs = (hostCpuUs() - host0) / 1000;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    index,
    simMs: b.clock.now() - start,
    cpuMs,
    hostMs,
    fakeMs: b.net.fakeUs / 1000,
    engineCpuMs: Math.max(0, cpuMs - hostMs),
    sheetsCalls: b.sim.counts.sheets ?? 0,
    propertiesCalls: b.sim.counts.properties ?? 0,
    urlFetches: b.sim.counts.urlfetch ?? 0,
    calls: Object.fromEntries(b.net.stats),
    overBudget,
    message,
    progress: backlog ? measureProgress(b, backlog) : emptyProgress(),
  };
}

function emptyProgress(): Progress {
  return { created: 0, acknowledged: 0, ackConfirmed: 0, shipmentsInDsco: 0, shipmentsConfirmed: 0, dscoCancelsApplied: 0, ssCancelsApplied: 0 };
}

/**
 * One benchmark run for N:
 *  1. warm-up (not measured): N + C orders go through the engine until they are in ShipStation and
 *     their acknowledgements confirmed;
 *  2. the backlog appears at once: N new DSCO orders, a label for N of the warm-up orders in
 *     ShipStation, and C cancellations (half by the retailer in DSCO, half in ShipStation);
 *  3. the trigger runs every 15 minutes (each run a fresh 6-minute execution) until the backlog
 *     has drained: everything created and acknowledged (confirmed), every tracking number in DSCO
 *     and confirmed on the sheet, every cancellation applied on the other side.
 */
export function runScenario(opts: ScenarioOptions): ScenarioResult {
  const log = opts.log ?? (() => undefined);
  const realStart = Date.now();
  const b = createBench(opts.costs, opts.backend);
  const res = b.sim.call<{ ok: boolean; errors?: unknown }>('saveSettings', { ...SETTINGS_FORM, ...(opts.backend === 'v2' ? V2_FORM : {}), pollIntervalHours: '0.25' });
  if (!res.ok) throw new Error(`saveSettings refused: ${JSON.stringify(res.errors)}`);
  b.sim.call('setupSheet');
  if (opts.mode === 'single') b.sim.properties.script.setProperty(SHIPMENT_BATCH_THRESHOLD_PROPERTY, String(Number.MAX_SAFE_INTEGER));

  // ---- 1. warm-up
  const c = Math.round(opts.n * opts.cancelShare);
  const warm = Array.from({ length: opts.n + c }, () => b.dsco.seedOrder().dscoOrderId);
  b.clock.advance(60_000);
  let warmExecutions = 0;
  const warmStart = Date.now();
  for (;;) {
    execute(b, ++warmExecutions, undefined);
    const view = engineView(b.sim);
    if (warm.every((id) => view.ackConfirmed.has(id))) break;
    if (warmExecutions > 50) throw new Error('warm-up did not settle');
    b.clock.advance(opts.gapMs);
  }
  const warmRealMs = Date.now() - warmStart;
  log(`  warm-up: ${warmExecutions} executions, ${(warmRealMs / 1000).toFixed(1)} s`);

  // ---- 2. the backlog
  b.clock.advance(opts.gapMs);
  const ssByKey = new Map<string, number>();
  for (const o of b.shop.orders()) ssByKey.set(o.key, o.id);
  const backlog: Backlog = { newIds: [], shipped: [], dscoCancelled: [], ssCancelled: [] };
  for (let i = 0; i < opts.n; i++) backlog.newIds.push(b.dsco.seedOrder().dscoOrderId);
  warm.slice(0, opts.n).forEach((id, i) => {
    const tracking = `1ZBENCH${String(i).padStart(9, '0')}`;
    b.shop.ship(ssByKey.get(id)!, { trackingNumber: tracking, carrierCode: 'ups', serviceCode: 'ups_ground' });
    backlog.shipped.push({ id, tracking });
  });
  warm.slice(opts.n).forEach((id, i) => {
    if (i % 2 === 0) {
      b.dsco.retailerCancel(id);
      backlog.dscoCancelled.push(id);
    } else {
      b.shop.cancelInUi(ssByKey.get(id)!);
      backlog.ssCancelled.push(id);
    }
  });
  b.clock.advance(60_000);

  // ---- 3. the trigger until drained
  const executions: ExecutionRecord[] = [];
  let drained = false;
  for (let i = 1; i <= opts.maxExecutions; i++) {
    const rec = execute(b, i, backlog);
    executions.push(rec);
    const p = rec.progress;
    log(
      `  exec ${i}: ${(rec.simMs / 1000).toFixed(0)} s simulated, ${rec.cpuMs.toFixed(0)} ms CPU (engine ${rec.engineCpuMs.toFixed(0)}, simulator ${(rec.hostMs - rec.fakeMs).toFixed(0)}, fakes ${rec.fakeMs.toFixed(0)}), ` +
        `${rec.sheetsCalls} Sheets calls; created ${p.created}, acked ${p.acknowledged}/${p.ackConfirmed}, shipments ${p.shipmentsInDsco}/${p.shipmentsConfirmed}, ` +
        `cancels ${p.dscoCancelsApplied}+${p.ssCancelsApplied}${rec.overBudget ? ' OVER BUDGET' : ''} — ${rec.message}`,
    );
    if (isDrained(p, backlog)) {
      drained = true;
      break;
    }
    b.clock.advance(opts.gapMs);
  }
  let idle: ExecutionRecord | undefined;
  if (drained) {
    b.clock.advance(opts.gapMs);
    idle = execute(b, executions.length + 1, backlog);
  }
  return {
    n: opts.n,
    mode: opts.mode,
    counts: { newOrders: backlog.newIds.length, shipments: backlog.shipped.length, dscoCancels: backlog.dscoCancelled.length, ssCancels: backlog.ssCancelled.length },
    warmup: { executions: warmExecutions, realMs: warmRealMs },
    executions,
    drained,
    idle,
    dscoRefused: { ...b.dscoRefused },
    contractViolations: b.dsco.violations.slice(0, 20),
    realMs: Date.now() - realStart,
  };
}
