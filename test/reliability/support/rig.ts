import type { DeepPartial, DscoFake, Order } from '../../../sandbox/fakes/dsco';
import type { ShipStationFake } from '../../../sandbox/fakes/shipstation';
import type { ShipStationV2Fake } from '../../../sandbox/fakes/shipstation-v2';
import type { SheetsFault, Simulator, SimulatorOptions } from '../../../sandbox/simulator';
import { createClock, type SimClock } from '../../../sandbox/clock';
import { DSCO_BASE, SETTINGS_FORM, SS_BASE, SS_V2_BASE, STORE_ID } from '../../support/harness';
import type { Backend } from '../../../sandbox/shipstation-backend';
import { dashboardRows, type DashboardRow } from '../../../sandbox/sheet-rows';
import type { FakeHandler, FakeHttpRequest, FakeHttpResponse } from '../../../sandbox/http';
import { createWorld } from '../../../sandbox/world';
import { countFault, emptyFigures, type Area, type Figures } from './figures';
import { v2AsV1 } from './v2-as-v1';

export { DSCO_BASE, SS_BASE, STORE_ID };
export const MIN = 60_000;

/**
 * Secret values seeded for these tests: distinctive, so a scan can find any copy of them. The DSCO
 * Client ID is not a secret (the sidebar shows it), but is distinctive too.
 */
export const RIG_SECRETS = {
  dscoClientSecret: 'dscoSecret-R7x2Qm9vK4pL',
  ssApiKey: 'ssKey-T3n8Wc5bY1fH',
  ssApiSecret: 'ssSecret-J6d0Vg2zN8sE',
  ssV2ApiKey: 'ssV2Key-P4q7Hx1mZ9cR',
} as const;

export const RIG_FORM = { ...SETTINGS_FORM, dscoClientId: 'dsco-client-4417', ...RIG_SECRETS };

export type Service = 'dsco' | 'ss';

/**
 * A fault on the wire between the simulator's UrlFetchApp and a fake server. Unlike the fakes' own
 * queues it matches the query string too (`path` as a RegExp is tested against path + query, the
 * DSCO path without '/api/v3'), works the same for both services, and with `apply` lets the server
 * do the work before the answer is replaced (a gateway timeout after the fact, a truncated body).
 */
export interface WireFault {
  /** Figure label, e.g. "dsco-5xx". */
  kind: string;
  service?: Service;
  method?: string;
  path?: string | RegExp;
  /** Default 1. */
  count?: number;
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  apply?: boolean;
  /** Build the answer from the real one (only with `apply`). */
  rewrite?: (real: FakeHttpResponse, req: FakeHttpRequest) => FakeHttpResponse;
  /** Only requests for which this is true match (others pass through and do not use up the fault). */
  when?: (req: FakeHttpRequest) => boolean;
  /** Build the answer from the request (without `apply`: the server never sees it). */
  answer?: (req: FakeHttpRequest) => FakeHttpResponse;
  /** UrlFetchApp throws this message instead of answering (with `apply`, after the server did the work). */
  throws?: (req: FakeHttpRequest) => string;
}

/** A failure the wire was asked to produce (not a bug of the test). */
class WireThrow extends Error {}

export interface CallRecord {
  fn: string;
  result?: unknown;
  error?: string;
}

export interface SyncOutcome {
  killed: boolean;
  result?: { ran?: boolean; message?: string; fatal?: string; summary?: Record<string, unknown> };
  error?: string;
}

export interface Rig {
  clock: SimClock;
  sim: Simulator;
  dsco: DscoFake;
  /** The ShipStation back end, as the V1 fake (with API V2: the V2 fake seen as V1, see v2-as-v1.ts). */
  ss: ShipStationFake;
  /** The V2 fake (the back end with `shipstation: 'v2'`). */
  ssV2: ShipStationV2Fake;
  backend: Backend;
  figures: Figures;
  form: typeof RIG_FORM;
  /** DSCO access tokens the fake issued (secrets too). */
  tokens: Set<string>;
  /** Every entry-point call: results and thrown messages, as the browser or Apps Script would see them. */
  calls: CallRecord[];
  /** DSCO orders seeded through the rig. */
  seeded: string[];
  /** Exceptions thrown by a fake server or a fault on the wire (test bugs, not the product's). */
  internalErrors: string[];
  /** Dashboard order IDs ever seen after a cycle. */
  rowsSeen: Set<string>;
  install(form?: Record<string, unknown>): void;
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** One cycle (syncNow by default); a run stopped by the time limit is reported, not thrown. */
  sync(fn?: 'syncNow' | 'retryFailed' | 'runScheduledSync'): SyncOutcome;
  /** Clean cycles, `gapMs` apart, with every fault cleared first. */
  settle(cycles?: number, gapMs?: number): void;
  seedOrder(partial?: DeepPartial<Order>): Order;
  wire: { enqueue(f: WireFault): void; pending(): number; clear(): void };
  /** UrlFetchApp fails for the next `count` requests to the service (and `path`, a path prefix after the base URL). */
  failNetwork(opts: { kind: 'timeout' | 'dns'; count?: number; service?: Service; path?: string; delivered?: boolean; label?: string }): void;
  failSheets(fault: SheetsFault & { label?: string }): void;
  /** After the first request matching `when` is answered, the clock jumps `ms`. */
  jumpAfter(when: (req: FakeHttpRequest) => boolean, ms: number, label: string): void;
  /** After the first request matching `when` is answered, `action` runs (e.g. DSCO revokes its tokens). */
  onAfter(when: (req: FakeHttpRequest) => boolean, action: () => void, label: string): void;
  /** The execution dies (6-minute limit) right after the first request matching `when`. */
  killAfter(when: (req: FakeHttpRequest) => boolean, label?: string): void;
  /** The run's 4.5-minute budget is spent right after the first request matching `when` (no kill). */
  exhaustBudgetAfter(when: (req: FakeHttpRequest) => boolean, label?: string): void;
  /** Folds the faults that fired since the last call into the figures. */
  tallyFaults(): void;
  dashboard(): DashboardRow[];
  archive(): DashboardRow[];
  row(id: string): DashboardRow | undefined;
  logs(): { level: string; flow: string; dscoOrderId: string; message: string }[];
  /** Ledger keys in _Shipments. */
  ledgerKeys(): Set<string>;
  props(): Record<string, string>;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function splitUrl(url: string, service: Service): { path: string; pathAndQuery: string } {
  const u = new URL(url);
  let p = u.pathname;
  if (service === 'dsco') {
    const i = p.indexOf('/api/v3');
    if (i >= 0) p = p.slice(i + '/api/v3'.length) || '/';
  }
  return { path: p, pathAndQuery: p + u.search };
}

export interface RigOptions {
  start?: string;
  sim?: SimulatorOptions;
  /** Shared by several rigs of one test (property runs). */
  figures?: Figures;
  area?: Area;
  scenario?: string;
  /** DSCO applies acknowledgements this long after accepting them (default 2 s). */
  dscoAsyncDelayMs?: number;
  /** ShipStation requests a minute (default 40; V2 200). */
  ssRateLimitPerMinute?: number;
  /** DSCO shows a created invoice in GET /invoice this long later (default 0). */
  dscoInvoiceVisibleAfterMs?: number;
  /** The ShipStation API the bundle uses (default v1). */
  shipstation?: Backend;
}

/**
 * The built bundle in the Apps Script simulator, wired to the stateful DSCO and ShipStation fakes
 * through a fault layer, with distinctive secrets, and figures for the reliability report.
 */
export function createRig(opts: RigOptions = {}): Rig {
  const clock = createClock(opts.start ?? '2026-03-02T15:00:00Z');
  const backend = opts.shipstation ?? 'v1';
  const figures = opts.figures ?? emptyFigures(opts.area ?? 'faults', opts.scenario ?? '');
  const wireQueue: { fault: WireFault; left: number }[] = [];
  const jumps: { when: (req: FakeHttpRequest) => boolean; ms: number; label: string; action?: () => void }[] = [];
  const tokens = new Set<string>();
  const networkArmed: { label: string; count: number }[] = [];
  let sheetsLabels: string[] = [];
  let sheetsTallied = 0;

  const takeWire = (service: Service, req: FakeHttpRequest, p: string, pq: string): WireFault | undefined => {
    const method = req.method.toUpperCase();
    const i = wireQueue.findIndex(({ fault: f }) => {
      if (f.service && f.service !== service) return false;
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (typeof f.path === 'string' && f.path !== p) return false;
      if (f.path instanceof RegExp) {
        f.path.lastIndex = 0;
        if (!f.path.test(pq)) return false;
      }
      return !f.when || f.when(req);
    });
    if (i < 0) return undefined;
    const q = wireQueue[i]!;
    q.left--;
    if (q.left <= 0) wireQueue.splice(i, 1);
    countFault(figures, q.fault.kind);
    return q.fault;
  };

  const internalErrors: string[] = [];
  /** A failure of the test's own code on the wire would reach the bundle as a network error: record it loudly. */
  const layer = (service: Service, handler: FakeHandler): FakeHandler => (req) => {
    try {
      return wire(service, handler, req);
    } catch (e) {
      if (e instanceof WireThrow) throw e;
      internalErrors.push(`${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      throw e;
    }
  };

  const wire = (service: Service, handler: FakeHandler, req: FakeHttpRequest): FakeHttpResponse => {
    const { path: p, pathAndQuery } = splitUrl(req.url, service);
    const fault = takeWire(service, req, p, pathAndQuery);
    const canned = (f: WireFault): FakeHttpResponse => (f.answer ? f.answer(req) : { status: f.status ?? 500, headers: { ...(f.headers ?? {}) }, body: f.body ?? '' });
    let res: FakeHttpResponse;
    if (fault && !fault.apply) res = canned(fault);
    else {
      const real = handler(req);
      if (service === 'dsco' && p === '/oauth2/token' && real.status === 200) {
        try {
          tokens.add(String((JSON.parse(real.body) as { access_token?: unknown }).access_token));
        } catch {
          // not a token answer
        }
      }
      res = fault ? (fault.rewrite ? fault.rewrite(real, req) : canned(fault)) : real;
    }
    if (fault?.throws) throw new WireThrow(fault.throws(req));
    const j = jumps.findIndex((x) => x.when(req));
    if (j >= 0) {
      const jump = jumps.splice(j, 1)[0]!;
      countFault(figures, jump.label);
      if (jump.ms > 0) clock.advance(jump.ms);
      jump.action?.();
    }
    return res;
  };

  const { sim, dsco, ss, ssV2 } = createWorld({
    clock,
    sim: opts.sim,
    dsco: { clientId: RIG_FORM.dscoClientId, clientSecret: RIG_SECRETS.dscoClientSecret, asyncDelayMs: opts.dscoAsyncDelayMs, invoiceVisibleAfterMs: opts.dscoInvoiceVisibleAfterMs },
    ss: { apiKey: RIG_SECRETS.ssApiKey, apiSecret: RIG_SECRETS.ssApiSecret, rateLimitPerMinute: opts.ssRateLimitPerMinute },
    ssV2: { apiKey: RIG_SECRETS.ssV2ApiKey, rateLimitPerMinute: backend === 'v2' ? opts.ssRateLimitPerMinute : undefined },
    wire: (service, handler) => layer(service === 'dsco' ? 'dsco' : 'ss', handler),
    // These fault tests exercise singleShipment, the path their small workloads were written for;
    // the batch path (the default from 3 shipments a run) is covered by test/engine/tracking-batch.test.ts.
    properties: { SHIPMENT_BATCH_THRESHOLD: '500' },
  });

  const calls: CallRecord[] = [];
  const seeded: string[] = [];
  const rowsSeen = new Set<string>();

  const rig: Rig = {
    clock,
    sim,
    dsco,
    ss: backend === 'v2' ? v2AsV1(ssV2) : ss,
    ssV2,
    backend,
    figures,
    form: RIG_FORM,
    tokens,
    calls,
    seeded,
    internalErrors,
    rowsSeen,
    install(form = {}) {
      const res = rig.call<{ ok: boolean; errors?: unknown }>('saveSettings', { ...RIG_FORM, ...(backend === 'v2' ? { ssApiVersion: 'v2' } : {}), ...form });
      if (!res.ok) throw new Error(`saveSettings refused: ${JSON.stringify(res.errors)}`);
      rig.call('setupSheet');
    },
    call<T>(name: string, ...args: unknown[]): T {
      try {
        const result = sim.call<T>(name, ...args);
        calls.push({ fn: name, result });
        return result;
      } catch (e) {
        calls.push({ fn: name, error: e instanceof Error ? e.message : String(e) });
        throw e;
      }
    },
    sync(fn = 'syncNow') {
      figures.cycles++;
      let outcome: SyncOutcome;
      try {
        outcome = { killed: false, result: rig.call(fn) as SyncOutcome['result'] };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (/Exceeded maximum execution time/.test(message)) {
          figures.killed++;
          outcome = { killed: true };
        } else outcome = { killed: false, error: message };
      }
      rig.tallyFaults();
      try {
        for (const r of rig.dashboard()) rowsSeen.add(r.dscoOrderId);
      } catch {
        // no Dashboard yet
      }
      return outcome;
    },
    settle(cycles = 3, gapMs = 16 * MIN) {
      rig.tallyFaults();
      wireQueue.length = 0;
      jumps.length = 0;
      dsco.faults.clear();
      ss.faults.clear();
      ssV2.faults.clear();
      sim.faults.clearSheets();
      Object.assign(sim.costs, { urlFetchMs: 0, sheetsCallMs: 0, sheetsPerCellMs: 0 });
      rig.tallyFaults();
      sim.network.clearFailures();
      networkArmed.length = 0;
      for (let i = 0; i < cycles; i++) {
        clock.advance(gapMs);
        const out = rig.sync();
        if (out.killed || out.error) throw new Error(`a clean settle cycle failed: ${out.error ?? 'killed'}`);
      }
    },
    seedOrder(partial = {}) {
      const order = dsco.seedOrder(partial);
      seeded.push(order.dscoOrderId);
      figures.orders++;
      return order;
    },
    wire: {
      enqueue(f) {
        wireQueue.push({ fault: f, left: f.count ?? 1 });
      },
      pending: () => wireQueue.reduce((n, q) => n + q.left, 0),
      clear() {
        wireQueue.length = 0;
      },
    },
    failNetwork({ kind, count = 1, service, path: p = '', delivered, label }) {
      const urlPrefix = service === 'dsco' ? DSCO_BASE + p : service === 'ss' ? (backend === 'v2' ? SS_V2_BASE : SS_BASE) + p : undefined;
      sim.network.failNext({ kind, count, ...(urlPrefix ? { urlPrefix } : {}), ...(delivered ? { delivered } : {}) });
      networkArmed.push({ label: label ?? `network-${kind}${delivered ? '-after-delivery' : ''}`, count });
    },
    failSheets(fault) {
      const { label, ...rest } = fault;
      sim.faults.failSheets(rest);
      for (let i = 0; i < (fault.count ?? 1); i++) sheetsLabels.push(label ?? (fault.exhaustTime ? 'time-limit-at-sheets-call' : 'sheets-timeout'));
    },
    jumpAfter(when, ms, label) {
      jumps.push({ when, ms, label });
    },
    onAfter(when, action, label) {
      jumps.push({ when, ms: 0, label, action });
    },
    killAfter(when, label = 'time-limit-kill') {
      rig.jumpAfter(when, 7 * MIN, label);
    },
    exhaustBudgetAfter(when, label = 'time-budget-spent') {
      rig.jumpAfter(when, 4.6 * MIN, label);
    },
    tallyFaults() {
      // Network failures fire in order: the used ones are the armed total minus what is pending.
      const armed = networkArmed.reduce((n, a) => n + a.count, 0);
      let used = armed - sim.network.pendingFailures();
      while (used > 0 && networkArmed.length) {
        const a = networkArmed[0]!;
        const n = Math.min(used, a.count);
        countFault(figures, a.label, n);
        used -= n;
        a.count -= n;
        if (a.count === 0) networkArmed.shift();
      }
      const fired = sim.faults.sheetsFired.length;
      for (; sheetsTallied < fired; sheetsTallied++) countFault(figures, sheetsLabels.shift() ?? 'sheets-timeout');
      if (sim.faults.pendingSheets() === 0) sheetsLabels = [];
    },
    dashboard: () => dashboardRows(sim.readSheet('Dashboard')),
    archive: () => dashboardRows(sim.readSheet('Archive')),
    row: (id) => rig.dashboard().find((r) => r.dscoOrderId === id) ?? rig.archive().find((r) => r.dscoOrderId === id),
    logs() {
      return sim
        .readSheet('Logs')
        .slice(1)
        .filter((r) => text(r[4]) !== '')
        .map((r) => ({ level: text(r[1]), flow: text(r[2]), dscoOrderId: text(r[3]), message: text(r[4]) }));
    },
    ledgerKeys: () => new Set(sim.readSheet('_Shipments').slice(1).map((r) => text(r[0])).filter(Boolean)),
    props: () => sim.properties.script.getProperties(),
  };
  return rig;
}
