import { fnv1a } from '../core/text/fnv1a';
import { toPacificDate, toPacificLocal } from '../core/time/pacific-time';
import type { SsAddress, SsFulfillment, SsOrder, SsOrderItem, SsOrderStatus, SsShipment, SsShipmentItem } from '../shipstation/shipstation-types';
import type { V2Address, V2CreateShipment, V2Fulfillment, V2Item, V2Label, V2Shipment, V2ShipmentStatus } from './shipstation-v2-types';
import { toV1Number } from './v2-ids';

/** The V1 shapes the engine reads, from V2 objects; and V2 create requests from the engine's orders. */

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

/** ISO 8601 (V2) → the Pacific local text the engine reads from V1 ("" when absent). */
export function pacificFromIso(iso: unknown): string {
  const t = Date.parse(text(iso));
  return Number.isFinite(t) ? toPacificLocal(t) : '';
}

/**
 * A V2 `date` (ship_date): documented as "set to 00:00:00 UTC", but labels and fulfillments have
 * been seen at T07:00:00Z / T08:00:00Z, Pacific midnight. Those are read as the Pacific date; any
 * other time as the UTC calendar date (shipstation-v2.md §9; which is right is unverified).
 */
export function shipDateFromV2(value: unknown): string {
  const s = text(value);
  if (!s) return '';
  if (/T0[78]:00:00(\.0+)?Z$/.test(s)) return toPacificDate(Date.parse(s));
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : '';
}

/** V2 statuses in V1 terms. `processing` (a label being bought) is not yet shipped. */
export function v1Status(status: V2ShipmentStatus | string): SsOrderStatus {
  if (status === 'cancelled') return 'cancelled';
  if (status === 'label_purchased') return 'shipped';
  return 'awaiting_shipment';
}

function v1Address(a: Partial<V2Address> | undefined | null): SsAddress {
  const r = a?.address_residential_indicator;
  return {
    name: text(a?.name) || null,
    company: text(a?.company_name) || null,
    street1: text(a?.address_line1) || null,
    street2: text(a?.address_line2) || null,
    street3: text(a?.address_line3) || null,
    city: text(a?.city_locality) || null,
    state: text(a?.state_province) || null,
    postalCode: text(a?.postal_code) || null,
    country: text(a?.country_code) || null,
    phone: text(a?.phone) || null,
    residential: r === 'yes' ? true : r === 'no' ? false : null,
  };
}

function v1Items(items: V2Item[] | undefined | null): SsOrderItem[] {
  return (items ?? []).map((i) => ({ lineItemKey: text(i.external_order_item_id) || null, sku: text(i.sku) || null, name: text(i.name), quantity: Number(i.quantity) || 0 }));
}

export function orderFromV2(s: V2Shipment): SsOrder {
  const key = text(s.external_shipment_id);
  const shipTo = v1Address(s.ship_to);
  return {
    orderId: toV1Number(s.shipment_id),
    orderNumber: text(s.shipment_number) || key,
    orderKey: key || undefined,
    orderDate: pacificFromIso(s.created_at),
    modifyDate: pacificFromIso(s.modified_at),
    orderStatus: v1Status(s.shipment_status),
    shipByDate: pacificFromIso(s.ship_by_date) || null,
    customerNotes: text(s.notes_from_buyer) || null,
    gift: s.is_gift === true,
    giftMessage: text(s.notes_for_gift) || null,
    billTo: { name: shipTo.name, street1: null, city: null, state: null, postalCode: null, country: shipTo.country },
    shipTo,
    items: v1Items(s.items),
    advancedOptions: { storeId: toV1Number(s.store_id) || null },
  };
}

/**
 * A label as a V1 shipment. Labels carry no items and no store: both come from the label's V2
 * shipment. Several packages: V1 gave one tracking number per label, and so does this (the label's
 * own, else its first package's); the label is never split into one shipment per package, which
 * would count the items once per package.
 */
export function shipmentFromV2(l: V2Label, shipment: V2Shipment | undefined): SsShipment {
  const packages = Array.isArray(l.packages) ? l.packages : [];
  const tracking = text(l.tracking_number) || text(packages.find((p) => text(p.tracking_number))?.tracking_number);
  const key = text(shipment?.external_shipment_id) || text(l.external_shipment_id);
  const items: SsShipmentItem[] | null = shipment
    ? (shipment.items ?? []).map((i) => ({ lineItemKey: text(i.external_order_item_id) || null, sku: text(i.sku) || null, name: text(i.name) || null, quantity: Number(i.quantity) || 0 }))
    : null;
  return {
    shipmentId: toV1Number(l.label_id) || numberFromText(l.label_id),
    orderId: toV1Number(l.shipment_id),
    orderKey: key || null,
    orderNumber: text(shipment?.shipment_number) || key,
    createDate: pacificFromIso(l.created_at),
    shipDate: shipDateFromV2(l.ship_date),
    trackingNumber: tracking || null,
    carrierCode: text(l.carrier_code) || null,
    serviceCode: text(l.service_code) || null,
    isReturnLabel: l.is_return_label === true,
    voided: l.voided === true || l.status === 'voided',
    voidDate: pacificFromIso(l.voided_at) || null,
    shipmentItems: items,
    advancedOptions: { storeId: toV1Number(shipment?.store_id) || null },
  };
}

/**
 * A fulfillment (marked shipped without a label) as a V1 fulfillment. V2 gives no carrier code,
 * only a friendly name ("FedEx", "UPS"): its letters and digits, lower-cased, are the carrier code
 * the Carrier Map is matched on ("fedex", "ups", "usps").
 */
export function fulfillmentFromV2(f: V2Fulfillment, shipment: V2Shipment | undefined): SsFulfillment {
  const key = text(shipment?.external_shipment_id);
  return {
    fulfillmentId: toV1Number(f.fulfillment_id) || numberFromText(f.fulfillment_id),
    orderId: toV1Number(f.shipment_id),
    orderNumber: key || text(f.shipment_number),
    trackingNumber: text(f.tracking_number) || null,
    carrierCode: text(f.fulfillment_carrier_friendly_name).toLowerCase().replace(/[^a-z0-9]/g, '') || null,
    shipDate: shipDateFromV2(f.ship_date),
    createDate: pacificFromIso(f.created_at),
    voided: f.voided === true,
    voidDate: pacificFromIso(f.voided_at) || null,
  };
}

/** A stable number for an ID that is not "se-<digits>" (fulfillment IDs are plain strings in the spec). */
function numberFromText(id: unknown): number {
  return parseInt(fnv1a(text(id)), 16);
}

export class V2MappingError extends Error {}

const opt = (v: unknown, max = 200): string | undefined => {
  const s = text(v);
  return s ? s.slice(0, max) : undefined;
};

/**
 * The engine's order as a V2 create request. The spec's create_shipment_request admits no other
 * fields, so V1's orderNumber, orderDate, shipByDate, requested service, bill-to and custom fields
 * (PO, retailer) are not sent; ShipStation numbers the shipment itself. `external_shipment_id` is
 * the DSCO order ID. ship_from is the warehouse's origin address (V2 requires ship_from or
 * warehouse_id, and warehouse_id is not in the create schema). `store_id` goes as the plain
 * number, as in the spec's create example ("1582173"); responses show "se-…": which form create
 * accepts is unknown (shipstation-v2.md §8).
 */
export function toV2CreateShipment(order: SsOrder, shipFrom: V2Address): V2CreateShipment {
  const a = order.shipTo;
  const missing = [a.name ? '' : 'name', a.street1 ? '' : 'street', a.city ? '' : 'city', a.state ? '' : 'state', a.postalCode ? '' : 'postal code'].filter(Boolean);
  if (missing.length) throw new V2MappingError(`ShipStation API V2 requires a complete ship-to address (missing ${missing.join(', ')}).`);
  const shipTo: V2Address = {
    name: text(a.name),
    // V2's address schema requires a phone. Whether V2 enforces it is unknown; retailers often send
    // none, so the ship-from phone stands in rather than refusing the order.
    phone: text(a.phone) || shipFrom.phone,
    address_line1: text(a.street1),
    city_locality: text(a.city),
    state_province: text(a.state),
    postal_code: text(a.postalCode),
    country_code: (text(a.country) || 'US').slice(0, 2).toUpperCase(),
    address_residential_indicator: a.residential === true ? 'yes' : a.residential === false ? 'no' : 'unknown',
  };
  const company = opt(a.company);
  if (company) shipTo.company_name = company;
  const line2 = opt(a.street2);
  if (line2) shipTo.address_line2 = line2;
  const line3 = opt(a.street3);
  if (line3) shipTo.address_line3 = line3;
  const out: V2CreateShipment = {
    external_shipment_id: text(order.orderKey || order.orderNumber).slice(0, 50),
    // Observed (a DSCO→V2 middleware): this is what makes the shipment show as an order in the UI.
    create_sales_order: true,
    ship_to: shipTo,
    ship_from: shipFrom,
    items: order.items.map((i) => {
      const item: V2Item = { name: text(i.name), quantity: Number(i.quantity) || 0 };
      if (text(i.sku)) item.sku = text(i.sku);
      if (typeof i.unitPrice === 'number' && i.unitPrice >= 0) item.unit_price = i.unitPrice;
      if (text(i.lineItemKey)) item.external_order_item_id = text(i.lineItemKey);
      return item;
    }),
  };
  const storeId = order.advancedOptions?.storeId;
  if (storeId) out.store_id = String(storeId);
  const notes = opt(order.customerNotes, 1000);
  if (notes) out.notes_from_buyer = notes;
  if (order.gift) out.is_gift = true;
  const gift = opt(order.giftMessage, 1000);
  if (gift) out.notes_for_gift = gift;
  return out;
}
