import type { SimClock } from '../../clock';
import { WAREHOUSE_USER_ID, type SsIds } from './ss-ids';
import type { SsOrderBook } from './ss-orders';
import { formatPacificDate, formatPacificTimestamp, pacificDateAtMidnight, parsePacific } from './ss-pacific-time';
import {
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
import type { SsFulfillment } from './ss-types';

/**
 * Fulfillments: orders marked shipped without a ShipStation label (UI "Mark as Shipped" or POST /orders/markasshipped).
 * They appear in GET /fulfillments, never in GET /shipments (S6/S7, notes §7b, §9). The order becomes `shipped`.
 * GET /fulfillments has no storeId filter (S7).
 */
export interface MarkShippedInput {
  trackingNumber?: string | null;
  carrierCode: string;
  shipDate?: string; // yyyy-mm-dd (Pacific); default today in Pacific
}

export interface SsFulfillmentLedger {
  fulfillments: SsFulfillment[];
  markShipped(orderId: number, s: MarkShippedInput): SsFulfillment;
  hasFulfillment(orderId: number): boolean;
  list(q: Query): { fulfillments: SsFulfillment[]; total: number; page: number; pages: number };
}

export function createFulfillmentLedger(deps: { clock: SimClock; ids: SsIds; book: SsOrderBook }): SsFulfillmentLedger {
  const fulfillments: SsFulfillment[] = [];
  const createdAt = new Map<number, number>();

  function markShipped(orderId: number, s: MarkShippedInput): SsFulfillment {
    const order = deps.book.get(orderId);
    if (!order) throw new Error(`markShipped: no order ${orderId}`);
    if (order.orderStatus === 'cancelled') throw new Error(`markShipped: order ${orderId} is cancelled`);
    const now = deps.clock.now();
    let shipDate = formatPacificDate(now);
    if (s.shipDate !== undefined) {
      const p = parsePacific(s.shipDate);
      if (!p) throw new Error(`markShipped: bad shipDate ${s.shipDate}`);
      shipDate = p.date;
    }
    const f: SsFulfillment = {
      fulfillmentId: deps.ids.fulfillmentId(),
      orderId,
      orderNumber: order.orderNumber,
      userId: WAREHOUSE_USER_ID,
      customerEmail: order.customerEmail,
      trackingNumber: s.trackingNumber ?? null,
      createDate: formatPacificTimestamp(now),
      shipDate: pacificDateAtMidnight(shipDate),
      voidDate: null,
      deliveryDate: null,
      carrierCode: s.carrierCode,
      sellerFillProviderId: null,
      sellerFillProviderName: null,
      fulfillmentServiceCode: null,
      fulfillmentProviderCode: null,
      fulfillmentFee: 0,
      voidRequested: false,
      voided: false,
      marketplaceNotified: false,
      notifyErrorMessage: null,
      shipTo: structuredClone(order.shipTo),
    };
    fulfillments.push(f);
    createdAt.set(f.fulfillmentId, now);
    order.shipDate = shipDate;
    deps.book.touch(order, 'shipped');
    return f;
  }

  function list(q: Query) {
    const fulfillmentId = intParam(q, 'fulfillmentId');
    const orderId = intParam(q, 'orderId');
    const orderNumber = param(q, 'orderNumber')?.toLowerCase(); // exact match, as for /shipments ([unknown])
    const trackingNumber = param(q, 'trackingNumber');
    const recipientName = param(q, 'recipientName')?.toLowerCase();
    const createStart = dateTimeParam(q, 'createDateStart');
    const createEnd = dateTimeParam(q, 'createDateEnd');
    const shipStart = dateParam(q, 'shipDateStart');
    const shipEnd = dateParam(q, 'shipDateEnd');
    const sortField = enumParam(q, 'sortBy', ['ShipDate', 'CreateDate'] as const) ?? 'CreateDate';
    const dir: SortDir = enumParam(q, 'sortDir', ['ASC', 'DESC'] as const) ?? 'ASC';
    const paging = pagingParams(q);

    const created = (f: SsFulfillment): number => {
      const meta = createdAt.get(f.fulfillmentId);
      if (meta !== undefined && formatPacificTimestamp(meta) === f.createDate) return meta;
      return parsePacific(f.createDate)?.instant ?? 0;
    };
    const shipDay = (f: SsFulfillment) => f.shipDate.slice(0, 10);
    const matching = fulfillments.filter((f) => {
      if (fulfillmentId !== undefined && f.fulfillmentId !== fulfillmentId) return false;
      if (orderId !== undefined && f.orderId !== orderId) return false;
      if (orderNumber !== undefined && f.orderNumber.toLowerCase() !== orderNumber) return false;
      if (trackingNumber !== undefined && f.trackingNumber !== trackingNumber) return false;
      if (recipientName !== undefined && f.shipTo.name?.toLowerCase() !== recipientName) return false;
      if (createStart !== undefined && created(f) < createStart) return false;
      if (createEnd !== undefined && created(f) > createEnd) return false;
      if (shipStart !== undefined && shipDay(f) < shipStart) return false;
      if (shipEnd !== undefined && shipDay(f) > shipEnd) return false;
      return true;
    });
    const key = sortField === 'ShipDate' ? shipDay : created;
    const page = paginate(sortBy(matching, key, (f) => f.fulfillmentId, dir), paging);
    return { fulfillments: structuredClone(page.items), total: page.total, page: page.page, pages: page.pages };
  }

  return {
    fulfillments,
    markShipped,
    hasFulfillment: (orderId) => fulfillments.some((f) => f.orderId === orderId && !f.voided),
    list,
  };
}
