import { describe, expect, it } from 'vitest';
import { createHarness, STORE_ID } from '../support/harness';
import { type Backend, BACKENDS } from '../../sandbox/shipstation-backend';

const MIN = 60_000;

const acks = (h: ReturnType<typeof createHarness>) => h.dsco.requests.filter((r) => r.path === '/order/acknowledge');

describe.each(BACKENDS)('DSCO → ShipStation (API %s)', (backend: Backend) => {
  function setup() {
    const h = createHarness({ shipstation: backend });
    h.install();
    return h;
  }
  const ssOrdersFor = (h: ReturnType<typeof createHarness>, id: string) => h.shop.ordersFor(id);

  it('creates each ready order once in the configured store, acknowledges it, and verifies the acknowledgement', () => {
    const h = setup();
    const a = h.dsco.seedOrder({ dscoTradingPartnerName: 'Big Box', lineItems: [{ quantity: 2, sku: 'MUG-1', title: 'Mug' }, { quantity: 1, sku: 'TEA-9' }] });
    const b = h.dsco.seedOrder();
    const notReleased = h.dsco.seedOrder({ dscoLifecycle: 'received' });
    h.clock.advance(MIN);

    const first = h.call<{ message: string }>('syncNow');
    expect(first.message).toMatch(/^2 new/);
    for (const o of [a, b]) {
      const ss = ssOrdersFor(h, o.dscoOrderId);
      expect(ss).toHaveLength(1);
      expect(ss[0]).toMatchObject({ status: 'open', storeId: STORE_ID });
      // V2 numbers the shipment itself (the create request admits no shipment_number).
      if (backend === 'v1') expect(h.row(o.dscoOrderId)).toMatchObject({ ssOrderNumber: o.dscoOrderId });
      expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', flow: 'DSCO → SS', error: '' });
    }
    expect(ssOrdersFor(h, notReleased.dscoOrderId)).toHaveLength(0);
    expect(h.row(notReleased.dscoOrderId)).toBeUndefined();
    const ssA = ssOrdersFor(h, a.dscoOrderId)[0];
    expect(ssA.items.map((i) => [i.lineItemKey, i.sku, i.quantity])).toEqual([['1', 'MUG-1', 2], ['2', 'TEA-9', 1]]);
    if (backend === 'v1') {
      // V2's create request has no custom fields.
      const v1 = h.ss.findByOrderKey(a.dscoOrderId)!;
      expect(v1.advancedOptions?.customField1).toBe(`PO ${a.poNumber}`);
      expect(v1.advancedOptions?.customField2).toBe('Big Box');
    }
    expect(h.row(a.dscoOrderId)!.poRetailer).toBe(`${a.poNumber} / Big Box`);

    expect(acks(h)).toHaveLength(1);
    expect((acks(h)[0].body as { id: string; type: string; supplierOrderNumber: string }[]).map((x) => x.type)).toEqual(['DSCO_ORDER_ID', 'DSCO_ORDER_ID']);
    expect(h.dsco.orders.get(a.dscoOrderId)!.dscoLifecycle).toBe('created'); // DSCO applies it asynchronously
    h.clock.advance(5_000);
    expect(h.dsco.orders.get(a.dscoOrderId)).toMatchObject({ dscoLifecycle: 'acknowledged', supplierOrderNumber: String(ssA.id) });

    h.clock.advance(15 * MIN);
    h.call('syncNow');
    // One change-log read for the one acknowledgement request (plus the scroll to its empty last page).
    expect(h.dsco.requests.filter((r) => r.path === '/order/log' && r.query.requestId)).toHaveLength(1);
    expect(h.logs().some((l) => l.dscoOrderId === a.dscoOrderId && /confirmed the acknowledgement/.test(l.message))).toBe(true);

    h.clock.advance(60 * MIN);
    h.call('syncNow');
    expect(h.shop.orders()).toHaveLength(2);
    expect(acks(h)).toHaveLength(1);
    expect(h.dashboard()).toHaveLength(2);
    expect(h.dsco.violations).toEqual([]);
    expect(h.shop.violations()).toEqual([]);
  });

  it('acknowledges again, without creating anything, when DSCO reports the acknowledgement failed', () => {
    const h = setup();
    const o = h.dsco.seedOrder();
    h.dsco.failNextAcknowledge([o.dscoOrderId], 'Temporary hold');
    h.clock.advance(MIN);
    h.call('syncNow');
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(acks(h)).toHaveLength(2);
    expect(h.logs().some((l) => l.level === 'ERROR' && /Temporary hold/.test(l.message))).toBe(true);
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', error: '' });
    expect(h.dsco.orders.get(o.dscoOrderId)!.dscoLifecycle).toBe('acknowledged');
    expect(h.shop.orders()).toHaveLength(1);
    expect(h.shop.createCalls()).toBe(1);
  });

  it('puts an order DSCO sent with an incomplete address in Error with what to do, and goes on with the rest', () => {
    const h = setup();
    const bad = h.dsco.seedOrder({ shipping: { city: '', postal: '' } });
    const good = h.dsco.seedOrder();
    h.clock.advance(MIN);
    const res = h.call<{ message: string }>('syncNow');
    expect(res.message).toMatch(/1 error/);
    expect(h.row(bad.dscoOrderId)!.status).toBe('Error');
    expect(h.row(bad.dscoOrderId)!.error).toMatch(/incomplete ship-to address .*missing city, postal code.*Retry failed orders/);
    expect(h.row(good.dscoOrderId)!.status).toBe('Sent to SS');
    expect(ssOrdersFor(h, bad.dscoOrderId)).toHaveLength(0);
  });

  it('stores retailer text as text, never as a formula', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ poNumber: '=HYPERLINK("http://evil.test","x")', dscoTradingPartnerName: '+1 Retail' });
    h.clock.advance(MIN);
    h.call('syncNow');
    const sheet = h.sim.spreadsheet.getSheetByName('Dashboard')!;
    const formulas = sheet.getDataRange().getFormulas().flat().filter(Boolean);
    expect(formulas).toEqual([]);
    expect(h.row(o.dscoOrderId)!.poRetailer).toBe('=HYPERLINK("http://evil.test","x") / +1 Retail');
  });
});
