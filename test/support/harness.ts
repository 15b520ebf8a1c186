import type { DscoFake, DscoFakeOptions } from '../../sandbox/fakes/dsco';
import type { ShipStationFake } from '../../sandbox/fakes/shipstation';
import type { ShipStationV2Fake } from '../../sandbox/fakes/shipstation-v2';
import type { Simulator, SimulatorOptions } from '../../sandbox/simulator';
import { createWorld, IN_PROCESS_BASES, WORLD_STORE_ID } from '../../sandbox/world';
import type { SimClock } from '../../sandbox/clock';
import type { FakeHandler, FakeHttpRequest } from '../../sandbox/http';
import { type Backend, type ShipStationDriver, v1Driver, v2Driver } from '../../sandbox/shipstation-backend';
import { dashboardRows, type DashboardRow, logRows, type LogRow } from '../../sandbox/sheet-rows';
import { TABS } from '../../src/storage/storage-map';

export const DSCO_BASE = IN_PROCESS_BASES.dsco;
export const SS_BASE = IN_PROCESS_BASES.ss;
export const SS_V2_BASE = IN_PROCESS_BASES.ssV2;
export const STORE_ID = WORLD_STORE_ID;

export { SECRETS, SETTINGS_FORM, V2_FORM } from '../../sandbox/world';
import { SETTINGS_FORM, V2_FORM } from '../../sandbox/world';

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
  let kill: ((req: FakeHttpRequest) => boolean) | undefined;
  /** Ends the execution right after a matching request was answered, as Apps Script's time limit would. */
  const killing = (handler: FakeHandler): FakeHandler => (req) => {
    const res = handler(req);
    if (kill?.(req)) {
      kill = undefined;
      world.clock.advance(7 * 60_000);
    }
    return res;
  };
  const world = createWorld({ start: opts.start, sim: opts.sim, dsco: opts.dsco, wire: (_service, handler) => killing(handler) });
  const { clock, sim, dsco, ss, ssV2 } = world;
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
