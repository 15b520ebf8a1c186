import { createHash } from 'node:crypto';
import type { SimClock } from '../../clock';
import { jsonResponse, type FakeHandler, type FakeHttpRequest, type FakeHttpResponse } from '../../http';
import { validateDscoRequest, validateDscoResponse } from '../../contract/dsco-contract';
import { createAsyncLog, type ApplyItem, type ChangeLogEntry } from './dsco-async-log';
import { createDscoAuth } from './dsco-auth';
import { applyItemCancel } from './dsco-cancels';
import { toDscoDate } from './dsco-dates';
import { createFaultQueue, faultResponse, type DscoFault } from './dsco-faults';
import { createDscoIds } from './dsco-ids';
import { addActivity, cancelled, findOrder, isVisible, openQuantity, retailerCancelOrder, retailerCancelRequestOrder, refreshOrder } from './dsco-orders';
import { createScrollStore } from './dsco-scroll';
import { applySingleShipment, type ShipRule } from './dsco-shipments';
import type { ApiResponseMessage, DeepPartial, Order, OrderForCancel, OrderId, ShipmentsForUpdate } from './dsco-types';
import { makeDscoOrder } from './make-dsco-order';
import { createInvoiceStore, type FakeInvoice, type InvoiceRule } from './dsco-invoices';
import { createInventoryStore, type FakeInventoryItem, type InventoryRule } from './dsco-inventory';

export interface DscoFakeOptions {
  clock: SimClock;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens; default 3600 ("currently defaults to 3600 or one hour", spec getAccessToken). */
  tokenTtlSeconds?: number;
  /** How long after an async request its result becomes visible in /order/log and takes effect; default 2000. */
  asyncDelayMs?: number;
  /**
   * Extension. 'sync' (default): /order/item/cancel answers 200 and applies at once. 'async': it answers
   * 202 {status: "pending"} and applies like /order/acknowledge (the spec documents both 200 and 202).
   */
  cancelMode?: 'sync' | 'async';
  /**
   * Extension: how long after an order's dscoLastUpdate the change becomes searchable through
   * ordersUpdatedSince. DSCO is eventually consistent ("seconds, sometimes minutes", notes dsco-api.md §0);
   * default 0. GET /order/ (by key) always shows the current order.
   */
  searchLagMs?: number;
  /** How long after POST /invoice the invoice shows in GET /invoice ("post-processing", spec); default 0. */
  invoiceVisibleAfterMs?: number;
  /** The supplier's warehouse codes (portal Warehouse Manager); default ['WH1']. */
  warehouseCodes?: string[];
}

export interface DscoRequestRecord {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
}

export interface DscoFake {
  /** Serves any base URL: everything up to and including '/api/v3' is stripped from the path. */
  handle: FakeHandler;
  seedOrder(partial?: DeepPartial<Order>): Order;
  /** By dscoOrderId. Reading it first applies async requests that are due by the clock. */
  orders: Map<string, Order>;
  requests: DscoRequestRecord[];
  /** Contract violations seen, requests and responses, as "METHOD /path: violation". */
  violations: string[];
  revokeTokens(): void;
  releaseOrder(id: string): void;
  /** Changes the search lag for updates (see DscoFakeOptions.searchLagMs). */
  setSearchLag(ms: number): void;
  /** This order's latest update becomes searchable only `ms` from now (while later updates of other orders are searchable at once). */
  delayUpdateSearch(id: string, ms: number): void;
  /** This order's updates never show in ordersUpdatedSince searches (visible only by key, GET /order/). */
  hideUpdatesFromSearch(id: string): void;
  /** The retailer cancels some units of some lines (with a retailer code), the rest of the order stays open. */
  retailerCancelLines(id: string, lines: { lineNumber: number; quantity: number }[], code?: string): void;
  /** The retailer corrects the ship-to address. */
  retailerChangeAddress(id: string, shipping: Partial<Order['shipping']>): void;
  retailerCancel(id: string, code?: string): void;
  retailerCancelRequest(id: string, code?: string): void;
  failNextAcknowledge(ids: string[], description?: string): void;
  requireShipFields(rule: ShipRule): void;
  faults: { enqueue(f: DscoFault): void; pending(): number; clear(): void };
  processAsync(): void;
  /** Invoices created, by invoiceId. */
  invoices: Map<string, FakeInvoice>;
  /** A retailer rule POST /invoice applies (the refusal's description, or undefined to accept). */
  refuseInvoices(rule: InvoiceRule): void;
  /** The supplier's items in DSCO, by SKU, with their stock. */
  inventory: Map<string, FakeInventoryItem>;
  /** Adds an item to the supplier's DSCO catalog (stock 0). */
  seedItem(sku: string, warehouses?: string[]): void;
  /** A rule DSCO applies to each inventory item (the refusal's description, or undefined). */
  refuseInventory(rule: InventoryRule): void;
}

/** Map whose reads first run `before` (used to apply due async requests lazily, by the clock). */
class SettlingMap<K, V> extends Map<K, V> {
  private readonly before: () => void;
  constructor(before: () => void) {
    super();
    this.before = before;
  }
  override get(key: K): V | undefined {
    this.before();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.before();
    return super.has(key);
  }
  override get size(): number {
    this.before();
    return super.size;
  }
  override forEach(cb: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.before();
    super.forEach(cb, thisArg);
  }
  override entries(): MapIterator<[K, V]> {
    this.before();
    return super.entries();
  }
  override keys(): MapIterator<K> {
    this.before();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.before();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.before();
    return super[Symbol.iterator]();
  }
}

/** The observed DSCO error body: {"messages":[{"code","severity","description"}]} (notes dsco-api.md §10). */
function messages(code: string, descriptions: string[]): { messages: ApiResponseMessage[] } {
  return { messages: descriptions.map((description) => ({ code, severity: 'error' as const, description })) };
}

function parseUrl(url: string): { path: string; query: Record<string, string[]> } {
  const u = new URL(url, 'http://dsco.invalid');
  let path = u.pathname;
  const i = path.indexOf('/api/v3');
  if (i >= 0) path = path.slice(i + '/api/v3'.length);
  if (path === '') path = '/';
  const query: Record<string, string[]> = {};
  for (const [k, v] of u.searchParams) (query[k] ??= []).push(v);
  return { path, query };
}

const FORM = 'application/x-www-form-urlencoded';
/** Operations whose spec text caps the body at 5 MB. */
const FIVE_MB_BODY = new Set(['POST /order/acknowledge', 'POST /order/shipment/batch/small', 'POST /order/item/cancel/batch/small', 'POST /inventory/batch/small']);
const LOG_PAGE_SIZE = 100;
const UNTIL_MIN_AGE_MS = 5_000;

export function createDscoFake(opts: DscoFakeOptions): DscoFake {
  const { clock } = opts;
  const asyncDelayMs = opts.asyncDelayMs ?? 2000;
  const ids = createDscoIds();
  const auth = createDscoAuth({
    clock,
    clientId: opts.clientId ?? 'test-client-id',
    clientSecret: opts.clientSecret ?? 'test-client-secret',
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    newToken: ids.token,
  });
  const log = createAsyncLog(clock, asyncDelayMs);
  const orders = new SettlingMap<string, Order>(() => log.settle());
  const orderScrolls = createScrollStore<Order>(clock, ids.scrollId);
  const logScrolls = createScrollStore<ChangeLogEntry>(clock, ids.scrollId);
  const faults = createFaultQueue();
  const requests: DscoRequestRecord[] = [];
  const violations: string[] = [];
  const shipRules: ShipRule[] = [];
  const failAck = new Map<string, string>();
  let searchLagMs = opts.searchLagMs ?? 0;
  const hiddenUpdates = new Set<string>();
  const searchableFrom = new Map<string, number>();
  const invoices = createInvoiceStore(clock, ids, orders, opts.invoiceVisibleAfterMs ?? 0);
  const inventory = createInventoryStore(opts.warehouseCodes ?? ['WH1']);
  const inventoryLog = createAsyncLog(clock, asyncDelayMs);

  const mustFind = (id: string): Order => {
    const o = orders.get(id);
    if (!o) throw new Error(`DSCO fake: no order ${id}`);
    return o;
  };

  // ---------------------------------------------------------------- endpoints

  type Ctx = { query: Record<string, string[]>; body: unknown };
  const one = (q: Record<string, string[]>, k: string): string | undefined => q[k]?.[0];

  /** GET /order/page — spec operationId getOrders (see dsco-scroll.ts for the paging rules). */
  function getOrders({ query }: Ctx): FakeHttpResponse {
    const scrollId = one(query, 'scrollId');
    if (scrollId !== undefined) {
      // "scrollId - if this is passed, all other parameters (if any) are ignored."
      const page = orderScrolls.next(scrollId);
      if (!page) return jsonResponse(404, messages('NOT_FOUND', [`scrollId not found or expired: ${scrollId}`]));
      return jsonResponse(200, { scrollId, orders: page });
    }
    const now = clock.now();
    const con = one(query, 'consumerOrderNumber');
    const createdSince = one(query, 'ordersCreatedSince');
    const updatedSince = one(query, 'ordersUpdatedSince');
    const untilText = one(query, 'until');
    let sortKey: 'dscoCreateDate' | 'dscoLastUpdate' = 'dscoCreateDate';
    let inWindow: (o: Order) => boolean = () => true;
    if (con !== undefined) {
      // "consumerOrderNumber - if this is passed, any orders which have a matching value will be returned."
      inWindow = (o) => o.consumerOrderNumber === con;
    } else {
      const until = Date.parse(untilText as string);
      // until: "This date _must_ be in the past. If it not at least 5 seconds in the past, the call will fail with
      // an error." [unknown] the real error body/code; the observed {"messages": [...]} shape is used.
      if (until > now - UNTIL_MIN_AGE_MS) {
        return jsonResponse(400, messages('VALIDATION_FAILED', [`until (${untilText}) must be at least 5 seconds in the past`]));
      }
      const cs = createdSince !== undefined ? Date.parse(createdSince) : undefined;
      const us = updatedSince !== undefined ? Date.parse(updatedSince) : undefined;
      if (cs === undefined) sortKey = 'dscoLastUpdate';
      // ordersCreatedSince "inclusive", ordersUpdatedSince "exclusive" (spec). [unknown] whether `until` is
      // inclusive: the fake includes it, so consecutive windows may overlap by one instant — dedupe by dscoOrderId.
      inWindow = (o) => {
        const c = Date.parse(o.dscoCreateDate);
        const u = Date.parse(o.dscoLastUpdate);
        if (cs !== undefined && !(c >= cs && c <= until)) return false;
        if (us !== undefined && !(u > us && u <= until)) return false;
        // Extension: eventual consistency of the search index (see searchLagMs).
        if (us !== undefined && (hiddenUpdates.has(o.dscoOrderId) || u > now - searchLagMs || now < (searchableFrom.get(o.dscoOrderId) ?? 0))) return false;
        return true;
      };
    }
    const statuses = query.status ?? [];
    const includeTest = one(query, 'includeTestOrders') === 'true';
    const returnedOnly = one(query, 'returnedOnly');
    const selected = [...orders.values()]
      .filter(isVisible) // 'received': "not yet ready for a supplier"
      .filter((o) => includeTest || o.testFlag !== true) // "By default, test orders are not returned."
      .filter((o) => statuses.length === 0 || statuses.includes(o.dscoStatus)) // filters the deprecated status
      .filter((o) => {
        if (returnedOnly === undefined) return true;
        const returned = (o.packages ?? []).some((p) => p.returnedFlag === true);
        return returnedOnly === 'true' ? returned : !returned;
      })
      .filter(inWindow)
      // [unknown] result order; oldest first.
      .sort((a, b) => Date.parse(a[sortKey]) - Date.parse(b[sortKey]) || a.dscoOrderId.localeCompare(b.dscoOrderId));
    const pageSize = Number(one(query, 'ordersPerPage') ?? 1000);
    // "Results are a snapshot": later changes do not show in the pages of this scroll.
    const { scrollId: newScroll, page } = orderScrolls.open(structuredClone(selected), pageSize);
    // [inferred] a scrollId is returned on every page, even when everything fits in the first one.
    return jsonResponse(200, { scrollId: newScroll, orders: page });
  }

  /**
   * GET /order/ — spec operationId getOrderById: one Order by orderKey (dscoOrderId, poNumber or
   * supplierOrderNumber) and value; 200 Order. [observed] 404 when the order does not exist or is not yet
   * visible (notes dsco-api.md §2b); the body's shape is [unknown], the observed `messages` shape is used.
   */
  function getOrderById({ query }: Ctx): FakeHttpResponse {
    const orderKey = one(query, 'orderKey');
    const value = one(query, 'value') ?? '';
    const type = orderKey === 'poNumber' ? 'PO_NUMBER' : orderKey === 'supplierOrderNumber' ? 'SUPPLIER_ORDER_NUMBER' : 'DSCO_ORDER_ID';
    const order = findOrder(orders, type, value);
    if (!order) return jsonResponse(404, messages('NOT_FOUND', [`No order found for ${orderKey} ${value}`]));
    return jsonResponse(200, structuredClone(order));
  }

  /** GET /order/log — spec operationId getOrderChangeLog. */
  function getOrderChangeLog(ctx: Ctx): FakeHttpResponse {
    return readLog(log, ctx);
  }

  /** GET /inventory/log — spec operationId getInventoryChangeLog: the same contract as /order/log, over inventory updates. */
  function getInventoryChangeLog(ctx: Ctx): FakeHttpResponse {
    return readLog(inventoryLog, ctx);
  }

  function readLog(log: ReturnType<typeof createAsyncLog>, { query }: Ctx): FakeHttpResponse {
    const scrollId = one(query, 'scrollId');
    if (scrollId !== undefined) {
      const page = logScrolls.next(scrollId);
      if (!page) return jsonResponse(404, messages('NOT_FOUND', [`scrollId not found or expired: ${scrollId}`]));
      return jsonResponse(200, { scrollId, logs: page });
    }
    const requestId = one(query, 'requestId');
    const startDate = one(query, 'startDate');
    const endDate = one(query, 'endDate');
    const result = log.query({
      ...(requestId !== undefined ? { requestId } : {}),
      ...(startDate !== undefined ? { startDate: Date.parse(startDate) } : {}),
      ...(endDate !== undefined ? { endDate: Date.parse(endDate) } : {}),
      ...(one(query, 'status') !== undefined ? { status: one(query, 'status') as 'pending' } : {}),
    });
    const { scrollId: newScroll, page } = logScrolls.open(result.logs, LOG_PAGE_SIZE);
    return jsonResponse(200, { scrollId: newScroll, ...(result.status ? { status: result.status } : {}), logs: page });
  }

  /** One acknowledge item, applied when the async request is processed. */
  function acknowledgeItem(item: OrderId): ApplyItem {
    return (atMs) => {
      const key = String(item.id);
      const order = findOrder(orders, item.type, key);
      for (const k of [key, order?.dscoOrderId, order?.poNumber]) {
        if (k !== undefined && failAck.has(k)) {
          const description = failAck.get(k) as string;
          failAck.delete(k);
          return [{ code: 'ACKNOWLEDGE_FAILED', severity: 'error', description }];
        }
      }
      // [unknown] the real result codes; the fake's are descriptive. Clients should rely on `status`.
      if (!order) return [{ code: 'ORDER_NOT_FOUND', severity: 'error', description: `No order found for ${item.type} ${key}` }];
      if (order.dscoStatus === 'cancelled') {
        return [{ code: 'ORDER_CANCELLED', severity: 'error', description: `Order ${order.dscoOrderId} is cancelled` }];
      }
      if (typeof item.supplierOrderNumber === 'string') order.supplierOrderNumber = item.supplierOrderNumber;
      // Lifecycle created → acknowledged [confirmed]; status created → shipment_pending [observed]. Acknowledging
      // again (or after shipping) succeeds without moving the order back [inferred].
      if (order.dscoLifecycle === 'created') order.dscoLifecycle = 'acknowledged';
      if (order.dscoStatus === 'created') order.dscoStatus = 'shipment_pending';
      refreshOrder(order, atMs);
      return [];
    };
  }

  /**
   * POST /order/acknowledge — spec operationId acknowledgeOrders: "This API will asynchronously acknowledge the
   * orders after the fact." → 202 SyncUpdateResponse {status, requestId, eventDate, messages?}; per-order results
   * via GET /order/log?requestId=. status "success" [inferred from CommerceHub's demo, which threw otherwise].
   */
  function acknowledge({ body }: Ctx): FakeHttpResponse {
    const items = body as OrderId[];
    const requestId = ids.uuid();
    log.submit(
      requestId,
      'acknowledgeOrders',
      items.map((item) => ({
        // OrderAcknowledgeChangeLogPayload types id as a string.
        payload: { ...item, id: String(item.id) },
        apply: acknowledgeItem(item),
      })),
    );
    return jsonResponse(202, { status: 'success', requestId, eventDate: toDscoDate(clock.now()) });
  }

  /** POST /order/singleShipment — 201 SuccessFailResponse {"success": true} [spec + observed]; 400 VALIDATION_FAILED. */
  function singleShipment({ body }: Ctx): FakeHttpResponse {
    const request = body as ShipmentsForUpdate;
    const errors = applySingleShipment(orders, request, { nowMs: clock.now(), ids, rules: shipRules });
    if (errors.length > 0) return jsonResponse(400, messages('VALIDATION_FAILED', errors));
    log.record(ids.uuid(), 'singleShipment', [{ payload: request, results: [] }]);
    return jsonResponse(201, { success: true });
  }

  /**
   * POST /order/shipment/batch/small — spec operationId createShipmentSmallBatch: "This API will asynchronously add
   * shipments to the orders after the fact" → 202 AsyncUpdateResponse; each ShipmentsForUpdate object of the array is
   * one entry of GET /order/log?requestId= (payload OrderShipmentSmallBatchChangeLogPayload), applied with the same
   * rules as singleShipment once due. A shipment DSCO would refuse with 400 in singleShipment ends as a `failure` entry
   * whose results carry the VALIDATION_FAILED messages (notes dsco-api.md §5b: "HTTP 202 does not mean success").
   * "status" is "normally pending" for the batch endpoints (notes §4a).
   */
  function createShipmentSmallBatch({ body }: Ctx): FakeHttpResponse {
    const items = body as ShipmentsForUpdate[];
    const requestId = ids.uuid();
    log.submit(
      requestId,
      'createShipmentSmallBatch',
      items.map((item) => ({
        payload: item,
        apply: (atMs) =>
          applySingleShipment(orders, item, { nowMs: atMs, ids, rules: shipRules }).map((description) => ({
            code: 'VALIDATION_FAILED',
            severity: 'error' as const,
            description,
          })),
      })),
    );
    return jsonResponse(202, { status: 'pending', requestId, eventDate: toDscoDate(clock.now()) });
  }

  /**
   * POST /order/item/cancel — spec operationId cancelOrderItem: 200 "The request has been processed" or 202 "The
   * request has been submitted for processing", both SyncUpdateResponse {status, requestId, eventDate, messages?}.
   * Errors: 400 with the same shape plus messages VALIDATION_FAILED — the shape the spec gives the 400 of the sibling
   * requestCancelOrder; the body still carries the observed `messages` array.
   */
  function cancelItems({ body }: Ctx): FakeHttpResponse {
    const request = body as OrderForCancel;
    const requestId = ids.uuid();
    const eventDate = toDscoDate(clock.now());
    if (opts.cancelMode === 'async') {
      log.submit(requestId, 'cancelOrderItem', [
        {
          payload: request,
          apply: (atMs) =>
            applyItemCancel(orders, request, { nowMs: atMs, ids }).map((description) => ({ code: 'VALIDATION_FAILED', severity: 'error' as const, description })),
        },
      ]);
      return jsonResponse(202, { status: 'pending', requestId, eventDate });
    }
    const errors = applyItemCancel(orders, request, { nowMs: clock.now(), ids });
    if (errors.length > 0) {
      return jsonResponse(400, { status: 'failure', requestId, eventDate, ...messages('VALIDATION_FAILED', errors) });
    }
    log.record(requestId, 'cancelOrderItem', [{ payload: request, results: [] }]);
    return jsonResponse(200, { status: 'success', requestId, eventDate });
  }

  /**
   * POST /order/item/cancel/batch/small — spec operationId cancelOrderItemSmallBatch: "Suppliers should use this
   * asynchronous API to cancel the designated quantity of one or more line items for one or more orders", body an
   * array of OrderForCancel, up to 5 MB → 202; "call the OrderChangeLog API … passing in the requestId … for whether
   * the individual objects of this small batch were successfully processed or not": one entry per OrderForCancel,
   * applied with the rules of /order/item/cancel once due, a refusal ending as a `failure` entry.
   */
  function cancelItemsSmallBatch({ body }: Ctx): FakeHttpResponse {
    const items = body as OrderForCancel[];
    const requestId = ids.uuid();
    log.submit(
      requestId,
      'cancelOrderItemSmallBatch',
      items.map((item) => ({
        payload: item,
        apply: (atMs) => applyItemCancel(orders, item, { nowMs: atMs, ids }).map((description) => ({ code: 'VALIDATION_FAILED', severity: 'error' as const, description })),
      })),
    );
    return jsonResponse(202, { status: 'pending', requestId, eventDate: toDscoDate(clock.now()) });
  }

  /**
   * POST /inventory/batch/small — spec operationId updateInventorySmallBatch: "up to five megabytes" → 202
   * AsyncUpdateResponse; each item is one entry of GET /inventory/log?requestId=, applied once due (see dsco-inventory.ts).
   * [unknown] skipItemsThatDontExist's logging: the fake filters such items out without a log entry.
   */
  function updateInventorySmallBatch({ body, query }: Ctx): FakeHttpResponse {
    const skip = one(query, 'skipItemsThatDontExist') === 'true';
    const items = (body as FakeInventoryItem[]).filter((item) => !skip || inventory.items.has(item.sku));
    const requestId = ids.uuid();
    inventoryLog.submit(
      requestId,
      'updateInventorySmallBatch',
      items.map((item) => ({ payload: item, apply: () => inventory.apply(item) })),
    );
    return jsonResponse(202, { status: 'pending', requestId, eventDate: toDscoDate(clock.now()) });
  }

  /** POST /invoice — spec operationId singleInvoice: 201 SuccessFailResponse {"success": true}; refusals 400 (see dsco-invoices.ts). */
  function singleInvoice({ body }: Ctx): FakeHttpResponse {
    const errors = invoices.create(body as FakeInvoice);
    if (errors.length > 0) return jsonResponse(400, messages('VALIDATION_FAILED', errors));
    return jsonResponse(201, { success: true });
  }

  /** GET /invoice — spec operationId getInvoiceById: 200 {invoices: [...]}; [unknown] whether none found is [] or 404: the fake answers []. */
  function getInvoiceById({ query }: Ctx): FakeHttpResponse {
    return jsonResponse(200, { invoices: invoices.find(one(query, 'key') ?? '', one(query, 'value') ?? '') });
  }

  const routes: Partial<Record<string, (ctx: Ctx) => FakeHttpResponse>> = {
    // GET /hello — spec operationId helloWorld; "returns {"hello":"World!"}" (Getting Started).
    'GET /hello': () => jsonResponse(200, { hello: 'World!' }),
    'GET /order/page': getOrders,
    'GET /order/': getOrderById,
    'GET /order/log': getOrderChangeLog,
    'POST /order/acknowledge': acknowledge,
    'POST /order/singleShipment': singleShipment,
    'POST /order/shipment/batch/small': createShipmentSmallBatch,
    'POST /order/item/cancel': cancelItems,
    'POST /order/item/cancel/batch/small': cancelItemsSmallBatch,
    'POST /invoice': singleInvoice,
    'GET /invoice': getInvoiceById,
    'POST /inventory/batch/small': updateInventorySmallBatch,
    'GET /inventory/log': getInventoryChangeLog,
  };

  // ---------------------------------------------------------------- dispatch

  function token(req: FakeHttpRequest, query: Record<string, string[]>): { body: unknown; response: () => FakeHttpResponse } {
    const contentType = req.headers['content-type'] ?? '';
    const isForm = contentType.split(';')[0]?.trim().toLowerCase() === FORM;
    let body: unknown = req.body;
    if (isForm) body = Object.fromEntries(new URLSearchParams(req.body));
    else {
      try {
        body = JSON.parse(req.body);
      } catch {
        body = req.body;
      }
    }
    return {
      body,
      response: () => {
        const found = validateDscoRequest('POST', '/oauth2/token', { query, body, contentType });
        record(req.method, '/oauth2/token', found);
        if (found.length > 0) {
          // The spec's 400 for this API is OAuth-style {error: "invalid_request", error_description}.
          return jsonResponse(400, { error: 'invalid_request', error_description: found.join('; ') });
        }
        const r = auth.issue(body as Record<string, string>);
        return jsonResponse(r.status, r.body, { 'cache-control': 'no-store' });
      },
    };
  }

  function record(method: string, path: string, found: string[]): void {
    for (const v of found) violations.push(`${method} ${path}: ${v}`);
  }

  /** AWS API Gateway answers for routes it does not have [observed message; see notes dsco-api.md §7/§10]. */
  function unknownRoute(req: FakeHttpRequest): FakeHttpResponse {
    const authorization = req.headers.authorization;
    if (authorization === undefined) {
      return jsonResponse(403, { message: 'Missing Authentication Token' }, { 'x-amzn-errortype': 'MissingAuthenticationTokenException' });
    }
    const hashed = createHash('sha256').update(authorization).digest('base64');
    return jsonResponse(
      403,
      { message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hashed}'.` },
      { 'x-amzn-errortype': 'IncompleteSignatureException' },
    );
  }

  function handle(req: FakeHttpRequest): FakeHttpResponse {
    log.settle();
    inventoryLog.settle();
    const method = req.method.toUpperCase();
    const { path, query } = parseUrl(req.url);
    const key = `${method} ${path}`;
    const isToken = key === 'POST /oauth2/token';
    const route = Object.prototype.hasOwnProperty.call(routes, key) ? routes[key] : undefined;

    let body: unknown;
    let respond: () => FakeHttpResponse;
    if (isToken) {
      const t = token(req, query);
      body = t.body;
      respond = t.response;
    } else {
      let parsed: unknown = undefined;
      let badJson = false;
      if (req.body !== '') {
        try {
          parsed = JSON.parse(req.body);
        } catch {
          parsed = req.body;
          badJson = true;
        }
      }
      body = parsed;
      respond = () => {
        if (!route) {
          record(method, path, [`${key} is not an operation of the DSCO API v3 spec (answered 403 as API Gateway does)`]);
          return unknownRoute(req);
        }
        // "Authorization: bearer <token>" on every API but getAccessToken. [inferred] 401 body of API Gateway.
        if (!auth.isAuthorized(req.headers.authorization)) return jsonResponse(401, { message: 'Unauthorized' });
        // "The API may be sent up to 5 megabytes of data in the body of the request." [unknown] what DSCO answers
        // above it; the fake answers API Gateway's 413 and applies nothing. 5 MB is read as 5,000,000 bytes.
        if (FIVE_MB_BODY.has(key) && Buffer.byteLength(req.body, 'utf8') > 5_000_000) {
          return jsonResponse(413, { message: 'Request Entity Too Large' });
        }
        const found = validateDscoRequest(method, path, {
          query,
          body: badJson ? req.body : parsed,
          ...(method === 'POST' ? { contentType: req.headers['content-type'] ?? '' } : {}),
        });
        record(method, path, found);
        if (found.length > 0) return jsonResponse(400, messages('CONTRACT_VIOLATION', found));
        return route({ query, body: parsed });
      };
    }
    requests.push({ method, path, query, body });

    const fault = faults.take(method, path);
    if (fault && !fault.applyRequest) {
      // The request never reached DSCO, but a malformed request is still the client's bug.
      if (route || isToken) {
        record(method, path, validateDscoRequest(method, path, { query, body: isToken ? body : body ?? undefined }));
      }
      return faultResponse(fault);
    }
    const response = respond();
    if (fault) return faultResponse(fault);
    if (route || isToken) {
      let parsed: unknown = response.body;
      try {
        parsed = JSON.parse(response.body);
      } catch {
        // validateDscoResponse reports non-JSON bodies itself
      }
      record(method, path, validateDscoResponse(method, path, response.status, parsed).map((v) => `response: ${v}`));
    }
    return response;
  }

  return {
    handle,
    orders,
    requests,
    violations,
    seedOrder(partial = {}) {
      const order = makeDscoOrder(partial, { now: clock.now(), ids });
      if (orders.has(order.dscoOrderId)) throw new Error(`DSCO fake: order ${order.dscoOrderId} already exists`);
      orders.set(order.dscoOrderId, order);
      return order;
    },
    revokeTokens: () => auth.revokeAll(),
    releaseOrder(id) {
      const o = mustFind(id);
      if (o.dscoLifecycle !== 'received') throw new Error(`DSCO fake: order ${id} is ${o.dscoLifecycle}, not received`);
      // dscoCreateDate is kept (Rithum created the order earlier); only dscoLastUpdate moves, so clients polling
      // ordersCreatedSince alone can miss released orders [inferred].
      o.dscoLifecycle = 'created';
      o.dscoLastUpdate = toDscoDate(clock.now());
    },
    setSearchLag(ms) {
      searchLagMs = ms;
    },
    delayUpdateSearch(id, ms) {
      searchableFrom.set(id, clock.now() + ms);
    },
    hideUpdatesFromSearch(id) {
      hiddenUpdates.add(id);
    },
    retailerCancelLines(id, lines, code = 'CXRR') {
      const order = mustFind(id);
      const now = clock.now();
      for (const { lineNumber, quantity } of lines) {
        const line = order.lineItems.find((l) => l.lineNumber === lineNumber);
        if (!line) throw new Error(`DSCO fake: order ${id} has no line ${lineNumber}`);
        const q = Math.min(quantity, openQuantity(line));
        if (q <= 0) continue;
        line.cancelledQuantity = cancelled(line) + q;
        line.cancelCode = code;
        line.cancelledReason = 'Cancelled by retailer';
        addActivity(line, ids, now, 'cancel', q, `Cancelled by retailer (${code})`);
      }
      refreshOrder(order, now);
    },
    retailerChangeAddress(id, shipping) {
      const order = mustFind(id);
      order.shipping = { ...order.shipping, ...shipping } as Order['shipping'];
      order.dscoLastUpdate = toDscoDate(clock.now());
    },
    retailerCancel(id, code = 'CXRR') {
      retailerCancelOrder(mustFind(id), code, ids, clock.now());
    },
    retailerCancelRequest(id, code = 'CXRR') {
      retailerCancelRequestOrder(mustFind(id), code, clock.now());
    },
    failNextAcknowledge(list, description = 'Order could not be acknowledged') {
      for (const id of list) failAck.set(id, description);
    },
    requireShipFields(rule) {
      shipRules.push(rule);
    },
    faults: { enqueue: faults.enqueue, pending: faults.pending, clear: faults.clear },
    processAsync() {
      log.settle(true);
      inventoryLog.settle(true);
    },
    invoices: invoices.all,
    refuseInvoices: (rule) => invoices.addRule(rule),
    inventory: inventory.items,
    seedItem: (sku, warehouses) => inventory.seedItem(sku, warehouses),
    refuseInventory: (rule) => inventory.addRule(rule),
  };
}
