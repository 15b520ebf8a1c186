import type { ModelState } from './ss-errors';
import type { SsAddress, SsAdvancedOptions, SsOrder, SsOrderItem, SsOrderStatus } from './ss-types';
import { formatPacificTimestamp, formatPacificTimestampShort, parsePacific } from './ss-pacific-time';

/**
 * Turning a createorder request body into a stored V1 Order.
 *
 * Validation (→ 400 ModelState, keyed like the observed bodies `apiOrder.<field>` / `apiOrders[i].<field>`):
 * orderNumber, orderDate, orderStatus, billTo, shipTo are required (S1/S4: "required"); item `name` must not be null
 * (S1); date fields must parse; orderStatus must be one of the documented values. The exact real messages are
 * [unknown]; the shape is the ASP.NET one seen in notes §13.
 *
 * orderNumber longer than 50 is truncated to 50 without error: the docs give max 50 and the only evidence of what
 * happens beyond it is C2's comment "ShipStation will truncate it without error" ([observed], notes §3).
 */

export const ORDER_STATUSES: readonly SsOrderStatus[] = [
  'awaiting_payment',
  'awaiting_shipment',
  'pending_fulfillment',
  'shipped',
  'on_hold',
  'cancelled',
  'rejected_fulfillment',
];

/** Statuses createorder may update (S4; pending_fulfillment from the bulk page). shipped/cancelled are locked. */
export const UPDATABLE_STATUSES: readonly SsOrderStatus[] = [
  'awaiting_payment',
  'awaiting_shipment',
  'on_hold',
  'pending_fulfillment',
];

export const ORDER_NUMBER_MAX = 50;

type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function addError(ms: ModelState, key: string, message: string): void {
  (ms[key] ??= []).push(message);
}

const DATE_FIELDS = ['orderDate', 'paymentDate', 'shipByDate', 'shipDate', 'holdUntilDate'] as const;

/** Model validation of one order object; `prefix` is `apiOrder` or `apiOrders[i]`. Adds to `ms`. */
export function validateOrderBody(body: unknown, prefix: string, ms: ModelState): void {
  if (!isObject(body)) {
    addError(ms, prefix, `Cannot deserialize the current JSON value into type 'SS.OpenApi.Models.Orders.Order'.`);
    return;
  }
  for (const f of ['orderNumber', 'orderDate', 'orderStatus', 'billTo', 'shipTo'] as const) {
    if (isBlank(body[f])) addError(ms, `${prefix}.${f}`, `The ${f} field is required.`);
  }
  if (!isBlank(body.orderNumber) && typeof body.orderNumber !== 'string' && typeof body.orderNumber !== 'number') {
    addError(ms, `${prefix}.orderNumber`, 'Error converting value to type System.String.');
  }
  if (!isBlank(body.orderStatus) && !ORDER_STATUSES.includes(body.orderStatus as SsOrderStatus)) {
    addError(ms, `${prefix}.orderStatus`, `Error converting value "${String(body.orderStatus)}" to type 'OrderStatus'.`);
  }
  for (const f of ['billTo', 'shipTo'] as const) {
    if (!isBlank(body[f]) && !isObject(body[f])) addError(ms, `${prefix}.${f}`, `Error converting value to type 'Address'.`);
  }
  for (const f of DATE_FIELDS) {
    const v = body[f];
    if (isBlank(v)) continue;
    if (typeof v !== 'string' || !parsePacific(v)) {
      addError(ms, `${prefix}.${f}`, `Could not convert string to DateTime: ${String(v)}.`);
    }
  }
  if (body.items !== undefined && body.items !== null) {
    if (!Array.isArray(body.items)) {
      addError(ms, `${prefix}.items`, 'Cannot deserialize the current JSON object into type List<OrderItem>.');
    } else {
      body.items.forEach((item, i) => {
        if (!isObject(item)) addError(ms, `${prefix}.items[${i}]`, 'Cannot deserialize into type OrderItem.');
        else if (isBlank(item.name)) addError(ms, `${prefix}.items[${i}].name`, 'The name field is required.');
      });
    }
  }
  const adv = body.advancedOptions;
  if (adv !== undefined && adv !== null) {
    if (!isObject(adv)) addError(ms, `${prefix}.advancedOptions`, 'Cannot deserialize into type AdvancedOptions.');
    else if (!isBlank(adv.storeId) && !Number.isInteger(Number(adv.storeId))) {
      addError(ms, `${prefix}.advancedOptions.storeId`, `Could not convert to integer: ${String(adv.storeId)}.`);
    }
  }
}

const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v ?? NaN) || d);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : num(v, 0));
const bool = (v: unknown, d = false): boolean => (typeof v === 'boolean' ? v : d);
const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export function toAddress(v: unknown, isShipTo: boolean): SsAddress {
  const a = isObject(v) ? v : {};
  return {
    name: str(a.name),
    company: str(a.company),
    street1: str(a.street1),
    street2: str(a.street2),
    street3: str(a.street3),
    city: str(a.city),
    state: str(a.state),
    postalCode: str(a.postalCode),
    country: str(a.country),
    phone: str(a.phone),
    residential: typeof a.residential === 'boolean' ? a.residential : null,
    // read-only; the fake never validates addresses
    addressVerified: isShipTo ? 'Address not yet validated' : null,
  };
}

function toItems(v: unknown, previous: SsOrderItem[], nowMs: number, nextItemId: () => number): SsOrderItem[] {
  if (!Array.isArray(v)) return [];
  const stamp = formatPacificTimestampShort(nowMs);
  const unused = [...previous];
  return v.filter(isObject).map((it) => {
    const lineItemKey = str(it.lineItemKey);
    // On update, keep the identity of a line that is re-sent (by lineItemKey, else by its orderItemId) [inferred].
    const idx = unused.findIndex((p) =>
      lineItemKey !== null ? p.lineItemKey === lineItemKey : typeof it.orderItemId === 'number' && p.orderItemId === it.orderItemId,
    );
    const prev = idx >= 0 ? unused.splice(idx, 1)[0] : undefined;
    const weight = isObject(it.weight) ? { value: num(it.weight.value, 0), units: str(it.weight.units) ?? 'ounces' } : null;
    return {
      orderItemId: prev?.orderItemId ?? nextItemId(),
      lineItemKey,
      sku: str(it.sku),
      name: str(it.name) ?? '',
      imageUrl: str(it.imageUrl),
      weight,
      quantity: num(it.quantity, 0),
      unitPrice: num(it.unitPrice, 0),
      taxAmount: numOrNull(it.taxAmount),
      shippingAmount: numOrNull(it.shippingAmount),
      warehouseLocation: str(it.warehouseLocation),
      options: Array.isArray(it.options)
        ? it.options.filter(isObject).map((o) => ({ name: str(o.name) ?? '', value: str(o.value) ?? '' }))
        : [],
      productId: numOrNull(it.productId),
      fulfillmentSku: str(it.fulfillmentSku),
      adjustment: bool(it.adjustment),
      upc: str(it.upc),
      createDate: prev?.createDate ?? stamp,
      modifyDate: stamp,
    };
  });
}

function toAdvancedOptions(v: unknown, storeId: number, previous: SsAdvancedOptions | undefined): SsAdvancedOptions {
  const a = isObject(v) ? v : {};
  return {
    warehouseId: numOrNull(a.warehouseId),
    nonMachinable: bool(a.nonMachinable),
    saturdayDelivery: bool(a.saturdayDelivery),
    containsAlcohol: bool(a.containsAlcohol),
    // read-only: never taken from the request
    mergedOrSplit: previous?.mergedOrSplit ?? false,
    mergedIds: previous?.mergedIds ?? [],
    parentId: previous?.parentId ?? null,
    storeId,
    customField1: str(a.customField1),
    customField2: str(a.customField2),
    customField3: str(a.customField3),
    source: str(a.source),
    billToParty: str(a.billToParty),
    billToAccount: str(a.billToAccount),
    billToPostalCode: str(a.billToPostalCode),
    billToCountryCode: str(a.billToCountryCode),
    billToMyOtherAccount: str(a.billToMyOtherAccount),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface OrderInstants {
  createDate: number;
  modifyDate: number;
  orderDate: number;
  paymentDate: number | null;
}

/**
 * Builds the stored order from a validated body. "No partial updates" (S4: "The entire resource must be provided"):
 * on update every writable field is taken from the body, and fields left out fall back to their defaults
 * (how the real server treats them is [inferred]). Kept from `previous`: orderId, createDate, customerId, userId,
 * the store (advancedOptions.storeId "can only be specified during order creation", S9) and the read-only
 * merge/split fields. Read-only fields in the body (orderItemId, createDate, orderTotal, addressVerified…) are ignored,
 * so a GET payload can be posted back.
 */
export function buildOrder(args: {
  body: Obj;
  orderId: number;
  orderKey: string;
  storeId: number;
  previous: SsOrder | undefined;
  previousInstants: OrderInstants | undefined;
  nowMs: number;
  nextItemId: () => number;
}): { order: SsOrder; instants: OrderInstants } {
  const { body, previous, nowMs } = args;
  const orderDate = parsePacific(String(body.orderDate));
  if (!orderDate) throw new Error('buildOrder: body not validated');
  const paymentDate = isBlank(body.paymentDate) ? undefined : parsePacific(String(body.paymentDate));
  const shipByDate = isBlank(body.shipByDate) ? undefined : parsePacific(String(body.shipByDate));
  const shipDate = isBlank(body.shipDate) ? undefined : parsePacific(String(body.shipDate));
  const holdUntil = isBlank(body.holdUntilDate) ? undefined : parsePacific(String(body.holdUntilDate));
  const items = toItems(body.items, previous?.items ?? [], nowMs, args.nextItemId);
  const taxAmount = num(body.taxAmount, 0);
  const shippingAmount = num(body.shippingAmount, 0);
  const instants: OrderInstants = {
    createDate: args.previousInstants?.createDate ?? nowMs,
    modifyDate: nowMs,
    orderDate: orderDate.instant,
    paymentDate: paymentDate?.instant ?? null,
  };
  const weight = isObject(body.weight)
    ? { value: num(body.weight.value, 0), units: str(body.weight.units) ?? 'ounces' }
    : { value: 0, units: 'ounces' };
  const order: SsOrder = {
    orderId: args.orderId,
    orderNumber: String(str(body.orderNumber)).slice(0, ORDER_NUMBER_MAX),
    orderKey: args.orderKey,
    orderDate: formatPacificTimestamp(orderDate.instant),
    createDate: formatPacificTimestamp(instants.createDate),
    modifyDate: formatPacificTimestamp(nowMs),
    paymentDate: paymentDate ? formatPacificTimestamp(paymentDate.instant) : null,
    shipByDate: shipByDate ? formatPacificTimestamp(shipByDate.instant) : null,
    orderStatus: body.orderStatus as SsOrderStatus,
    customerId: previous?.customerId ?? null,
    customerUsername: str(body.customerUsername),
    customerEmail: str(body.customerEmail),
    billTo: toAddress(body.billTo, false),
    shipTo: toAddress(body.shipTo, true),
    items,
    // S1 example: orderTotal = Σ quantity × unitPrice + taxAmount + shippingAmount (194.43 = 179.43 + 5 + 10)
    orderTotal: round2(items.reduce((s, i) => s + i.quantity * i.unitPrice, 0) + taxAmount + shippingAmount),
    amountPaid: num(body.amountPaid, 0),
    taxAmount,
    shippingAmount,
    customerNotes: str(body.customerNotes),
    internalNotes: str(body.internalNotes),
    gift: bool(body.gift),
    giftMessage: str(body.giftMessage),
    paymentMethod: str(body.paymentMethod),
    requestedShippingService: str(body.requestedShippingService),
    carrierCode: str(body.carrierCode),
    serviceCode: str(body.serviceCode),
    packageCode: str(body.packageCode),
    confirmation: str(body.confirmation),
    shipDate: shipDate ? shipDate.date : null,
    holdUntilDate: holdUntil ? holdUntil.date : null,
    weight,
    dimensions: isObject(body.dimensions) ? copy(body.dimensions) : null,
    insuranceOptions: isObject(body.insuranceOptions)
      ? copy(body.insuranceOptions)
      : { provider: null, insureShipment: false, insuredValue: 0 },
    internationalOptions: isObject(body.internationalOptions)
      ? copy(body.internationalOptions)
      : { contents: null, customsItems: null, nonDelivery: null },
    advancedOptions: toAdvancedOptions(body.advancedOptions, args.storeId, previous?.advancedOptions),
    tagIds: Array.isArray(body.tagIds) ? body.tagIds.map((t) => num(t, 0)) : null,
    userId: previous?.userId ?? null,
    externallyFulfilled: previous?.externallyFulfilled ?? false,
    externallyFulfilledBy: previous?.externallyFulfilledBy ?? null,
    externallyFulfilledById: previous?.externallyFulfilledById ?? null,
    externallyFulfilledByName: previous?.externallyFulfilledByName ?? null,
    labelMessages: null,
  };
  return { order, instants };
}
