import { toDscoDate } from './dsco-dates';
import type { DscoIds } from './dsco-ids';
import type { DeepPartial, Order, OrderLineItem } from './dsco-types';

const HOUR = 3_600_000;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge: plain objects merge key by key, anything else (arrays included) replaces; undefined is skipped. */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(out[k]) && isPlainObject(v) ? deepMerge(out[k], v) : structuredClone(v);
  }
  return out as T;
}

function defaultLine(i: number, ids: DscoIds, now: string): OrderLineItem {
  const n = i + 1;
  return {
    lineNumber: n,
    quantity: 1,
    dscoItemId: ids.itemId(),
    sku: `JAX-FA-0${80 + n}-DS`,
    partnerSku: `JAX-FA-0${80 + n}-DS`,
    upc: `01234567890${n % 10}`,
    title: `Huggies Gold Sphere Earrings #${n}`,
    expectedCost: 7.7,
    consumerPrice: 21,
    retailerLineId: `${2024000 + n}`,
    acceptedQuantity: 0,
    cancelledQuantity: 0,
    rejectedQuantity: 0,
    cancelRequested: false,
    activity: [{ action: 'add', quantity: 1, uuid: ids.uuid(), activityDate: now }],
  };
}

/**
 * A realistic new order, modelled on the production order JSON in notes dsco-api.md §3h and the spec's `Order`
 * schema (GET /order/page 200 → PagedOrderResult.orders[]): required poNumber/lineItems/shipping, the current
 * `shipping.address` array plus the deprecated flat fields real data still fills (address1/2, firstName/lastName,
 * state), requested and resolved ship codes, lifecycle/status 'created'.
 * `orderType` is left out: the spec enumerates "Dropship"... while real data says "dropship" [observed].
 */
export function makeDscoOrder(partial: DeepPartial<Order> = {}, opts: { now: number; ids: DscoIds }): Order {
  const { now, ids } = opts;
  const created = toDscoDate(now);
  const { lineItems: partialLines, ...rest } = partial;
  const dscoOrderId = ids.orderId();
  const base: Order = {
    dscoOrderId,
    poNumber: ids.poNumber(),
    consumerOrderNumber: `W${dscoOrderId.slice(-6)}${String(now).slice(-4)}`,
    channel: 'web',
    testFlag: false,
    dscoLifecycle: 'created',
    dscoStatus: 'created',
    cancelRequested: false,
    cancelRequestedCode: null,
    dscoRetailerId: '1000012345',
    dscoSupplierId: '1000054321',
    dscoSupplierName: 'Jaxxon Supply Co',
    dscoTradingPartnerId: 'JAXX01',
    dscoTradingPartnerName: 'Example Retailer',
    currencyCode: 'USD',
    retailerCreateDate: toDscoDate(now - HOUR),
    consumerOrderDate: toDscoDate(now - HOUR),
    dscoCreateDate: created,
    dscoLastUpdate: created,
    acknowledgeByDate: toDscoDate(now + 24 * HOUR),
    shipByDate: toDscoDate(now + 72 * HOUR),
    dscoShipLateDate: toDscoDate(now + 48 * HOUR),
    requiredDeliveryDate: toDscoDate(now + 10 * 24 * HOUR),
    requestedShipCarrier: 'UPS',
    requestedShipMethod: 'Ground',
    requestedShippingServiceLevelCode: 'UPCG',
    shipCarrier: 'UPS',
    shipMethod: 'Ground',
    shippingServiceLevelCode: 'UPCG',
    signatureRequiredFlag: false,
    giftFlag: false,
    shipping: {
      name: 'Jane Doe',
      firstName: 'Jane',
      lastName: 'Doe',
      company: null,
      address: ['123 Main St', 'Apt 4'],
      address1: '123 Main St',
      address2: 'Apt 4',
      city: 'Ridgefield',
      region: 'NJ',
      state: 'NJ',
      postal: '07657',
      country: 'US',
      phone: '201-555-0100',
      email: 'jane.doe@example.com',
      addressType: 'Residential',
    },
    lineItems: [],
  };
  const order = deepMerge(base, rest);
  const lines = (partialLines as DeepPartial<OrderLineItem>[] | undefined) ?? [{}];
  order.lineItems = lines.map((p, i) => {
    const line = deepMerge(defaultLine(i, ids, order.dscoCreateDate), p);
    const add = line.activity?.[0];
    if (add && add.action === 'add' && p.activity === undefined) add.quantity = line.quantity;
    line.shippedQuantity ??= 0;
    line.remainingQuantity ??= line.quantity - (line.shippedQuantity ?? 0) - (line.cancelledQuantity ?? 0);
    return line;
  });
  order.numberOfLineItems ??= order.lineItems.length;
  return order;
}
