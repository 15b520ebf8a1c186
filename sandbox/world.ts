import fs from 'node:fs';
import path from 'node:path';
import { createClock, type SimClock } from './clock';
import { createDscoFake, type DscoFake, type DscoFakeOptions } from './fakes/dsco';
import { createShipStationFake, DEFAULT_API_KEY, DEFAULT_API_SECRET, type ShipStationFake, type ShipStationFakeOptions } from './fakes/shipstation';
import { createShipStationV2Fake, DEFAULT_V2_API_KEY, type ShipStationV2Fake } from './fakes/shipstation-v2';
import type { FakeHandler } from './http';
import { BUNDLE, DIST } from './paths';
import { createSimulator, type Simulator, type SimulatorOptions } from './simulator';

/** Where the bundle finds the three APIs (the Script Properties a sandbox sets). */
export interface ApiBases {
  dsco: string;
  ss: string;
  ssV2: string;
}

export const IN_PROCESS_BASES: ApiBases = {
  dsco: 'https://dsco.sandbox.test/api/v3',
  ss: 'https://shipstation.sandbox.test',
  ssV2: 'https://shipstation-v2.sandbox.test',
};

export const WORLD_STORE_ID = 22766;

/** Settings as a user would save them in the sidebar, with unique secrets tests can look for. */
export const SETTINGS_FORM = {
  dscoClientId: 'test-client-id',
  dscoClientSecret: 'test-client-secret',
  ssApiKey: DEFAULT_API_KEY,
  ssApiSecret: DEFAULT_API_SECRET,
  ssStoreId: String(WORLD_STORE_ID),
  pollIntervalHours: '1',
  lookbackDays: '7',
  dscoEnvironment: 'production',
  includeTestOrders: false,
  cancelCode: 'CXSO',
};

export const SECRETS = [SETTINGS_FORM.dscoClientSecret, SETTINGS_FORM.ssApiKey, SETTINGS_FORM.ssApiSecret, DEFAULT_V2_API_KEY];

/** What the sidebar form adds to choose ShipStation API V2. */
export const V2_FORM = { ssApiVersion: 'v2', ssV2ApiKey: DEFAULT_V2_API_KEY };


/**
 * The built bundle (dist/Code.js and the sidebar) loaded into a simulator, pointed at the APIs by
 * the documented base-URL Script Properties. Every world goes through here: in-process fakes
 * (createWorld) and the loopback servers of `npm start`.
 */
export function loadBundle(sim: Simulator, bases: ApiBases, properties: Record<string, string> = {}): void {
  sim.htmlFiles.Sidebar = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
  sim.load(BUNDLE);
  sim.properties.script.setProperty('DSCO_BASE_URL', bases.dsco);
  sim.properties.script.setProperty('SHIPSTATION_BASE_URL', bases.ss);
  sim.properties.script.setProperty('SHIPSTATION_V2_BASE_URL', bases.ssV2);
  for (const [k, v] of Object.entries(properties)) sim.properties.script.setProperty(k, v);
}

export interface WorldOptions {
  /** A clock of the caller's (the benchmark's rounding clock); else one starting at `start`. */
  clock?: SimClock;
  start?: string;
  sim?: Omit<SimulatorOptions, 'clock'>;
  dsco?: Omit<DscoFakeOptions, 'clock'>;
  ss?: Omit<ShipStationFakeOptions, 'clock'>;
  ssV2?: Omit<Parameters<typeof createShipStationV2Fake>[0], 'clock'>;
  /** Wraps each fake's handler on the wire: fault layers, kill switches, cost models. */
  wire?: (service: 'dsco' | 'ss' | 'ssV2', handler: FakeHandler) => FakeHandler;
  /** More Script Properties set once the bundle is loaded. */
  properties?: Record<string, string>;
}

export interface World {
  clock: SimClock;
  sim: Simulator;
  dsco: DscoFake;
  ss: ShipStationFake;
  ssV2: ShipStationV2Fake;
  bases: ApiBases;
}

/**
 * A complete world in one process: the built bundle in the Apps Script simulator, the stateful
 * DSCO, ShipStation V1 and V2 fakes on one clock, wired together. The test harness, the reliability
 * rig and the benchmark build theirs with it; they add what is theirs through `wire`.
 */
export function createWorld(opts: WorldOptions = {}): World {
  const clock = opts.clock ?? createClock(opts.start ?? '2026-03-02T15:00:00Z');
  const sim = createSimulator({ clock, ...opts.sim });
  const dsco = createDscoFake({ clock, ...opts.dsco });
  const ss = createShipStationFake({ clock, stores: [{ storeId: WORLD_STORE_ID, storeName: 'Acme Dropship' }, { storeId: 99, storeName: 'Other Store' }], ...opts.ss });
  const ssV2 = createShipStationV2Fake({ clock, storeIds: [WORLD_STORE_ID, 99], ...opts.ssV2 });
  const wire = opts.wire ?? ((_service, handler) => handler);
  const bases = IN_PROCESS_BASES;
  sim.network.route(bases.dsco, wire('dsco', dsco.handle));
  sim.network.route(bases.ss, wire('ss', ss.handle));
  sim.network.route(bases.ssV2, wire('ssV2', ssV2.handle));
  loadBundle(sim, bases, opts.properties);
  return { clock, sim, dsco, ss, ssV2, bases };
}
