import { describe, expect, it } from 'vitest';
import type { DscoOrder } from '../../../src/dsco/dsco-types';
import { mapToShipStationOrder } from '../../../src/sync/orders/map-to-shipstation-order';
import { MappingError } from '../../../src/sync/orders/mapping-error';

const base: DscoOrder = {
  dscoOrderId: '1026063942',
  poNumber: 'BOX.75594056.69954666',
  dscoTradingPartnerName: 'Big Box',
  consumerOrderNumber: 'W123',
  retailerCreateDate: '2026-07-04T18:30:00+00:00',
  shipByDate: '2026-07-08T07:59:00+00:00',
  shipCarrier: 'Generic',
  shipMethod: 'Ground',
  shippingServiceLevelCode: 'GCG',
  giftFlag: true,
  giftMessage: 'Happy birthday!',
  packingSlipMessage: 'Thank you for shopping',
  shipping: {
    name: 'Jane Doe',
    company: 'Acme',
    address: ['123 Main St', 'Apt 4', 'Rear door'],
    city: 'Ridgefield',
    region: 'NJ',
    postal: '07657',
    country: 'US',
    phone: '201-555-0100',
    addressType: 'Residential',
  },
  lineItems: [
    { lineNumber: 1, sku: 'MUG-1', title: 'Mug', quantity: 2, expectedCost: 4.5 },
    { lineNumber: 3, partnerSku: 'P-9', quantity: 1, consumerPrice: 10 },
  ],
};

describe('mapToShipStationOrder', () => {
  it('uses the DSCO order ID as orderNumber and orderKey, awaiting shipment, in the configured store', () => {
    const o = mapToShipStationOrder(base, 555, 0);
    expect(o).toMatchObject({ orderNumber: '1026063942', orderKey: '1026063942', orderStatus: 'awaiting_shipment', advancedOptions: { storeId: 555 } });
  });

  it('converts dates to Pacific local time (PDT in July)', () => {
    const o = mapToShipStationOrder(base, 1, 0);
    expect(o.orderDate).toBe('2026-07-04 11:30:00');
    expect(o.shipByDate).toBe('2026-07-08 00:59:00');
  });

  it('maps the ship-to from the address array, with company, phone and the residential flag', () => {
    expect(mapToShipStationOrder(base, 1, 0).shipTo).toEqual({
      name: 'Jane Doe', company: 'Acme', street1: '123 Main St', street2: 'Apt 4', street3: 'Rear door',
      city: 'Ridgefield', state: 'NJ', postalCode: '07657', country: 'US', phone: '201-555-0100', residential: true,
    });
  });

  it('falls back to the deprecated flat fields', () => {
    const o = mapToShipStationOrder({ ...base, shipping: { firstName: 'Ann', lastName: 'Lee', address1: '9 Elm', address2: null, city: 'Austin', state: 'TX', postal: '78701', addressType: 'Commercial' } }, 1, 0);
    expect(o.shipTo).toMatchObject({ name: 'Ann Lee', street1: '9 Elm', street2: null, state: 'TX', country: 'US', residential: false });
  });

  it('puts one item per line with line number, SKU, title, quantity and price', () => {
    expect(mapToShipStationOrder(base, 1, 0).items).toEqual([
      { lineItemKey: '1', sku: 'MUG-1', name: 'Mug', quantity: 2, unitPrice: 4.5 },
      { lineItemKey: '3', sku: 'P-9', name: 'P-9', quantity: 1, unitPrice: 10 },
    ]);
  });

  it('carries the requested service, PO, retailer, gift and packing-slip messages', () => {
    const o = mapToShipStationOrder(base, 1, 0);
    expect(o.requestedShippingService).toBe('Generic Ground (GCG)');
    expect(o.advancedOptions).toMatchObject({ customField1: 'PO BOX.75594056.69954666', customField2: 'Big Box', customField3: 'W123' });
    expect(o).toMatchObject({ gift: true, giftMessage: 'Happy birthday!', customerNotes: 'Thank you for shopping' });
  });

  it('shortens a 10,000-character title and strips control characters', () => {
    const o = mapToShipStationOrder({ ...base, lineItems: [{ lineNumber: 1, sku: 'X', title: `A\u0000B${'x'.repeat(10_000)}`, quantity: 1 }] }, 1, 0);
    expect(o.items[0].name.length).toBe(200);
    expect(o.items[0].name.startsWith('AB')).toBe(true);
  });

  it.each([
    [{ ...base, lineItems: [] }, /without any order lines/],
    [{ ...base, lineItems: [{ lineNumber: 1, quantity: 0 }] }, /quantity 0/],
    [{ ...base, lineItems: [{ lineNumber: 1, quantity: -2 }] }, /quantity -2/],
    [{ ...base, lineItems: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 1, quantity: 1 }] }, /line number 1 twice/],
    [{ ...base, shipping: { ...base.shipping, address: [], address1: null } }, /missing street address/],
    [{ ...base, shipping: null }, /no ship-to address/],
  ])('refuses data that cannot make a shippable order, saying what to do (%#)', (order, message) => {
    expect(() => mapToShipStationOrder(order as DscoOrder, 1, 0)).toThrow(MappingError);
    expect(() => mapToShipStationOrder(order as DscoOrder, 1, 0)).toThrow(message);
  });
});
