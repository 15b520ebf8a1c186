import { describe, expect, it } from 'vitest';
import { isKnownProperty, PROPERTIES, SPREADSHEET_CELL_LIMIT, TABS } from '../../src/storage/storage-map';
import { createHarness, type Harness } from '../support/harness';

/** Ships order `id` in the fake ShipStation. */
function ship(h: Harness, id: string, tracking: string): void {
  const ssId = [...h.ss.orders.values()].find((o) => o.orderKey === id)!.orderId!;
  h.ss.shipOrder(ssId, { trackingNumber: tracking, carrierCode: 'ups', serviceCode: 'ups_ground' });
}

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
    h.sim.properties.script.setProperty(PROPERTIES.shipmentBatchThreshold, '100000'); // one singleShipment call each
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

  it('archives at most once a day, as one block, and rewrites the remaining working rows in one block per tab', () => {
    const h = createHarness();
    h.install({ archiveAfterDays: '1' } as never);
    const orders = Array.from({ length: 6 }, () => h.dsco.seedOrder());
    h.clock.advance(MIN);
    h.call('syncNow');
    ship(h, orders[1].dscoOrderId, '1ZA');
    ship(h, orders[3].dscoOrderId, '1ZB');
    h.clock.advance(MIN);
    h.call('syncNow');
    h.clock.advance(DAY + MIN); // housekeeping is due; both shipped orders are older than a day
    ship(h, orders[4].dscoOrderId, '1ZC');
    h.clock.advance(MIN);
    const trace = h.sim.startTrace();
    h.call('syncNow');
    h.sim.stopTrace();
    expect(h.sim.readSheet(TABS.archive.name).slice(1).map((r) => String(r[TABS.archive.col.dscoOrderId - 1]))).toEqual([orders[1].dscoOrderId, orders[3].dscoOrderId]);
    expect(h.dashboard().map((r) => r.dscoOrderId)).toEqual([0, 2, 4, 5].map((i) => orders[i].dscoOrderId));
    expect(trace.filter((t) => t === 'Sheet.deleteRows')).toHaveLength(0);
    // order 4 becomes old enough 1 day later, but housekeeping already ran within the last 20 hours
    h.clock.advance(DAY - 6 * 3_600_000);
    h.call('syncNow');
    expect(h.sim.readSheet(TABS.archive.name).slice(1)).toHaveLength(2);
    h.clock.advance(6 * 3_600_000 + MIN);
    h.call('syncNow');
    expect(h.sim.readSheet(TABS.archive.name).slice(1)).toHaveLength(3);
    // the ledger keeps only what the working book and the last two days need
    h.clock.advance(3 * DAY);
    h.call('syncNow');
    expect(h.sim.readSheet(TABS.shipments.name).slice(1).filter((r) => r[0] !== '')).toHaveLength(0);
    expect(h.sim.readSheet(TABS.archive.name).slice(1)).toHaveLength(3);
  });

  it('keeps an unreadable hidden _Orders row, logs it and shows it as an Error row, while the other orders sync', () => {
    const h = createHarness();
    h.install();
    const [a, b] = [h.dsco.seedOrder(), h.dsco.seedOrder()];
    h.clock.advance(MIN);
    h.call('syncNow');
    const sheet = h.sim.spreadsheet.getSheetByName(TABS.orders.name)!;
    const row = h.sim.readSheet(TABS.orders.name).findIndex((r) => String(r[0]) === a.dscoOrderId) + 1;
    const damaged = '{"dscoOrderId": broken by hand';
    sheet.getRange(row, 2).setValue(damaged);
    ship(h, b.dscoOrderId, '1ZGOOD');
    h.clock.advance(MIN);
    h.call('syncNow');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(String(h.sim.readSheet(TABS.orders.name)[row - 1][1])).toBe(damaged);
    expect(h.row(a.dscoOrderId)!.status).toBe('Error');
    expect(h.row(a.dscoOrderId)!.error).toMatch(/cannot be read \(its record is not valid JSON\)/);
    expect(h.row(b.dscoOrderId)!.status).toBe('Shipped');
    expect(h.logs().some((l) => l.level === 'ERROR' && l.dscoOrderId === a.dscoOrderId && /hidden _Orders tab cannot be read/.test(l.message))).toBe(true);
  });

  it('flags an order too large to store for a person and goes on with the cycle', () => {
    const h = createHarness();
    h.install();
    const huge = h.dsco.seedOrder({ poNumber: `PO-${'9'.repeat(52_000)}` });
    const fine = h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.call('syncNow');
    ship(h, fine.dscoOrderId, '1ZFINE');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(huge.dscoOrderId)!.status).toBe('Error');
    expect(h.row(huge.dscoOrderId)!.error).toMatch(/too large to store in one cell/);
    expect(h.row(fine.dscoOrderId)!.status).toBe('Shipped');
    for (const tab of h.sim.spreadsheet.getSheets()) {
      for (const r of h.sim.readSheet(tab.getName())) for (const v of r) expect(String(v).length).toBeLessThanOrEqual(50_000);
    }
  });

  it('Set up sheet deletes unused columns and the empty Sheet1; the size is shown on How it works and warned in Logs well before the limit', () => {
    const h = createHarness();
    expect(h.sim.spreadsheet.getSheetByName('Sheet1')).not.toBeNull();
    h.install();
    expect(h.sim.spreadsheet.getSheetByName('Sheet1')).toBeNull();
    for (const t of Object.values(TABS)) expect(h.sim.spreadsheet.getSheetByName(t.name)!.getMaxColumns()).toBe(t.width);
    h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.call('syncNow'); // the first cycle starts the daily housekeeping clock
    h.clock.advance(DAY);
    h.call('syncNow');
    const help = h.sim.readSheet(TABS.help.name).map((r) => String(r[0]));
    const status = help.find((t) => t.startsWith('Spreadsheet size:'))!;
    const used = h.sim.spreadsheet.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
    expect(status).toContain(`${used.toLocaleString('en-US')} of Google's 10,000,000 cells`);
    expect(h.logs().filter((l) => l.level === 'WARN' && /Spreadsheet size/.test(l.message))).toHaveLength(0);
    // someone adds a large tab: the next daily check warns at 40% of the limit
    const big = h.sim.spreadsheet.insertSheet('Imported');
    big.maxRows = Math.ceil((0.45 * SPREADSHEET_CELL_LIMIT) / 26);
    h.clock.advance(DAY);
    h.call('syncNow');
    const warn = h.logs().find((l) => l.level === 'WARN' && /Spreadsheet size/.test(l.message))!;
    expect(warn.message).toMatch(/close to the limit.*"Imported"/);
  });

  it('uses only the Script Properties the storage map names', () => {
    const h = createHarness();
    h.install({ archiveAfterDays: '1' } as never);
    const o = h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.call('syncNow');
    ship(h, o.dscoOrderId, '1ZPROP');
    h.clock.advance(2 * DAY);
    h.call('syncNow');
    h.call('runScheduledSync');
    const keys = Object.keys(h.sim.properties.script.getProperties());
    expect(keys).toContain(PROPERTIES.housekeepingLastRun);
    expect(keys.filter((k) => !isKnownProperty(k))).toEqual([]);
  });

  it('a trimmed ledger never lets a shipment go twice, even when the shipment watermark is lost', () => {
    const h = createHarness();
    h.install({ archiveAfterDays: '30' } as never);
    const done = h.dsco.seedOrder();
    const partial = h.dsco.seedOrder({ lineItems: [{ quantity: 1 }, { quantity: 1 }] });
    h.clock.advance(MIN);
    h.call('syncNow');
    ship(h, done.dscoOrderId, '1ZDONE');
    const ssPartial = [...h.ss.orders.values()].find((o) => o.orderKey === partial.dscoOrderId)!;
    h.ss.shipOrder(ssPartial.orderId!, { trackingNumber: '1ZHALF', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: String(ssPartial.items[0].lineItemKey), quantity: 1 }] });
    h.clock.advance(MIN);
    h.call('syncNow');
    h.clock.advance(3 * DAY);
    h.call('syncNow'); // housekeeping: the finished order's entry leaves the ledger, the partly shipped one's stays
    const ledger = h.sim.readSheet(TABS.shipments.name).slice(1).filter((r) => r[0] !== '').map((r) => String(r[1]));
    expect(ledger).toEqual([partial.dscoOrderId]);
    h.sim.properties.script.deleteProperty(`${PROPERTIES.watermarkPrefix}shipments`); // read the whole lookback again
    h.clock.advance(MIN);
    h.call('syncNow');
    const sent = h.dsco.requests.filter((r) => /hipment/.test(r.path)).map((r) => JSON.stringify(r.body));
    expect(sent.filter((b) => b.includes('1ZDONE'))).toHaveLength(1);
    expect(sent.filter((b) => b.includes('1ZHALF'))).toHaveLength(1);
    expect(h.row(done.dscoOrderId)!.status).toBe('Shipped');
  });
});
