import { describe, expect, it } from 'vitest';
import { DEFAULT_V2_API_KEY } from '../../sandbox/fakes/shipstation-v2';
import { createHarness, SETTINGS_FORM, V2_FORM } from '../support/harness';

const MIN = 60_000;

/** What only API V2 does differently, end to end through the bundle (the shared flows run on both elsewhere). */
describe('ShipStation API V2 back end', () => {
  function created() {
    const h = createHarness({ shipstation: 'v2' });
    h.install();
    const o = h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.call('syncNow');
    return { h, o };
  }

  it('talks only to V2 with the API-Key header, and Test connection says what V2 could and could not check', () => {
    const { h } = created();
    expect(h.ss.requests).toHaveLength(0);
    expect(h.ssV2.requests.length).toBeGreaterThan(0);
    const report = h.call<{ shipstation: { ok: boolean; message: string; stores: { storeId: number }[] } }>('testConnection');
    expect(report.shipstation.ok).toBe(true);
    expect(report.shipstation.message).toMatch(/Connected \(API V2\): orders go to store 22766; orders ship from "Main"/);
    expect(report.shipstation.stores.map((s) => s.storeId)).toEqual([22766]);
    expect(JSON.stringify(report)).not.toContain(DEFAULT_V2_API_KEY);
  });

  it('Test connection on a new V2 account cannot check the store and says so; a wrong key is named', () => {
    const h = createHarness({ shipstation: 'v2' });
    h.install();
    const fresh = h.call<{ shipstation: { ok: boolean; message: string } }>('testConnection');
    expect(fresh.shipstation.message).toMatch(/V2 cannot list stores, so store 22766 could not be checked/);
    h.call('saveSettings', { ...SETTINGS_FORM, ...V2_FORM, ssV2ApiKey: 'a-wrong-v2-key' });
    const bad = h.call<{ shipstation: { ok: boolean; message: string } }>('testConnection');
    expect(bad.shipstation.ok).toBe(false);
    expect(bad.shipstation.message).toMatch(/HTTP 401.*V2 API Key/);
    expect(bad.shipstation.message).not.toContain('a-wrong-v2-key');
  });

  it('a V2 key echoed in an error body never reaches the sheet', () => {
    const { h, o } = created();
    const id = h.shop.order(o.dscoOrderId).id;
    h.shop.ship(id, { trackingNumber: 'T-1', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.ssV2.faults.enqueue({ path: /\/v2\/labels/, status: 400, count: 10, body: JSON.stringify({ request_id: 'x', errors: [{ message: `bad key ${DEFAULT_V2_API_KEY}` }] }) });
    h.clock.advance(MIN);
    h.call('syncNow');
    const sheetText = JSON.stringify([h.dashboard(), h.logs()]);
    expect(sheetText).toMatch(/label list failed \(HTTP 400\)/);
    expect(sheetText).not.toContain(DEFAULT_V2_API_KEY);
  });

  it('a corrected ship-to address cannot be written through V2 (no update call): the row asks a person', () => {
    const { h, o } = created();
    h.clock.advance(10 * MIN);
    h.dsco.retailerChangeAddress(o.dscoOrderId, { address: ['77 New Street'], city: 'Springfield', postal: '62704' });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)!.status).toBe('Error');
    expect(h.row(o.dscoOrderId)!.error).toMatch(/corrected the ship-to address \(now 77 New Street, Springfield, 62704\)\. ShipStation API V2 cannot update it: correct it on the ShipStation order by hand/);
    expect(h.shop.orders()).toHaveLength(1);
    // Nothing is attempted through V2: no write after the create.
    h.call('retryFailed');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', error: '' });
  });

  it('an order created by a run that died before saving is adopted, not created twice', () => {
    const h = createHarness({ shipstation: 'v2' });
    h.install();
    const o = h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.killAfter((r) => r.method === 'POST' && r.url.endsWith('/v2/shipments'));
    expect(() => h.call('syncNow')).toThrow(/Exceeded maximum execution time/);
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(h.shop.ordersFor(o.dscoOrderId)).toHaveLength(1);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', error: '' });
    expect(h.logs().some((l) => l.dscoOrderId === o.dscoOrderId && /Already in ShipStation/.test(l.message))).toBe(true);
    expect(h.ssV2.requests.some((r) => r.path === `/v2/shipments/external_shipment_id/${o.dscoOrderId}`)).toBe(true);
    expect(h.shop.violations()).toEqual([]);
  });

  it('waits out V2 rate limiting (429 with Retry-After) within the run', () => {
    const h = createHarness({ shipstation: 'v2' });
    h.install();
    const o = h.dsco.seedOrder();
    h.ssV2.faults.enqueue({ method: 'POST', path: '/v2/shipments', status: 429, headers: { 'Retry-After': '5' }, body: '' });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS' });
    expect(h.shop.orders()).toHaveLength(1);
  });

  it('without a default ship-from location the sync stops with what to do, makes no Error rows, and goes on once it is set', () => {
    const h = createHarness({ shipstation: 'v2' });
    h.install();
    const main = h.ssV2.warehouses[0]!;
    main.is_default = false;
    h.ssV2.warehouses.push({ ...main, warehouse_id: 'se-502', name: 'Overflow' });
    const o = h.dsco.seedOrder();
    h.clock.advance(MIN);
    const first = h.call<{ message: string; fatal?: string }>('syncNow');
    expect(first.fatal).toMatch(/needs a default ship-from location: 2 warehouses exist and none is the default/);
    expect(h.row(o.dscoOrderId)?.status ?? 'Received').toBe('Received');
    expect(h.shop.orders()).toHaveLength(0);
    main.is_default = true;
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', error: '' });
  });
});
