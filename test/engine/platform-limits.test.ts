import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';

const MIN = 60_000;
const DAY = 86_400_000;

describe('platform limits', () => {
  it('moves finished orders older than the archive age to the Archive tab, keeping the rest', () => {
    const h = createHarness();
    h.install({ archiveAfterDays: '3' } as never);
    const shipped = h.dsco.seedOrder();
    const open = h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.call('syncNow');
    const ssId = [...h.ss.orders.values()].find((o) => o.orderKey === shipped.dscoOrderId)!.orderId!;
    h.ss.shipOrder(ssId, { trackingNumber: '1ZARCH', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(shipped.dscoOrderId)!.status).toBe('Shipped');
    h.clock.advance(4 * DAY);
    h.call('syncNow');
    expect(h.row(shipped.dscoOrderId)).toBeUndefined();
    expect(h.row(open.dscoOrderId)!.status).toBe('Sent to SS');
    const archive = h.sim.readSheet('Archive').slice(1);
    expect(archive.map((r) => [String(r[1]), r[4], r[5]])).toEqual([[shipped.dscoOrderId, 'Shipped', '1ZARCH']]);
    // the archived order's shipment is never sent again, and the order is not pulled again
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.dsco.requests.filter((r) => r.path === '/order/singleShipment')).toHaveLength(1);
    expect(h.dashboard()).toHaveLength(1);
    expect(h.sim.readSheet('Archive').slice(1)).toHaveLength(1);
  });

  it('caps the Logs tab, trimming the oldest rows in one call', () => {
    const h = createHarness();
    h.install();
    for (let i = 0; i < 2200; i++) h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.call('syncNow'); // about 3 log rows per order
    const rows = h.sim.readSheet('Logs').length - 1;
    expect(rows).toBeLessThanOrEqual(5_000);
    expect(rows).toBeGreaterThan(3_000);
    expect(h.logs().at(-1)!.message).toMatch(/^Sync finished/);
  });

  it('keeps every Script Property value far below the 9 KB limit', () => {
    const h = createHarness();
    h.install();
    const orders = Array.from({ length: 300 }, () => h.dsco.seedOrder());
    h.clock.advance(MIN);
    h.call('syncNow');
    for (const o of h.ss.orders.values()) h.ss.shipOrder(o.orderId!, { trackingNumber: `1Z${o.orderKey}`, carrierCode: 'ups', serviceCode: 'ups_ground' });
    // DSCO takes 60 shipments but its answers are lost (a gateway 504): the engine cannot know they
    // landed, so it leaves in-flight markers behind instead of resending.
    h.dsco.faults.enqueue({ path: '/order/singleShipment', status: 504, count: 60, applyRequest: true });
    h.clock.advance(MIN);
    h.call('syncNow');
    const props = h.sim.properties.script.getProperties();
    expect(Object.keys(props).some((k) => k.startsWith('inflight.'))).toBe(true);
    const largest = Math.max(...Object.values(props).map((v) => Buffer.byteLength(v)));
    expect(largest).toBeLessThan(7_000);
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(h.dashboard().filter((r) => r.status === 'Shipped')).toHaveLength(orders.length);
    const tracking = h.dsco.requests
      .filter((r) => r.path === '/order/singleShipment')
      .map((r) => (r.body as { shipments: { trackingNumber: string }[] }).shipments[0].trackingNumber);
    // every shipment was sent exactly once: the 60 with lost answers were found in DSCO, not resent
    expect(tracking).toHaveLength(orders.length);
    expect(new Set(tracking).size).toBe(orders.length);
    expect(Object.keys(h.sim.properties.script.getProperties()).some((k) => k.startsWith('inflight.'))).toBe(false);
  });
});
