import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';
import { type Backend, BACKENDS } from '../../sandbox/shipstation-backend';

const MIN = 60_000;
type H = ReturnType<typeof createHarness>;

const ssCountByKey = (h: H) => {
  const counts = new Map<string, number>();
  for (const o of h.shop.orders()) counts.set(o.key, (counts.get(o.key) ?? 0) + 1);
  return counts;
};
const shipmentsSent = (h: H) =>
  h.dsco.requests.filter((r) => r.path === '/order/singleShipment').map((r) => (r.body as { shipments: { trackingNumber: string }[] }).shipments[0].trackingNumber);

/** Runs cycles until nothing changes, as the trigger would. */
function settle(h: H, cycles = 4) {
  for (let i = 0; i < cycles; i++) {
    h.clock.advance(15 * MIN);
    h.call('syncNow');
  }
}

function expectNoDuplicates(h: H, ids: string[]) {
  const counts = ssCountByKey(h);
  for (const id of ids) expect(counts.get(id)).toBe(1);
  const sent = shipmentsSent(h);
  expect(new Set(sent).size).toBe(sent.length);
  const rows = h.dashboard().map((r) => r.dscoOrderId);
  expect(new Set(rows).size).toBe(rows.length);
  for (const id of ids) expect(rows).toContain(id);
}

describe('run safety', () => {
  it('a second run while one holds the lock is skipped and says so in the Logs', () => {
    const h = createHarness();
    h.install();
    h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.sim.locks.holdScriptLock();
    const res = h.call<{ ran: boolean; message: string }>('syncNow');
    expect(res).toMatchObject({ ran: false, message: 'Skipped: a sync is already running.' });
    expect(h.logs().map((l) => l.message)).toContain('skipped: a sync is already running');
    expect(h.ss.orders.size).toBe(0);
    h.sim.locks.releaseHeldScriptLock();
    h.call('syncNow');
    expect(h.ss.orders.size).toBe(1);
  });

  it('stops taking new work when the time budget is spent, and the next cycles finish the backlog', () => {
    // Each request costs 60 s of simulated time: the 4.5-minute budget runs out mid-cycle.
    const h = createHarness({ sim: { costs: { urlFetchMs: 60_000 } } });
    h.install();
    const ids = Array.from({ length: 500 }, () => h.dsco.seedOrder().dscoOrderId);
    h.clock.advance(MIN);
    const first = h.call<{ message: string; summary: { deferred: boolean } }>('syncNow');
    expect(first.summary.deferred).toBe(true);
    expect(h.ss.orders.size).toBeGreaterThan(0);
    expect(h.ss.orders.size).toBeLessThan(500);
    expect(h.logs().some((l) => /Time is up for this run/.test(l.message))).toBe(true);
    settle(h, 8);
    expectNoDuplicates(h, ids);
    expect(h.dashboard().every((r) => r.status === 'Sent to SS')).toBe(true);
  });

  /** The ShipStation calls a kill is aimed at, per back end: the create, and the last read of a cycle. */
  const CALLS: Record<Backend, { create: (r: { url: string; method: string }) => boolean; lastRead: (r: { url: string }) => boolean }> = {
    v1: { create: (r) => r.url.includes('/orders/createorders'), lastRead: (r) => r.url.includes('/orders?') && r.url.includes('orderStatus=cancelled') },
    v2: { create: (r) => r.method === 'POST' && /\/v2\/shipments$/.test(r.url), lastRead: (r) => r.url.includes('/v2/shipments?') && r.url.includes('shipment_status=cancelled') },
  };

  describe.each(BACKENDS)('a run killed at any step leaves no duplicate and loses no order (API %s)', (backend: Backend) => {
    function scenario(killWhen: (req: { url: string; method: string }) => boolean) {
      const h = createHarness({ shipstation: backend });
      h.install();
      const ids = [h.dsco.seedOrder().dscoOrderId, h.dsco.seedOrder({ lineItems: [{ quantity: 2 }] }).dscoOrderId];
      h.clock.advance(MIN);
      h.call('syncNow');
      // Now ship both in ShipStation, and add a third order, so one cycle has every kind of work.
      for (const o of h.shop.orders()) h.shop.ship(o.id, { trackingNumber: `1Z-${o.key}`, carrierCode: 'ups', serviceCode: 'ups_ground' });
      ids.push(h.dsco.seedOrder().dscoOrderId);
      h.clock.advance(MIN);
      h.killAfter(killWhen);
      expect(() => h.call('syncNow')).toThrow(/Exceeded maximum execution time/);
      settle(h);
      expectNoDuplicates(h, ids);
      expect(h.row(ids[0])!.status).toBe('Shipped');
      expect(h.row(ids[1])!.status).toBe('Shipped');
      expect(h.row(ids[2])!.status).toBe('Sent to SS');
      expect(h.dsco.orders.get(ids[2])!.dscoLifecycle).toBe('acknowledged');
      expect(shipmentsSent(h).sort()).toEqual([`1Z-${ids[0]}`, `1Z-${ids[1]}`].sort());
      expect(h.shop.violations()).toEqual([]);
      return h;
    }

    it('after the ShipStation create', () => {
      scenario(CALLS[backend].create);
    });
    it('after the DSCO acknowledge', () => {
      scenario((r) => r.url.includes('/order/acknowledge'));
    });
    it('after the first DSCO shipment', () => {
      scenario((r) => r.url.includes('/order/singleShipment'));
    });
    it('after the last API call, before the sheet is written', () => {
      scenario(CALLS[backend].lastRead);
    });
    it('while reading pending acknowledgements', () => {
      scenario((r) => r.url.includes('/order/log'));
    });
  });

  it('the number of Sheets calls per cycle does not grow with the number of orders', () => {
    function sheetsCalls(n: number): number {
      const h = createHarness();
      h.install();
      for (let i = 0; i < n; i++) h.dsco.seedOrder();
      h.clock.advance(MIN);
      h.sim.resetCounts();
      h.call('syncNow');
      expect(h.dashboard()).toHaveLength(n);
      return h.sim.counts.sheets;
    }
    const small = sheetsCalls(10);
    const large = sheetsCalls(1000);
    const huge = sheetsCalls(3000);
    // Bounded, whatever the number of orders: a block write may first grow its tab past the 1,000
    // rows of a new sheet (one call), and a Logs flush may trim the oldest rows (one call).
    expect(large - small).toBeGreaterThanOrEqual(0);
    expect(large - small).toBeLessThanOrEqual(12);
    expect(huge - small).toBeLessThanOrEqual(12);
    // About 55 for the engine, then the Retailers tab read once a run (3 calls), new retailers
    // appended once (4, only in a cycle that meets one), and the Overview's one block after the cycle (4).
    expect(small).toBeLessThan(70);
  });
});
