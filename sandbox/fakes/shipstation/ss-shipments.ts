import type { SimClock } from '../../clock';
import { WAREHOUSE_USER_ID, type SsIds } from './ss-ids';
import type { SsOrderBook } from './ss-orders';
import { formatPacificDate, formatPacificTimestamp, parsePacific } from './ss-pacific-time';
import {
  boolParam,
  dateParam,
  dateTimeParam,
  enumParam,
  intParam,
  paginate,
  pagingParams,
  param,
  sortBy,
  type Query,
  type SortDir,
} from './ss-query';
import type { SsOrder, SsShipment, SsShipmentItem } from './ss-types';

/**
 * Label shipments (notes §7a, §8) — what a warehouse person creates in ShipStation's UI.
 *
 * Split shipments — what the fake does and why:
 * The documented behaviour (S13/S14, notes §8 [confirmed]) is that an order can carry several shipment records, each
 * with its own label, and that the order becomes `shipped` "unless there are other shipments on the order that do not
 * yet have labels created". So `shipOrder` with a subset of items adds a shipment to the SAME order (same orderId,
 * orderKey, orderNumber) with only those shipmentItems, and the order stays `awaiting_shipment` until every
 * non-adjustment line's quantity is covered by non-voided, non-return labels; the label that completes it flips the
 * order to `shipped`. The legacy "Split Order" model (child orders with advancedOptions.mergedOrSplit/parentId, the
 * "-1" order-number suffix, a possibly shared orderKey) is NOT simulated: its API representation is undocumented
 * (notes §8 [inferred]/[unknown]), and inventing it would make the client depend on guesses.
 * Return labels (isReturnLabel) are listed but never change the order.
 *
 * Voids: voided=true, voidDate=now; the record stays in GET /shipments (S1/S6 fields, C5 [observed]). If the order
 * was `shipped` and is no longer fully covered by labels (and has no mark-as-shipped fulfillment), it goes back to
 * `awaiting_shipment` with shipDate cleared — [inferred]: undocumented, notes §8 "Order status after a void".
 */
export interface ShipOrderInput {
  trackingNumber: string;
  carrierCode: string;
  serviceCode?: string;
  shipDate?: string; // yyyy-mm-dd, Pacific; default today in Pacific
  items?: { lineItemKey: string; quantity: number }[];
  isReturnLabel?: boolean;
}

export interface SsShipmentLedger {
  shipments: SsShipment[];
  shipOrder(orderId: number, s: ShipOrderInput): SsShipment;
  voidShipment(shipmentId: number): SsShipment;
  isFullyShipped(order: SsOrder): boolean;
  list(q: Query): { shipments: SsShipment[]; total: number; page: number; pages: number };
  /** Extension: shipments a createDate-window search never returns (found by order only). */
  hiddenFromFeeds: Set<number>;
}

const SHIPPABLE = new Set(['awaiting_shipment', 'pending_fulfillment', 'shipped']);

export function createShipmentLedger(deps: {
  clock: SimClock;
  ids: SsIds;
  book: SsOrderBook;
  hasFulfillment(orderId: number): boolean;
}): SsShipmentLedger {
  const shipments: SsShipment[] = [];
  const createdAt = new Map<number, number>();
  const voidedAt = new Map<number, number>();

  const instantOf = (text: string | null, meta: number | undefined): number | undefined => {
    if (meta !== undefined && text === formatPacificTimestamp(meta)) return meta;
    return text ? parsePacific(text)?.instant : undefined;
  };

  // The shipments of each order, rebuilt whenever the list changed length behind the index's back: without it every
  // label scanned all shipments, which made shipping thousands of orders quadratic.
  const byOrder = new Map<number, SsShipment[]>();
  let indexedLength = 0;
  const shipmentsOf = (orderId: number): SsShipment[] => {
    if (indexedLength !== shipments.length) {
      if (indexedLength > shipments.length) byOrder.clear();
      for (let i = indexedLength > shipments.length ? 0 : indexedLength; i < shipments.length; i++) {
        const s = shipments[i];
        const list = byOrder.get(s.orderId);
        if (list) list.push(s);
        else byOrder.set(s.orderId, [s]);
      }
      indexedLength = shipments.length;
    }
    return byOrder.get(orderId) ?? [];
  };

  const shippedQuantities = (orderId: number): Map<number, number> => {
    const qty = new Map<number, number>();
    for (const s of shipmentsOf(orderId)) {
      if (s.orderId !== orderId || s.voided || s.isReturnLabel) continue;
      for (const it of s.shipmentItems ?? []) qty.set(it.orderItemId, (qty.get(it.orderItemId) ?? 0) + it.quantity);
    }
    return qty;
  };

  const isFullyShipped = (order: SsOrder): boolean => {
    const hasLabel = shipmentsOf(order.orderId).some((s) => s.orderId === order.orderId && !s.voided && !s.isReturnLabel);
    if (!hasLabel) return false;
    const qty = shippedQuantities(order.orderId);
    return order.items.filter((i) => !i.adjustment).every((i) => (qty.get(i.orderItemId) ?? 0) >= i.quantity);
  };

  function shipOrder(orderId: number, s: ShipOrderInput): SsShipment {
    const order = deps.book.get(orderId);
    if (!order) throw new Error(`shipOrder: no order ${orderId}`);
    if (!SHIPPABLE.has(order.orderStatus)) throw new Error(`shipOrder: order ${orderId} is ${order.orderStatus}`);
    const now = deps.clock.now();
    let shipDate = formatPacificDate(now);
    if (s.shipDate !== undefined) {
      const p = parsePacific(s.shipDate);
      if (!p) throw new Error(`shipOrder: bad shipDate ${s.shipDate}`);
      shipDate = p.date;
    }
    const physical = order.items.filter((i) => !i.adjustment);
    let lines: { item: SsOrder['items'][number]; quantity: number }[];
    if (s.items) {
      lines = s.items.map((x) => {
        const item = order.items.find((i) => i.lineItemKey === x.lineItemKey);
        if (!item) throw new Error(`shipOrder: order ${orderId} has no line ${x.lineItemKey}`);
        if (!Number.isInteger(x.quantity) || x.quantity < 1 || x.quantity > item.quantity) {
          throw new Error(`shipOrder: bad quantity ${x.quantity} for line ${x.lineItemKey}`);
        }
        return { item, quantity: x.quantity };
      });
    } else {
      const shipped = shippedQuantities(orderId);
      const remaining = physical
        .map((item) => ({ item, quantity: item.quantity - (shipped.get(item.orderItemId) ?? 0) }))
        .filter((l) => l.quantity > 0);
      lines = s.isReturnLabel || remaining.length === 0 ? physical.map((item) => ({ item, quantity: item.quantity })) : remaining;
    }
    const shipmentItems: SsShipmentItem[] = lines.map((l) => ({ ...structuredClone(l.item), quantity: l.quantity }));
    const shipment: SsShipment = {
      shipmentId: deps.ids.shipmentId(),
      orderId: order.orderId,
      orderKey: order.orderKey,
      userId: WAREHOUSE_USER_ID,
      customerEmail: order.customerEmail,
      orderNumber: order.orderNumber,
      createDate: formatPacificTimestamp(now),
      shipDate,
      shipmentCost: 0,
      insuranceCost: 0,
      trackingNumber: s.trackingNumber,
      isReturnLabel: s.isReturnLabel ?? false,
      batchNumber: null,
      carrierCode: s.carrierCode,
      serviceCode: s.serviceCode ?? null,
      packageCode: order.packageCode ?? 'package',
      confirmation: order.confirmation ?? 'none',
      warehouseId: order.advancedOptions.warehouseId,
      voided: false,
      voidDate: null,
      marketplaceNotified: false,
      notifyErrorMessage: null,
      shipTo: structuredClone(order.shipTo),
      weight: structuredClone(order.weight),
      dimensions: structuredClone(order.dimensions),
      insuranceOptions: structuredClone(order.insuranceOptions),
      advancedOptions: {
        billToParty: order.advancedOptions.billToParty,
        billToAccount: order.advancedOptions.billToAccount,
        billToPostalCode: order.advancedOptions.billToPostalCode,
        billToCountryCode: order.advancedOptions.billToCountryCode,
        storeId: order.advancedOptions.storeId,
      },
      shipmentItems,
      labelData: null,
      formData: null,
    };
    shipments.push(shipment);
    createdAt.set(shipment.shipmentId, now);
    if (!shipment.isReturnLabel) {
      if (order.orderStatus !== 'shipped' && isFullyShipped(order)) {
        order.shipDate = shipDate;
        order.carrierCode = shipment.carrierCode;
        order.serviceCode = shipment.serviceCode;
        deps.book.touch(order, 'shipped');
      } else {
        deps.book.touch(order);
      }
    }
    return shipment;
  }

  function voidShipment(shipmentId: number): SsShipment {
    const shipment = shipments.find((s) => s.shipmentId === shipmentId);
    if (!shipment) throw new Error(`voidShipment: no shipment ${shipmentId}`);
    if (shipment.voided) throw new Error(`voidShipment: shipment ${shipmentId} is already voided`);
    const now = deps.clock.now();
    shipment.voided = true;
    shipment.voidDate = formatPacificTimestamp(now);
    voidedAt.set(shipmentId, now);
    const order = deps.book.get(shipment.orderId);
    if (
      order &&
      !shipment.isReturnLabel &&
      order.orderStatus === 'shipped' &&
      !isFullyShipped(order) &&
      !deps.hasFulfillment(order.orderId)
    ) {
      order.shipDate = null;
      deps.book.touch(order, 'awaiting_shipment');
    }
    return shipment;
  }

  const hiddenFromFeeds = new Set<number>();

  function list(q: Query) {
    const storeId = intParam(q, 'storeId');
    const orderId = intParam(q, 'orderId');
    // "shipments whose orders have the specified order number": exact vs prefix is [unknown] (notes §7a, §17.4);
    // the fake matches exactly (case-insensitive), so a client must not rely on prefix matching here.
    const orderNumber = param(q, 'orderNumber')?.toLowerCase();
    const trackingNumber = param(q, 'trackingNumber');
    const carrierCode = param(q, 'carrierCode')?.toLowerCase();
    const serviceCode = param(q, 'serviceCode')?.toLowerCase();
    const recipientName = param(q, 'recipientName')?.toLowerCase();
    const recipientCountryCode = param(q, 'recipientCountryCode')?.toLowerCase();
    const createStart = dateTimeParam(q, 'createDateStart');
    const createEnd = dateTimeParam(q, 'createDateEnd');
    const shipStart = dateParam(q, 'shipDateStart');
    const shipEnd = dateParam(q, 'shipDateEnd');
    const voidStart = dateTimeParam(q, 'voidDateStart');
    const voidEnd = dateTimeParam(q, 'voidDateEnd');
    const includeItems = boolParam(q, 'includeShipmentItems') ?? false;
    const sortField = enumParam(q, 'sortBy', ['ShipDate', 'CreateDate'] as const) ?? 'CreateDate';
    const dir: SortDir = enumParam(q, 'sortDir', ['ASC', 'DESC'] as const) ?? 'ASC';
    const paging = pagingParams(q);

    // Worked out once per shipment per request: sorting would otherwise convert each date O(log n) times.
    const createdOf = new Map<number, number>();
    const created = (s: SsShipment) => {
      let t = createdOf.get(s.shipmentId);
      if (t === undefined) createdOf.set(s.shipmentId, (t = instantOf(s.createDate, createdAt.get(s.shipmentId)) ?? 0));
      return t;
    };
    const matching = shipments.filter((s) => {
      // Extension: a shipment that a date-window search never returns (a late index), found by order only.
      if ((createStart !== undefined || createEnd !== undefined) && hiddenFromFeeds.has(s.shipmentId)) return false;
      if (storeId !== undefined && s.advancedOptions.storeId !== storeId) return false;
      if (orderId !== undefined && s.orderId !== orderId) return false;
      if (orderNumber !== undefined && s.orderNumber.toLowerCase() !== orderNumber) return false;
      if (trackingNumber !== undefined && s.trackingNumber !== trackingNumber) return false;
      if (carrierCode !== undefined && s.carrierCode.toLowerCase() !== carrierCode) return false;
      if (serviceCode !== undefined && s.serviceCode?.toLowerCase() !== serviceCode) return false;
      if (recipientName !== undefined && s.shipTo.name?.toLowerCase() !== recipientName) return false;
      if (recipientCountryCode !== undefined && s.shipTo.country?.toLowerCase() !== recipientCountryCode) return false;
      if (createStart !== undefined && created(s) < createStart) return false;
      if (createEnd !== undefined && created(s) > createEnd) return false;
      if (shipStart !== undefined && s.shipDate < shipStart) return false;
      if (shipEnd !== undefined && s.shipDate > shipEnd) return false;
      if (voidStart !== undefined || voidEnd !== undefined) {
        const v = instantOf(s.voidDate, voidedAt.get(s.shipmentId));
        if (v === undefined) return false;
        if (voidStart !== undefined && v < voidStart) return false;
        if (voidEnd !== undefined && v > voidEnd) return false;
      }
      return true;
    });
    const key = sortField === 'ShipDate' ? (s: SsShipment) => s.shipDate : created;
    const page = paginate(sortBy(matching, key, (s) => s.shipmentId, dir), paging);
    return {
      shipments: page.items.map((s) => ({
        ...structuredClone(s),
        shipmentItems: includeItems ? structuredClone(s.shipmentItems) : null,
      })),
      total: page.total,
      page: page.page,
      pages: page.pages,
    };
  }

  return { shipments, shipOrder, voidShipment, isFullyShipped, list, hiddenFromFeeds };
}
