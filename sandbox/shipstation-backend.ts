import type { ShipStationFake } from './fakes/shipstation';
import type { ShipStationV2Fake, V2FakeShipment } from './fakes/shipstation-v2';

/**
 * The ShipStation back end a test runs the engine against, and what a person does in ShipStation,
 * said once for both APIs so the engine's tests are parameterised rather than copied.
 */
export type Backend = 'v1' | 'v2';
export const BACKENDS: Backend[] = ['v1', 'v2'];

export interface ShopOrder {
  /** The number the engine keeps (V1 orderId; V2 shipment_id without "se-"). */
  id: number;
  key: string;
  status: 'open' | 'shipped' | 'cancelled';
  storeId: number | null;
  items: { lineItemKey: string; sku: string; quantity: number }[];
}

export interface ShipStationDriver {
  backend: Backend;
  orders(): ShopOrder[];
  ordersFor(dscoOrderId: string): ShopOrder[];
  /** The one ShipStation order of a DSCO order (throws when there is not exactly one). */
  order(dscoOrderId: string): ShopOrder;
  /** A person buys a label; returns its ID for voidLabel. */
  ship(orderId: number, s: { trackingNumber: string; carrierCode: string; serviceCode: string }): string;
  voidLabel(labelId: string): void;
  cancelInUi(orderId: number): void;
  markShippedWithoutLabel(orderId: number, s: { trackingNumber: string; carrierCode: string }): void;
  /** ShipStation refuses the next cancel of an order (400). */
  refuseNextCancel(): void;
  /** Create calls made (V1 createorders, V2 POST /v2/shipments). */
  createCalls(): number;
  /** Contract violations the fake saw. */
  violations(): string[];
}

export function v1Driver(ss: ShipStationFake): ShipStationDriver {
  const view = (o: ShipStationFake['orders'] extends Map<number, infer O> ? O : never): ShopOrder => ({
    id: o.orderId,
    key: String(o.orderKey ?? ''),
    status: o.orderStatus === 'shipped' ? 'shipped' : o.orderStatus === 'cancelled' ? 'cancelled' : 'open',
    storeId: o.advancedOptions?.storeId ?? null,
    items: o.items.map((i) => ({ lineItemKey: String(i.lineItemKey ?? ''), sku: String(i.sku ?? ''), quantity: i.quantity })),
  });
  const d: ShipStationDriver = {
    backend: 'v1',
    orders: () => [...ss.orders.values()].map(view),
    ordersFor: (id) => d.orders().filter((o) => o.key === id),
    order: (id) => one(d.ordersFor(id), id),
    ship: (orderId, s) => String(ss.shipOrder(orderId, s).shipmentId),
    voidLabel: (id) => ss.voidShipment(Number(id)),
    cancelInUi: (orderId) => ss.cancelOrder(orderId),
    markShippedWithoutLabel: (orderId, s) => void ss.markShippedWithoutLabel(orderId, s),
    refuseNextCancel: () => ss.faults.enqueue({ path: '/orders/createorder', status: 400, body: '{"Message":"The request is invalid."}', count: 1 }),
    createCalls: () => ss.requests.filter((r) => r.path === '/orders/createorders').length,
    violations: () => [],
  };
  return d;
}

const FRIENDLY: Record<string, string> = { fedex: 'FedEx', ups: 'UPS', usps: 'USPS' };

export function v2Driver(ss: ShipStationV2Fake): ShipStationDriver {
  const view = (s: V2FakeShipment): ShopOrder => ({
    id: Number(s.shipment_id.slice(3)),
    key: String(s.external_shipment_id ?? ''),
    status: s.shipment_status === 'label_purchased' ? 'shipped' : s.shipment_status === 'cancelled' ? 'cancelled' : 'open',
    storeId: s.store_id ? Number(String(s.store_id).slice(3)) : null,
    items: s.items.map((i) => ({ lineItemKey: String(i.external_order_item_id ?? ''), sku: String(i.sku ?? ''), quantity: Number(i.quantity) })),
  });
  const d: ShipStationDriver = {
    backend: 'v2',
    orders: () => [...ss.shipments.values()].map(view),
    ordersFor: (id) => d.orders().filter((o) => o.key === id),
    order: (id) => one(d.ordersFor(id), id),
    ship: (orderId, s) => ss.buyLabel(`se-${orderId}`, s).label_id,
    voidLabel: (id) => ss.voidLabel(id),
    cancelInUi: (orderId) => ss.cancelInUi(`se-${orderId}`),
    markShippedWithoutLabel: (orderId, s) => void ss.markShipped(`se-${orderId}`, { trackingNumber: s.trackingNumber, carrierFriendlyName: FRIENDLY[s.carrierCode] ?? s.carrierCode }),
    refuseNextCancel: () =>
      ss.faults.enqueue({
        method: 'PUT',
        path: /\/cancel$/,
        status: 400,
        body: JSON.stringify({ request_id: '00000000-0000-4000-8000-000000000000', errors: [{ error_source: 'ShipStation', error_type: 'business_rules', error_code: 'invalid_status', message: 'The shipment cannot be cancelled.' }] }),
        count: 1,
      }),
    createCalls: () => ss.requests.filter((r) => r.method === 'POST' && r.path === '/v2/shipments').length,
    violations: () => ss.violations,
  };
  return d;
}

function one(list: ShopOrder[], id: string): ShopOrder {
  if (list.length !== 1) throw new Error(`expected one ShipStation order for ${id}, found ${list.length}`);
  return list[0];
}
