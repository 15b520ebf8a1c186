import { formatPacificTimestamp, type ShipStationFake } from '../../../sandbox/fakes/shipstation';
import type { ShipStationV2Fake, V2FakeShipment } from '../../../sandbox/fakes/shipstation-v2';

/**
 * The ShipStation V2 fake seen as the V1 fake, for the reliability suite's invariants and
 * workloads: V2 shipments as V1 orders, labels as V1 shipments, fulfillments as V1 fulfillments
 * (IDs "se-N" as N, ISO dates as Pacific timestamps), and a person's actions in ShipStation done the
 * V2 way. Read live: every access reflects the fake's state. Only what the suite uses is here; a V1
 * label of some items only cannot be made on V2 (labels carry no items) and is refused.
 */
const FRIENDLY: Record<string, string> = { fedex: 'FedEx', ups: 'UPS', usps: 'USPS' };
const n = (id: unknown) => Number(String(id ?? '').replace(/^se-/, '')) || 0;
const pacific = (iso: unknown) => (iso ? formatPacificTimestamp(Date.parse(String(iso))) : null);
const status = (s: V2FakeShipment) => (s.shipment_status === 'label_purchased' ? 'shipped' : s.shipment_status === 'cancelled' ? 'cancelled' : 'awaiting_shipment');

export function v2AsV1(v2: ShipStationV2Fake): ShipStationFake {
  const order = (s: V2FakeShipment) => ({
    orderId: n(s.shipment_id),
    orderKey: String(s.external_shipment_id ?? ''),
    orderNumber: String(s.external_shipment_id ?? ''),
    orderStatus: status(s),
    modifyDate: pacific(s.modified_at),
    createDate: pacific(s.created_at),
    advancedOptions: { storeId: n(s.store_id) },
    items: s.items.map((i) => ({ lineItemKey: String(i.external_order_item_id ?? ''), sku: String(i.sku ?? ''), quantity: Number(i.quantity) })),
  });
  const shipmentOf = (id: string) => v2.shipments.get(id);
  const view = {
    get orders() {
      return new Map([...v2.shipments.values()].map((s) => [n(s.shipment_id), order(s)]));
    },
    get shipments() {
      return v2.labels.map((l) => {
        const s = shipmentOf(l.shipment_id);
        return {
          shipmentId: n(l.label_id),
          orderId: n(l.shipment_id),
          orderKey: String(s?.external_shipment_id ?? ''),
          orderNumber: String(s?.external_shipment_id ?? ''),
          createDate: pacific(l.created_at),
          trackingNumber: l.tracking_number,
          voided: l.voided,
          isReturnLabel: l.is_return_label,
          advancedOptions: { storeId: n(s?.store_id) },
        };
      });
    },
    get fulfillments() {
      return v2.fulfillments.map((f) => ({
        fulfillmentId: n(f.fulfillment_id),
        orderId: n(f.shipment_id),
        orderNumber: String(shipmentOf(f.shipment_id)?.external_shipment_id ?? ''),
        createDate: pacific(f.created_at),
        trackingNumber: f.tracking_number,
        voided: f.voided,
      }));
    },
    get requests() {
      return v2.requests;
    },
    findByOrderKey: (key: string) => {
      const s = v2.byExternalId(key);
      return s ? order(s) : undefined;
    },
    shipOrder(orderId: number, s: { trackingNumber: string; carrierCode: string; serviceCode: string; items?: unknown[] }) {
      if (s.items) throw new Error('v2AsV1: a V2 label carries no items; ship the whole order');
      const label = v2.buyLabel(`se-${orderId}`, s);
      return { shipmentId: n(label.label_id), orderId, trackingNumber: label.tracking_number };
    },
    voidShipment: (shipmentId: number) => v2.voidLabel(`se-${shipmentId}`),
    cancelOrder: (orderId: number) => v2.cancelInUi(`se-${orderId}`),
    markShippedWithoutLabel: (orderId: number, s: { trackingNumber: string; carrierCode: string }) =>
      v2.markShipped(`se-${orderId}`, { trackingNumber: s.trackingNumber, carrierFriendlyName: FRIENDLY[s.carrierCode] ?? s.carrierCode }),
    faults: v2.faults,
  };
  return view as unknown as ShipStationFake;
}
