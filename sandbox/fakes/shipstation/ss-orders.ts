import type { SimClock } from '../../clock';
import { invalidRequest, messageError, type ModelState } from './ss-errors';
import type { SsIds } from './ss-ids';
import {
  buildOrder,
  isObject,
  ORDER_STATUSES,
  UPDATABLE_STATUSES,
  validateOrderBody,
  type OrderInstants,
} from './ss-order-body';
import { formatPacificTimestamp, parsePacific } from './ss-pacific-time';
import {
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
import { defaultStoreId } from './ss-stores';
import type { SsCreateOrdersResult, SsOrder, SsOrderStatus, SsStore } from './ss-types';

/**
 * Orders: createorder / createorders upsert by orderKey (notes §3, §4), GET /orders (§5), GET /orders/{id} (§6).
 *
 * Upsert: `orderKey` found → update; not found → create with that key; absent → create with a generated key.
 * `orderKey` is unique per account here (per account vs per store is [unknown], notes §17.1).
 * A non-zero `orderId` in the body names the order to update (S4: it "will help prevent duplicate order records");
 * an unknown orderId, or one that disagrees with the orderKey's order, is a per-order error [inferred].
 * Locked orders (status not in UPDATABLE_STATUSES) are not changed: createorder answers 400 `{"Message": …}`,
 * createorders gives that entry `success:false` + `errorMessage` (the exact real text is [unknown], notes §3).
 * An unknown advancedOptions.storeId on creation is a per-order error [inferred].
 * Whole-request problems (not JSON, wrong JSON kind, > 100 orders, model validation of any order) are 400 with
 * ModelState and change nothing.
 */
export interface SsOrderBook {
  orders: Map<number, SsOrder>;
  get(orderId: number): SsOrder | undefined;
  findByOrderKey(orderKey: string): SsOrder | undefined;
  /** Epoch ms behind a stored order's date string (falls back to parsing when a test put the order in by hand). */
  instant(order: SsOrder, field: keyof OrderInstants): number | undefined;
  /** Bumps modifyDate to now (and optionally sets the status). */
  touch(order: SsOrder, status?: SsOrderStatus): void;
  createOrder(body: unknown): SsOrder;
  createOrders(body: unknown): SsCreateOrdersResult;
  list(q: Query): { orders: SsOrder[]; total: number; page: number; pages: number };
}

export const MAX_ORDERS_PER_REQUEST = 100;

type UpsertOutcome = { ok: true; order: SsOrder } | { ok: false; orderId: number | null; message: string };

export function createOrderBook(deps: { clock: SimClock; ids: SsIds; stores: SsStore[] }): SsOrderBook {
  const orders = new Map<number, SsOrder>();
  const instants = new Map<number, OrderInstants>();

  // orderKey → the lowest orderId with that key. Kept up to date by upsert; rebuilt whenever the number of orders
  // changed behind its back, and every hit is checked against the order itself, so it is only ever a shortcut for
  // the scan (which made bulk creation quadratic).
  const keyIndex = new Map<string, number>();
  let indexedSize = -1;
  const reindex = () => {
    keyIndex.clear();
    for (const o of orders.values()) {
      const cur = keyIndex.get(o.orderKey);
      if (cur === undefined || o.orderId < cur) keyIndex.set(o.orderKey, o.orderId);
    }
    indexedSize = orders.size;
  };
  const findByOrderKey = (orderKey: string): SsOrder | undefined => {
    if (indexedSize !== orders.size) reindex();
    let id = keyIndex.get(orderKey);
    let hit = id === undefined ? undefined : orders.get(id);
    if (id !== undefined && hit?.orderKey !== orderKey) {
      reindex();
      id = keyIndex.get(orderKey);
      hit = id === undefined ? undefined : orders.get(id);
    }
    return hit;
  };
  const store = (order: SsOrder, previousKey?: string) => {
    if (indexedSize !== orders.size) reindex();
    orders.set(order.orderId, order);
    if (previousKey !== undefined && previousKey !== order.orderKey) {
      indexedSize = -1; // an order changed its key (rare): rebuild on the next lookup
      return;
    }
    const cur = keyIndex.get(order.orderKey);
    if (cur === undefined || order.orderId < cur) keyIndex.set(order.orderKey, order.orderId);
    if (indexedSize !== -1) indexedSize = orders.size;
  };

  const instant = (order: SsOrder, field: keyof OrderInstants): number | undefined => {
    const m = instants.get(order.orderId)?.[field];
    if (m !== undefined && m !== null && formatPacificTimestamp(m) === order[field]) return m;
    const text = order[field];
    return text ? parsePacific(text)?.instant : undefined;
  };

  const touch = (order: SsOrder, status?: SsOrderStatus) => {
    const now = deps.clock.now();
    if (status) order.orderStatus = status;
    order.modifyDate = formatPacificTimestamp(now);
    const meta = instants.get(order.orderId);
    if (meta) meta.modifyDate = now;
  };

  function upsert(body: Record<string, unknown>): UpsertOutcome {
    const key = body.orderKey === undefined || body.orderKey === null || body.orderKey === '' ? undefined : String(body.orderKey);
    const byKey = key !== undefined ? findByOrderKey(key) : undefined;
    const bodyId = Number(body.orderId ?? 0) || undefined;
    let target = byKey;
    if (bodyId !== undefined) {
      const byId = orders.get(bodyId);
      if (!byId) return { ok: false, orderId: null, message: `Order ${bodyId} was not found.` };
      if (byKey && byKey !== byId) {
        return { ok: false, orderId: bodyId, message: `orderKey '${key}' belongs to order ${byKey.orderId}, not ${bodyId}.` };
      }
      target = byId;
    }
    const now = deps.clock.now();
    if (target) {
      if (!UPDATABLE_STATUSES.includes(target.orderStatus)) {
        return {
          ok: false,
          orderId: target.orderId,
          message: `Order ${target.orderNumber} is ${target.orderStatus} and cannot be updated. Only orders in awaiting_payment, awaiting_shipment, on_hold or pending_fulfillment can be updated.`,
        };
      }
      const built = buildOrder({
        body,
        orderId: target.orderId,
        orderKey: key ?? target.orderKey,
        storeId: target.advancedOptions.storeId,
        previous: target,
        previousInstants: instants.get(target.orderId),
        nowMs: now,
        nextItemId: deps.ids.orderItemId,
      });
      store(built.order, target.orderKey);
      instants.set(target.orderId, built.instants);
      return { ok: true, order: built.order };
    }
    const adv = isObject(body.advancedOptions) ? body.advancedOptions : {};
    const requestedStore = adv.storeId === undefined || adv.storeId === null || adv.storeId === '' ? undefined : Number(adv.storeId);
    if (requestedStore !== undefined && !deps.stores.some((s) => s.storeId === requestedStore)) {
      return { ok: false, orderId: null, message: `Store ${requestedStore} was not found.` };
    }
    const orderId = deps.ids.orderId();
    const built = buildOrder({
      body,
      orderId,
      orderKey: key ?? deps.ids.orderKey(),
      storeId: requestedStore ?? defaultStoreId(deps.stores),
      previous: undefined,
      previousInstants: undefined,
      nowMs: now,
      nextItemId: deps.ids.orderItemId,
    });
    store(built.order);
    instants.set(orderId, built.instants);
    return { ok: true, order: built.order };
  }

  function createOrder(body: unknown): SsOrder {
    if (Array.isArray(body)) {
      throw invalidRequest({
        apiOrder: [
          "Cannot deserialize the current JSON array (e.g. [1,2,3]) into type 'SS.OpenApi.Models.Orders.Order' because the type requires a JSON object (e.g. {\"name\":\"value\"}) to deserialize correctly.",
        ],
      });
    }
    if (body === undefined || body === null) throw invalidRequest({ apiOrder: ['The apiOrder field is required.'] });
    const ms: ModelState = {};
    validateOrderBody(body, 'apiOrder', ms);
    if (Object.keys(ms).length > 0) throw invalidRequest(ms);
    const outcome = upsert(body as Record<string, unknown>);
    if (!outcome.ok) throw messageError(400, outcome.message);
    return outcome.order;
  }

  function createOrders(body: unknown): SsCreateOrdersResult {
    if (body === undefined || body === null) throw invalidRequest({ apiOrders: ['The apiOrders field is required.'] });
    if (!Array.isArray(body)) {
      throw invalidRequest({
        'apiOrders.orderNumber': [
          "Cannot deserialize the current JSON object (e.g. {\"name\":\"value\"}) into type 'SS.OpenApi.Models.Orders.Order[]' because the type requires a JSON array (e.g. [1,2,3]) to deserialize correctly.",
        ],
      });
    }
    if (body.length > MAX_ORDERS_PER_REQUEST) {
      throw invalidRequest({ apiOrders: [`A maximum of ${MAX_ORDERS_PER_REQUEST} orders may be sent per request.`] });
    }
    const ms: ModelState = {};
    body.forEach((o, i) => validateOrderBody(o, `apiOrders[${i}]`, ms));
    if (Object.keys(ms).length > 0) throw invalidRequest(ms);
    const results = (body as Record<string, unknown>[]).map((o) => {
      const outcome = upsert(o);
      if (outcome.ok) {
        const { orderId, orderNumber, orderKey } = outcome.order;
        return { orderId, orderNumber, orderKey, success: true, errorMessage: null };
      }
      return {
        orderId: outcome.orderId,
        orderNumber: o.orderNumber === undefined ? null : String(o.orderNumber),
        orderKey: o.orderKey === undefined || o.orderKey === null ? null : String(o.orderKey),
        success: false,
        errorMessage: outcome.message,
      };
    });
    return { hasErrors: results.some((r) => !r.success), results };
  }

  function list(q: Query) {
    const storeId = intParam(q, 'storeId');
    const status = enumParam(q, 'orderStatus', ORDER_STATUSES);
    const orderNumber = param(q, 'orderNumber')?.toLowerCase();
    const customerName = param(q, 'customerName')?.toLowerCase();
    const ranges: [keyof OrderInstants, number | undefined, number | undefined, boolean][] = [
      ['createDate', dateTimeParam(q, 'createDateStart'), dateTimeParam(q, 'createDateEnd'), false],
      ['modifyDate', dateTimeParam(q, 'modifyDateStart'), dateTimeParam(q, 'modifyDateEnd'), false],
      // orderDateStart is documented as "greater than", orderDateEnd as "less than or equal" (S5)
      ['orderDate', dateTimeParam(q, 'orderDateStart'), dateTimeParam(q, 'orderDateEnd'), true],
      ['paymentDate', dateTimeParam(q, 'paymentDateStart'), dateTimeParam(q, 'paymentDateEnd'), false],
    ];
    const sortField = enumParam(q, 'sortBy', ['OrderDate', 'ModifyDate', 'CreateDate'] as const);
    const dir: SortDir = enumParam(q, 'sortDir', ['ASC', 'DESC'] as const) ?? 'ASC';
    const paging = pagingParams(q);

    const matching = [...orders.values()].filter((o) => {
      if (storeId !== undefined && o.advancedOptions.storeId !== storeId) return false;
      if (status !== undefined && o.orderStatus !== status) return false;
      // S5: orderNumber "performs a 'starts with' search" (case-insensitive here, as SQL Server collation would be)
      if (orderNumber !== undefined && !o.orderNumber.toLowerCase().startsWith(orderNumber)) return false;
      if (
        customerName !== undefined &&
        ![o.shipTo.name, o.billTo.name].some((n) => n?.toLowerCase().includes(customerName))
      ) {
        return false;
      }
      for (const [field, start, end, startExclusive] of ranges) {
        if (start === undefined && end === undefined) continue;
        const t = instant(o, field);
        if (t === undefined) return false;
        if (start !== undefined && (startExclusive ? t <= start : t < start)) return false;
        if (end !== undefined && t > end) return false;
      }
      return true;
    });
    // Default order: ascending orderId (S5). Sorted fields tie-break on orderId.
    const key = (o: SsOrder): number =>
      sortField === 'OrderDate'
        ? (instant(o, 'orderDate') ?? 0)
        : sortField === 'ModifyDate'
          ? (instant(o, 'modifyDate') ?? 0)
          : sortField === 'CreateDate'
            ? (instant(o, 'createDate') ?? 0)
            : o.orderId;
    const page = paginate(sortBy(matching, key, (o) => o.orderId, dir), paging);
    return { orders: page.items, total: page.total, page: page.page, pages: page.pages };
  }

  return {
    orders,
    get: (orderId) => orders.get(orderId),
    findByOrderKey,
    instant,
    touch,
    createOrder,
    createOrders,
    list,
  };
}
