import { createDscoClient, createShipStationClient, type ClientDeps } from '../../src/app/client-factory';
import { NetworkError } from '../../src/core/errors';
import type { Cache } from '../../src/core/ports/cache';
import type { HttpPort, HttpRequest, HttpResponse } from '../../src/core/ports/http-port';
import type { KeyValueStore } from '../../src/core/ports/key-value-store';
import type { ScriptLock } from '../../src/core/ports/script-lock';
import type { Tab, Workbook } from '../../src/core/ports/workbook';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/settings';
import { applyTemplate } from '../../src/sheet/apply-template';
import { SHEET_TEMPLATE } from '../../src/sheet/sheet-template';
import type { OrderRecord } from '../../src/sync/orders/order-record';
import { runCycle, type CycleMode, type CycleResult } from '../../src/sync/cycle/run-cycle';
import { validateSettingsForm } from '../../src/settings/validate-settings-form';
import { type Backend, type ShipStationDriver, v1Driver, v2Driver } from '../../sandbox/shipstation-backend';
import { createDscoFake, type DscoFake, type DscoFakeOptions } from '../../sandbox/fakes/dsco';
import { createShipStationFake, DEFAULT_API_KEY, DEFAULT_API_SECRET, type ShipStationFake } from '../../sandbox/fakes/shipstation';
import { createShipStationV2Fake, DEFAULT_V2_API_KEY, type ShipStationV2Fake } from '../../sandbox/fakes/shipstation-v2';
import { createClock, type SimClock } from '../../sandbox/clock';
import type { FakeHandler } from '../../sandbox/http';
import { dashboardRows, type DashboardRow, logRows, type LogRow } from '../../sandbox/sheet-rows';

/**
 * The engine's TypeScript run directly over in-memory ports: no bundle, no vm, no Apps Script
 * simulator. The fakes are the same stateful, contract-validating DSCO and ShipStation servers the
 * bundle tests use, called in-process. For rule-level tests that need milliseconds, not seconds;
 * what only Apps Script can show (entry points, triggers, the 6-minute limit, Sheets semantics) stays
 * with the bundle harness (harness.ts).
 */

export const ENGINE_STORE_ID = 22766;

/** A tab as plain rows; formatting calls are accepted and ignored. Counts the calls that cost a Sheets call. */
export class MemoryTab implements Tab {
  rows: unknown[][] = [];
  calls = 0;
  constructor(readonly name: string) {}
  readAll(): unknown[][] {
    this.calls++;
    return this.rows.map((r) => [...r]);
  }
  readRows(startRow: number, count: number, width: number): unknown[][] {
    this.calls++;
    return Array.from({ length: count }, (_, i) => Array.from({ length: width }, (_, j) => this.rows[startRow - 1 + i]?.[j] ?? ''));
  }
  writeRows(startRow: number, rows: unknown[][], startColumn = 1): void {
    this.calls++;
    rows.forEach((r, i) => {
      const at = startRow - 1 + i;
      while (this.rows.length <= at) this.rows.push([]);
      const row = this.rows[at];
      r.forEach((v, j) => (row[startColumn - 1 + j] = v instanceof Date ? new Date(v.getTime()) : v));
    });
  }
  lastRow(): number {
    this.calls++;
    let n = this.rows.length;
    while (n > 0 && this.rows[n - 1].every((v) => v === '' || v === null || v === undefined)) n--;
    return n;
  }
  deleteRows(startRow: number, count: number): void {
    this.calls++;
    this.rows.splice(startRow - 1, count);
  }
  clearRows(startRow: number, count: number, width: number): void {
    this.calls++;
    for (let i = startRow - 1; i < startRow - 1 + count && i < this.rows.length; i++) for (let j = 0; j < width; j++) this.rows[i][j] = '';
  }
  freezeRows(): void {}
  setColumnWidths(): void {}
  setPlainTextColumns(): void {}
  hide(): void {}
  setNumberFormat(): void {}
  setValueColors(): void {}
  ensureFilter(): void {}
  setWrap(): void {}
  activate(): void {}
  setTabColor(): void {}
  ensureColumnChart(): void {}
  moveToFirst(): void {}
  addColumns(): void {}
  showOnly(): void {}
  gridSize(): { rows: number; columns: number } {
    return { rows: Math.max(1000, this.rows.length), columns: Math.max(0, ...this.rows.map((r) => r.length)) };
  }
  deleteColumns(start: number, count: number): void {
    this.calls++;
    for (const r of this.rows) r.splice(start - 1, count);
  }
}

export class MemoryWorkbook implements Workbook {
  readonly tabs = new Map<string, MemoryTab>();
  tab(name: string): MemoryTab | undefined {
    return this.tabs.get(name);
  }
  createTab(name: string): MemoryTab {
    const t = new MemoryTab(name);
    this.tabs.set(name, t);
    return t;
  }
  tabNames(): string[] {
    return [...this.tabs.keys()];
  }
  deleteTab(name: string): boolean {
    return this.tabs.delete(name);
  }
  /** Sheets calls so far, all tabs. */
  calls(): number {
    return [...this.tabs.values()].reduce((n, t) => n + t.calls, 0);
  }
}

export class MemoryStore implements KeyValueStore, Cache {
  readonly values = new Map<string, string>();
  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  getAll(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  setAll(values: Record<string, string>): void {
    for (const [k, v] of Object.entries(values)) this.values.set(k, v);
  }
  delete(key: string): void {
    this.values.delete(key);
  }
  put(key: string, value: string): void {
    this.values.set(`cache:${key}`, value);
  }
  remove(key: string): void {
    this.values.delete(`cache:${key}`);
  }
}

/** Routes requests to the fake servers by base URL, in-process. */
class FakeNetwork implements HttpPort {
  private readonly routes: [string, FakeHandler][] = [];
  /** Requests answered by the network instead of the server, once each (see EngineHarness.failNext). */
  readonly faults: { method: string; path: string; answer: number | 'no answer' }[] = [];
  route(base: string, handler: FakeHandler): void {
    this.routes.push([base, handler]);
  }
  send(req: HttpRequest): HttpResponse {
    const fault = this.faults.findIndex((f) => f.method === req.method && new URL(req.url).pathname.endsWith(f.path));
    if (fault >= 0) {
      const [{ answer }] = this.faults.splice(fault, 1);
      if (answer === 'no answer') throw new NetworkError('Address unavailable (injected)');
      return { status: answer, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'failure', messages: [{ code: 'VALIDATION_FAILED', severity: 'error', description: 'injected refusal' }] }) };
    }
    const hit = this.routes.find(([base]) => req.url.startsWith(base));
    if (!hit) throw new NetworkError(`No route to ${new URL(req.url).host}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    if (req.contentType) headers['content-type'] = req.contentType;
    return hit[1]({ method: req.method, url: req.url, headers, body: req.body ?? '' });
  }
}

const DSCO_BASE = 'https://dsco.engine.test/api/v3';
const SS_BASE = 'https://shipstation.engine.test';
const SS_V2_BASE = 'https://shipstation-v2.engine.test';

/** The settings as a form: what the sidebar would send (secrets included, as typed). */
function toPublicForm(s: Settings): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) form[k] = v === null ? '' : v;
  return form;
}

export interface EngineHarness {
  clock: SimClock;
  dsco: DscoFake;
  ss: ShipStationFake;
  /** The ShipStation API V2 fake (the back end with `shipstation: 'v2'`). */
  ssV2: ShipStationV2Fake;
  workbook: MemoryWorkbook;
  store: MemoryStore;
  settings: Settings;
  /** One cycle of the engine, as Sync now (or Retry failed orders) would run it. */
  sync(mode?: CycleMode): CycleResult;
  dashboard(): DashboardRow[];
  row(dscoOrderId: string): DashboardRow | undefined;
  logs(): LogRow[];
  /** The engine's record of an order, from the hidden _Orders tab. */
  record(dscoOrderId: string): OrderRecord | undefined;
  /** The chosen ShipStation back end, in the terms both APIs share (as the bundle harness). */
  shop: ShipStationDriver;
  backend: Backend;
  /** Settings as the sidebar would save them (checked by the product's own form validation). */
  install(form?: Record<string, unknown>): void;
  /** The bundle harness's entry points the engine serves: syncNow and retryFailed. */
  call<T = CycleResult>(name: 'syncNow' | 'retryFailed'): T;
  /** The next request to this method and path never reaches the server: the network answers with this status, or not at all. */
  failNext(method: string, path: string, answer: number | 'no answer'): void;
}

export function createEngineHarness(opts: { start?: string; settings?: Partial<Settings>; dsco?: Omit<DscoFakeOptions, 'clock'>; shipstation?: 'v1' | 'v2' } = {}): EngineHarness {
  const clock = createClock(opts.start ?? '2026-03-02T15:00:00Z');
  const dsco = createDscoFake({ clock, ...opts.dsco });
  const ss = createShipStationFake({ clock, stores: [{ storeId: ENGINE_STORE_ID, storeName: 'Acme Dropship' }] });
  const ssV2 = createShipStationV2Fake({ clock, storeIds: [ENGINE_STORE_ID] });
  const network = new FakeNetwork();
  network.route(SS_V2_BASE, ssV2.handle);
  network.route(DSCO_BASE, dsco.handle);
  network.route(SS_BASE, ss.handle);
  const workbook = new MemoryWorkbook();
  applyTemplate(workbook, SHEET_TEMPLATE);
  const store = new MemoryStore();
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    dscoClientId: 'test-client-id',
    dscoClientSecret: 'test-client-secret',
    ssApiKey: DEFAULT_API_KEY,
    ssApiSecret: DEFAULT_API_SECRET,
    ssStoreId: ENGINE_STORE_ID,
    ...(opts.shipstation === 'v2' ? { ssApiVersion: 'v2' as const, ssV2ApiKey: DEFAULT_V2_API_KEY } : {}),
    ...opts.settings,
  };
  const engineClock = { now: () => clock.now(), sleep: (ms: number) => clock.advance(ms) };
  const clients: ClientDeps = {
    http: network,
    clock: engineClock,
    cache: store,
    baseUrlOverride: (name) => (name === 'DSCO_BASE_URL' ? DSCO_BASE : name === 'SHIPSTATION_V2_BASE_URL' ? SS_V2_BASE : SS_BASE),
  };
  const lock: ScriptLock = { tryAcquire: () => true, release: () => undefined };
  const h: EngineHarness = {
    clock,
    dsco,
    ss,
    ssV2,
    workbook,
    store,
    settings,
    sync: (mode = 'manual') =>
      runCycle(
        {
          clock: engineClock,
          lock,
          workbook,
          store,
          settings,
          dsco: (budget) => createDscoClient(settings, clients, budget),
          shipstation: (budget) => createShipStationClient(settings, clients, budget),
        },
        mode,
      ),
    dashboard: () => dashboardRows(workbook.tab('Dashboard')!.rows.map((r) => [...r])),
    row: (id) => h.dashboard().find((r) => r.dscoOrderId === id),
    logs: () => logRows(workbook.tab('Logs')!.rows),
    backend: opts.shipstation ?? 'v1',
    shop: opts.shipstation === 'v2' ? v2Driver(ssV2) : v1Driver(ss),
    install(form = {}) {
      const checked = validateSettingsForm({ ...toPublicForm(settings), ...form }, settings);
      if (!checked.ok) throw new Error(`settings refused: ${JSON.stringify(checked.errors)}`);
      Object.assign(settings, checked.settings);
    },
    call: <T>(name: 'syncNow' | 'retryFailed') => h.sync(name === 'retryFailed' ? 'retry' : 'manual') as T,
    failNext: (method, path, answer) => void network.faults.push({ method, path, answer }),
    record: (id) => {
      for (const row of workbook.tab('_Orders')!.rows.slice(1)) {
        if (String(row[0]) === id) return JSON.parse(String(row[1]).replace(/^'/, '')) as OrderRecord;
      }
      return undefined;
    },
  };
  return h;
}
