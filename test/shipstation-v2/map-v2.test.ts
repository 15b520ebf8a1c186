import { describe, expect, it } from 'vitest';
import type { SsOrder } from '../../src/shipstation/shipstation-types';
import { fulfillmentFromV2, orderFromV2, pacificFromIso, shipDateFromV2, shipmentFromV2, toV2CreateShipment, V2MappingError } from '../../src/shipstation-v2/map-v2';
import type { V2Address, V2Shipment } from '../../src/shipstation-v2/shipstation-v2-types';
import { toV1Number, toV2Id } from '../../src/shipstation-v2/v2-ids';

const FROM: V2Address = {
  name: 'Warehouse',
  phone: '512-555-0100',
  address_line1: '1 Dock Rd',
  city_locality: 'Austin',
  state_province: 'TX',
  postal_code: '78756',
  country_code: 'US',
  address_residential_indicator: 'no',
};

const order: SsOrder = {
  orderNumber: 'D-1',
  orderKey: 'D-1',
  orderDate: '2026-03-02 07:00:00',
  orderStatus: 'awaiting_shipment',
  customerNotes: 'Leave at the door',
  billTo: { name: 'Ann', street1: null, city: null, state: null, postalCode: null, country: 'US' },
  shipTo: { name: 'Ann', company: null, street1: '1 Main St', street2: 'Apt 2', street3: null, city: 'Austin', state: 'TX', postalCode: '78701', country: 'us', phone: null, residential: false },
  items: [{ lineItemKey: '1', sku: 'A', name: 'Mug', quantity: 2, unitPrice: 4.5 }],
  advancedOptions: { storeId: 22766, customField1: 'PO 9' },
};

const shipment: V2Shipment = {
  shipment_id: 'se-123',
  external_shipment_id: 'D-1',
  shipment_number: '5001',
  shipment_status: 'label_purchased',
  store_id: 'se-22766',
  created_at: '2026-03-02T15:00:00.000Z',
  modified_at: '2026-03-02T16:30:00Z',
  ship_to: { ...FROM, name: 'Ann', address_residential_indicator: 'yes' },
  items: [{ name: 'Mug', sku: 'A', quantity: 2, external_order_item_id: '1' }],
};

describe('V2 ↔ V1 mapping', () => {
  it('IDs: se- plus the V1 number, anything else is not ours', () => {
    expect(toV2Id(42)).toBe('se-42');
    expect(toV1Number('se-42')).toBe(42);
    expect(toV1Number('SEAuto-42')).toBe(0);
    expect(toV1Number(undefined)).toBe(0);
  });

  it('dates: ISO to Pacific local text; ship dates at Pacific midnight read as the Pacific date, others as the UTC date', () => {
    expect(pacificFromIso('2026-03-02T16:30:00Z')).toBe('2026-03-02 08:30:00');
    expect(pacificFromIso('not a date')).toBe('');
    expect(shipDateFromV2('2026-03-02T08:00:00Z')).toBe('2026-03-02'); // PST midnight
    expect(shipDateFromV2('2026-08-12T07:00:00Z')).toBe('2026-08-12'); // PDT midnight
    expect(shipDateFromV2('2026-08-12T00:00:00Z')).toBe('2026-08-12');
    expect(shipDateFromV2('2026-08-12')).toBe('2026-08-12');
    expect(shipDateFromV2(null)).toBe('');
  });

  it('a create request with only the fields V2 admits, the DSCO ID as external_shipment_id, and the ship-from phone when the buyer has none', () => {
    const body = toV2CreateShipment(order, FROM);
    expect(body).toEqual({
      external_shipment_id: 'D-1',
      create_sales_order: true,
      store_id: '22766',
      notes_from_buyer: 'Leave at the door',
      ship_to: {
        name: 'Ann',
        phone: '512-555-0100',
        address_line1: '1 Main St',
        address_line2: 'Apt 2',
        city_locality: 'Austin',
        state_province: 'TX',
        postal_code: '78701',
        country_code: 'US',
        address_residential_indicator: 'no',
      },
      ship_from: FROM,
      items: [{ name: 'Mug', sku: 'A', quantity: 2, unit_price: 4.5, external_order_item_id: '1' }],
    });
    expect(() => toV2CreateShipment({ ...order, shipTo: { ...order.shipTo, state: null } }, FROM)).toThrow(V2MappingError);
  });

  it('a shipment as a V1 order; a label as a V1 shipment with its shipment’s items; a fulfillment with a carrier code from its name', () => {
    expect(orderFromV2(shipment)).toMatchObject({ orderId: 123, orderKey: 'D-1', orderNumber: '5001', orderStatus: 'shipped', modifyDate: '2026-03-02 08:30:00', advancedOptions: { storeId: 22766 } });
    expect(orderFromV2({ ...shipment, shipment_status: 'pending' }).orderStatus).toBe('awaiting_shipment');
    expect(orderFromV2({ ...shipment, shipment_status: 'cancelled' }).orderStatus).toBe('cancelled');
    const label = shipmentFromV2(
      { label_id: 'se-9', shipment_id: 'se-123', tracking_number: '', packages: [{ tracking_number: 'PKG-1' }, { tracking_number: 'PKG-2' }], status: 'voided', created_at: '2026-03-02T16:00:00Z', carrier_code: 'ups', service_code: 'ups_ground' },
      shipment,
    );
    expect(label).toMatchObject({ shipmentId: 9, orderId: 123, orderKey: 'D-1', trackingNumber: 'PKG-1', voided: true, createDate: '2026-03-02 08:00:00' });
    expect(label.shipmentItems).toEqual([{ lineItemKey: '1', sku: 'A', name: 'Mug', quantity: 2 }]);
    const f = fulfillmentFromV2({ fulfillment_id: 'ful_abc', shipment_id: 'se-123', tracking_number: 'F-1', fulfillment_carrier_friendly_name: 'FedEx', ship_date: '2026-03-02T08:00:00Z' }, shipment);
    expect(f).toMatchObject({ orderId: 123, orderNumber: 'D-1', carrierCode: 'fedex', shipDate: '2026-03-02' });
    expect(f.fulfillmentId).toBeGreaterThan(0);
  });
});
