import fs from 'node:fs';
import path from 'node:path';
import { createDscoFake, type DscoFake, type DscoFakeOptions } from '../../sandbox/fakes/dsco';
import { createShipStationFake, DEFAULT_API_KEY, DEFAULT_API_SECRET, type ShipStationFake } from '../../sandbox/fakes/shipstation';
import { createShipStationV2Fake, DEFAULT_V2_API_KEY, type ShipStationV2Fake } from '../../sandbox/fakes/shipstation-v2';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../sandbox/simulator';
import { createClock, type SimClock } from '../../sandbox/clock';
import type { FakeHandler, FakeHttpRequest } from '../../sandbox/http';
import { BUNDLE, DIST } from '../../sandbox/paths';
import { type Backend, type ShipStationDriver, v1Driver, v2Driver } from '../../sandbox/shipstation-backend';
import { dashboardRows, type DashboardRow, logRows, type LogRow } from '../../sandbox/sheet-rows';
import { TABS } from '../../src/storage/storage-map';

export const DSCO_BASE = 'https://dsco.sandbox.test/api/v3';
export const SS_BASE = 'https://shipstation.sandbox.test';
export const SS_V2_BASE = 'https://shipstation-v2.sandbox.test';
export const STORE_ID = 22766;

/** Settings as a user would save them in the sidebar, with unique secrets tests can look for. */
export const SETTINGS_FORM = {
  dscoClientId: 'test-client-id',
  dscoClientSecret: 'test-client-secret',
  ssApiKey: DEFAULT_API_KEY,
  ssApiSecret: DEFAULT_API_SECRET,
  ssStoreId: String(STORE_ID),
  pollIntervalHours: '1',
  lookbackDays: '7',
  dscoEnvironment: 'production',
  includeTestOrders: false,
  cancelCode: 'CXSO',
};

export const SECRETS = [SETTINGS_FORM.dscoClientSecret, SETTINGS_FORM.ssApiKey, SETTINGS_FORM.ssApiSecret, DEFAULT_V2_API_KEY];

/** What the sidebar form adds to choose ShipStation API V2. */
export const V2_FORM = { ssApiVersion: 'v2', ssV2ApiKey: DEFAULT_V2_API_KEY };

export type { DashboardRow } from '../../sandbox/sheet-rows';

export interface Harness {
  clock: SimClock;
  sim: Simulator;
  dsco: DscoFake;
  /** The ShipStation V1 fake (the back end unless the harness was made for V2). */
  ss: ShipStationFake;
  /** The ShipStation V2 fake (the back end when the harness was made for V2). */
  ssV2: ShipStationV2Fake;
  /** The chosen back end, in terms both APIs share. */
  shop: ShipStationDriver;
  backend: Backend;
  /** saveSettings through the bundle, then setupSheet. */
  install(form?: Partial<typeof SETTINGS_FORM>): void;
  /** The next execution dies right after the first request matching `when` has been answered. */
  killAfter(when: (req: FakeHttpRequest) => boolean): void;
  call<T = unknown>(name: string, ...args: unknown[]): T;
  dashboard(): DashboardRow[];
  row(dscoOrderId: string): DashboardRow | undefined;
  logs(): LogRow[];
}

/** The built bundle in the Apps Script simulator, wired to the fake DSCO and ShipStation servers. */
export function createHarness(opts: { start?: string; sim?: SimulatorOptions; dsco?: Omit<DscoFakeOptions, 'clock'>; shipstation?: Backend } = {}): Harness {
  const backend = opts.shipstation ?? 'v1';
  const clock = createClock(opts.start ?? '2026-03-02T15:00:00Z');
  const sim = createSimulator({ clock, ...opts.sim });
  const dsco = createDscoFake({ clock, ...opts.dsco });
  const ss = createShipStationFake({ clock, stores: [{ storeId: STORE_ID, storeName: 'Acme Dropship' }, { storeId: 99, storeName: 'Other Store' }] });
  const ssV2 = createShipStationV2Fake({ clock, storeIds: [STORE_ID, 99] });
  let kill: ((req: FakeHttpRequest) => boolean) | undefined;
  /** Ends the execution right after a matching request was answered, as Apps Script's time limit would. */
  const killing = (handler: FakeHandler): FakeHandler => (req) => {
    const res = handler(req);
    if (kill?.(req)) {
      kill = undefined;
      clock.advance(7 * 60_000);
    }
    return res;
  };
  sim.network.route(DSCO_BASE, killing(dsco.handle));
  sim.network.route(SS_BASE, killing(ss.handle));
  sim.network.route(SS_V2_BASE, killing(ssV2.handle));
  sim.htmlFiles.Sidebar = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
  sim.load(BUNDLE);
  sim.properties.script.setProperty('DSCO_BASE_URL', DSCO_BASE);
  sim.properties.script.setProperty('SHIPSTATION_BASE_URL', SS_BASE);
  sim.properties.script.setProperty('SHIPSTATION_V2_BASE_URL', SS_V2_BASE);
  const h: Harness = {
    clock,
    sim,
    dsco,
    ss,
    ssV2,
    backend,
    shop: backend === 'v2' ? v2Driver(ssV2) : v1Driver(ss),
    install(form = {}) {
      const res = sim.call<{ ok: boolean; errors?: unknown }>('saveSettings', { ...SETTINGS_FORM, ...(backend === 'v2' ? V2_FORM : {}), ...form });
      if (!res.ok) throw new Error(`saveSettings refused: ${JSON.stringify(res.errors)}`);
      sim.call('setupSheet');
    },
    killAfter(when) {
      kill = when;
    },
    call: (name, ...args) => sim.call(name, ...args),
    dashboard: () => dashboardRows(sim.readSheet(TABS.dashboard.name)),
    row: (id) => h.dashboard().find((r) => r.dscoOrderId === id),
    logs: () => logRows(sim.readSheet('Logs')),
  };
  return h;
}
