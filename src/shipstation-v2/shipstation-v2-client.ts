import { ApiError, NetworkError } from '../core/errors';
import { sendWithRetry, type RetryContext } from '../core/http/send-with-retry';
import type { HttpResponse } from '../core/ports/http-port';
import { queryString } from '../core/text/form-encode';
import { tryParseJson } from '../core/text/parse-json';
import { CREATE_ORDERS_BATCH } from '../shipstation/shipstation-client';
import type { ListFulfillmentsQuery, ListOrdersQuery, ListShipmentsQuery, ShipStationPort, ShipStationSetupCheck } from '../shipstation/shipstation-port';
import type { SsCreateOrderResult, SsFulfillment, SsOrder, SsShipment, SsStore } from '../shipstation/shipstation-types';
import { describeShipStationV2Error } from './describe-shipstation-v2-error';
import { fulfillmentFromV2, orderFromV2, shipmentFromV2, toV2CreateShipment, V2MappingError } from './map-v2';
import { ShipStationV2RateLimiter, V2_REQUESTS_PER_MINUTE } from './shipstation-v2-rate-limiter';
import type { V2Address, V2CreateShipment, V2Fulfillment, V2Label, V2Shipment, V2VoidResult, V2Warehouse } from './shipstation-v2-types';
import { toV1Number, toV2Id } from './v2-ids';

export const SHIPSTATION_V2_BASE_URL = 'https://api.shipstation.com';
/** No maximum is documented for shipments and labels; 100 is the safe choice (shipstation-v2.md §10). */
const PAGE_SIZE = 100;
/** /v2/fulfillments documents a maximum of 500. */
const FULFILLMENT_PAGE_SIZE = 500;
/** Above this many unknown shipments, labels are matched through one paged shipment list first. */
const PRIME_AFTER = 3;

type Query = Record<string, string | number | boolean | undefined>;
type Method = 'GET' | 'POST' | 'PUT';

/** V2 answers a repeated external_shipment_id with an error whose form is unknown (HTTP 400/409 or a per-shipment error). */
const DUPLICATE = /identifier_conflict|field_conflict|already exists|duplicate|external_shipment_id/i;

/**
 * ShipStation API V2 (https://api.shipstation.com) behind the engine's ShipStation role, in V1's
 * shapes (see shipstation-port.ts). One `API-Key` header; 200 requests a minute per account with
 * Retry-After on 429; ISO 8601 dates; page-number paging.
 *
 * No upsert: V2 refuses a second shipment with the same external_shipment_id (the DSCO order ID).
 * How this client guards creation: a create is never retried blindly (not idempotent for the retry
 * loop). After any unclear answer (no response, 5xx) or a refusal that could be a duplicate, each
 * order of the batch is looked up by external ID first: one that exists is reported refused with
 * its orderId, which the engine adopts after checking its key and store; only those not found are
 * sent again. An order created by an earlier, interrupted run is caught the same way, by V2's own
 * duplicate refusal.
 */
export class ShipStationV2Client implements ShipStationPort {
  readonly apiVersion = 'V2';
  readonly rateLimiter: ShipStationV2RateLimiter;
  private warehouses: V2Warehouse[] | undefined;
  private readonly shipments = new Map<string, V2Shipment | null>();

  constructor(
    private readonly ctx: RetryContext,
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {
    this.rateLimiter = new ShipStationV2RateLimiter(ctx.clock);
  }

  // ---- stores and warehouses ----

  /** V2 has no stores endpoint: the stores seen on the account's latest 100 shipments. */
  listStores(): SsStore[] {
    const json = this.call<{ shipments?: V2Shipment[] }>('GET', '/v2/shipments', { sort_by: 'created_at', sort_dir: 'desc', page: 1, page_size: PAGE_SIZE }, undefined, 'shipment list');
    const ids = new Set((json.shipments ?? []).map((s) => toV1Number(s.store_id)).filter((n) => n > 0));
    return [...ids].sort((a, b) => a - b).map((storeId) => ({ storeId, storeName: `Store ${storeId} (seen on recent orders)`, marketplaceName: '' }));
  }

  listWarehouses(): V2Warehouse[] {
    this.warehouses ??= this.call<{ warehouses?: V2Warehouse[] }>('GET', '/v2/warehouses', undefined, undefined, 'warehouse list').warehouses ?? [];
    return this.warehouses;
  }

  /**
   * The ship-from address V2 requires on every shipment: the account's default warehouse (Settings →
   * Ship From Locations in ShipStation), else its only one. The person changes it in ShipStation.
   */
  shipFrom(): { warehouse: V2Warehouse; address: V2Address } {
    const all = this.listWarehouses();
    const warehouse = all.find((w) => w.is_default) ?? (all.length === 1 ? all[0] : undefined);
    if (!warehouse?.origin_address) {
      throw new ApiError(
        'ShipStation',
        400,
        all.length
          ? `ShipStation API V2 needs a default ship-from location: ${all.length} warehouses exist and none is the default. Make one the default in ShipStation (Settings → Shipping → Ship From Locations).`
          : 'ShipStation API V2 needs a ship-from location: add one in ShipStation (Settings → Shipping → Ship From Locations).',
      );
    }
    return { warehouse, address: warehouse.origin_address };
  }

  /** Test connection: V2 can list warehouses and shipments, not stores; the store cannot be checked. */
  checkSetup(storeId: number | null): ShipStationSetupCheck {
    const stores = this.listStores();
    const { warehouse } = this.shipFrom();
    const from = `orders ship from "${warehouse.name ?? warehouse.warehouse_id}" (the default ship-from location)`;
    const seen = stores.length ? `stores seen on recent orders: ${stores.map((s) => s.storeId).join(', ')}` : 'no orders yet to show a store';
    if (storeId === null) {
      return { ok: true, stores, message: `Connected (API V2): ${from}. V2 cannot list stores (${seen}): enter the store ID.` };
    }
    const known = stores.some((s) => s.storeId === storeId);
    return {
      ok: true,
      stores,
      message: known
        ? `Connected (API V2): orders go to store ${storeId}; ${from}.`
        : `Connected (API V2): ${from}. V2 cannot list stores, so store ${storeId} could not be checked (${seen}).`,
    };
  }

  // ---- orders (V2 shipments) ----

  createOrders(orders: SsOrder[]): SsCreateOrderResult[] {
    const results = new Map<SsOrder, SsCreateOrderResult>();
    const cancels = orders.filter((o) => o.orderStatus === 'cancelled' && o.orderId);
    for (const o of cancels) results.set(o, this.cancelResult(o));
    const creates = orders.filter((o) => !results.has(o));
    for (let i = 0; i < creates.length; i += CREATE_ORDERS_BATCH) {
      const batch = creates.slice(i, i + CREATE_ORDERS_BATCH);
      this.createBatch(batch).forEach((r, j) => results.set(batch[j], r));
    }
    return orders.map((o) => results.get(o) as SsCreateOrderResult);
  }

  /** V1's createorder: here only a cancel (orderStatus "cancelled"); V2 has no update of an order. */
  createOrder(order: SsOrder): SsOrder {
    if (order.orderStatus === 'cancelled' && order.orderId) {
      this.cancelShipment(order.orderId);
      return this.getOrder(order.orderId) ?? order;
    }
    // PUT /v2/shipments/{id} is documented by third parties only (not in the spec): not used.
    throw new ApiError('ShipStation', 400, 'ShipStation API V2 cannot change an existing order (no update call in V2).');
  }

  getOrder(orderId: number): SsOrder | undefined {
    const s = this.shipment(toV2Id(orderId), true);
    return s ? orderFromV2(s) : undefined;
  }

  listOrders(query: ListOrdersQuery): SsOrder[] {
    const status = query.orderStatus === 'cancelled' ? 'cancelled' : query.orderStatus === 'shipped' ? 'label_purchased' : query.orderStatus ? 'pending' : undefined;
    return this.allPages<V2Shipment>('/v2/shipments', 'shipments', 'order list', {
      shipment_status: status,
      store_id: query.storeId ? toV2Id(query.storeId) : undefined,
      external_shipment_id: query.orderNumber,
      modified_at_start: iso(query.modifiedSince),
      sort_by: 'modified_at',
      sort_dir: 'asc',
      page_size: PAGE_SIZE,
    }).map(orderFromV2);
  }

  // ---- labels and fulfillments ----

  /**
   * Labels (V1 shipments). By order: the order's shipment by external ID, then its labels. By time:
   * labels created since then; labels have no store filter, so each is matched to its shipment by
   * shipment ID (read once a run) and kept when that shipment is in the store. Void and return
   * labels come back flagged, as in V1, and the engine leaves them out.
   */
  listShipments(query: ListShipmentsQuery): SsShipment[] {
    let labels: V2Label[];
    if (query.orderNumber !== undefined) {
      const s = this.shipmentByExternalId(query.orderNumber);
      if (!s) return [];
      labels = this.allPages<V2Label>('/v2/labels', 'labels', 'label list', { shipment_id: s.shipment_id, page_size: PAGE_SIZE });
    } else {
      const since = query.createdSince ?? query.shipDateStart;
      labels = this.allPages<V2Label>('/v2/labels', 'labels', 'label list', { created_at_start: iso(since), sort_by: 'created_at', sort_dir: 'asc', page_size: PAGE_SIZE });
      if (query.storeId && since !== undefined) this.primeShipments(labels, query.storeId, since);
    }
    const out: SsShipment[] = [];
    const seen = new Set<string>();
    for (const l of labels) {
      if (seen.has(l.label_id)) continue; // page-number paging can repeat a row while labels arrive
      seen.add(l.label_id);
      const shipment = this.shipment(l.shipment_id);
      const mapped = shipmentFromV2(l, shipment);
      if (!mapped.orderId) continue;
      if (query.storeId && mapped.advancedOptions?.storeId !== query.storeId) continue;
      out.push(mapped);
    }
    return out;
  }

  /**
   * Many labels would cost a shipment read each (200 a minute): the store's shipments changed since
   * the same time are read first, 100 a call, and only labels whose shipment is not among them are
   * read one by one. Whether buying a label bumps its shipment's modified_at is unknown, hence the
   * fallback.
   */
  private primeShipments(labels: V2Label[], storeId: number, since: number): void {
    const unknown = new Set(labels.map((l) => l.shipment_id).filter((id) => !this.shipments.has(id)));
    if (unknown.size <= PRIME_AFTER) return;
    const list = this.allPages<V2Shipment>('/v2/shipments', 'shipments', 'order list', {
      store_id: toV2Id(storeId),
      modified_at_start: iso(since),
      sort_by: 'modified_at',
      sort_dir: 'asc',
      page_size: PAGE_SIZE,
    });
    for (const s of list) this.shipments.set(s.shipment_id, s);
  }

  listFulfillments(query: ListFulfillmentsQuery): SsFulfillment[] {
    let list: V2Fulfillment[];
    if (query.orderNumber !== undefined) {
      const s = this.shipmentByExternalId(query.orderNumber);
      if (!s) return [];
      list = this.allPages<V2Fulfillment>('/v2/fulfillments', 'fulfillments', 'fulfillment list', { shipment_id: s.shipment_id, page_size: FULFILLMENT_PAGE_SIZE });
    } else {
      list = this.allPages<V2Fulfillment>('/v2/fulfillments', 'fulfillments', 'fulfillment list', {
        create_date_start: iso(query.createdSince ?? query.shipDateStart),
        sort_by: 'created_at',
        sort_dir: 'asc',
        page_size: FULFILLMENT_PAGE_SIZE,
      });
    }
    return list.map((f) => fulfillmentFromV2(f, f.shipment_id ? this.shipment(f.shipment_id) : undefined)).filter((f) => f.orderId);
  }

  // ---- creation, guarded ----

  private createBatch(batch: SsOrder[]): SsCreateOrderResult[] {
    const results: (SsCreateOrderResult | undefined)[] = batch.map(() => undefined);
    const bodies: { index: number; body: V2CreateShipment }[] = [];
    const shipFrom = batch.length ? this.shipFrom().address : undefined;
    batch.forEach((order, index) => {
      try {
        bodies.push({ index, body: toV2CreateShipment(order, shipFrom as V2Address) });
      } catch (e) {
        if (!(e instanceof V2MappingError)) throw e;
        results[index] = refused(order, e.message);
      }
    });
    if (bodies.length) this.send(batch, bodies, results, true);
    return results.map((r, i) => r ?? refused(batch[i], 'ShipStation did not report a result for this order.'));
  }

  private send(batch: SsOrder[], bodies: { index: number; body: V2CreateShipment }[], results: (SsCreateOrderResult | undefined)[], mayResend: boolean): void {
    let json: { shipments?: V2Shipment[] };
    try {
      json = this.call('POST', '/v2/shipments', undefined, { shipments: bodies.map((b) => b.body) }, 'order creation', false);
    } catch (e) {
      const unclear = e instanceof NetworkError || (e instanceof ApiError && e.status >= 500);
      const duplicate = e instanceof ApiError && e.status >= 400 && e.status < 500 && DUPLICATE.test(`${e.code ?? ''} ${e.message}`);
      if (!unclear && !duplicate) throw e;
      // Look before sending again: whatever exists is the order, not a reason for a second one.
      const left = bodies.filter((b) => !this.adoptExisting(batch[b.index], b.body.external_shipment_id, results, b.index));
      if (!left.length) return;
      if (left.length === bodies.length && (duplicate || !mayResend)) throw e;
      this.send(batch, left, results, false);
      return;
    }
    const answered = Array.isArray(json.shipments) ? json.shipments : [];
    for (const { index, body } of bodies) {
      const s = answered.find((x) => x.external_shipment_id === body.external_shipment_id);
      const errors = (s?.errors ?? []).filter(Boolean);
      if (s && toV1Number(s.shipment_id) && !errors.length) {
        this.shipments.set(s.shipment_id, s);
        results[index] = { orderId: toV1Number(s.shipment_id), orderNumber: s.shipment_number || body.external_shipment_id, orderKey: body.external_shipment_id, success: true, errorMessage: null };
      } else if (!this.adoptExisting(batch[index], body.external_shipment_id, results, index)) {
        results[index] = refused(batch[index], errors.length ? errors.join(' ') : 'ShipStation did not report a result for this order.');
      }
    }
  }

  /** The order already exists under its external ID: reported refused with its orderId, for the engine to adopt. */
  private adoptExisting(order: SsOrder, externalId: string, results: (SsCreateOrderResult | undefined)[], index: number): boolean {
    const existing = this.shipmentByExternalId(externalId);
    if (!existing || !toV1Number(existing.shipment_id)) return false;
    results[index] = {
      orderId: toV1Number(existing.shipment_id),
      orderNumber: existing.shipment_number || externalId,
      orderKey: externalId,
      success: false,
      errorMessage: `ShipStation already has an order for ${order.orderKey ?? externalId}.`,
    };
    return true;
  }

  // ---- cancel ----

  private cancelResult(order: SsOrder): SsCreateOrderResult {
    const base = { orderId: order.orderId ?? 0, orderNumber: order.orderNumber, orderKey: order.orderKey ?? '' };
    try {
      this.cancelShipment(order.orderId as number);
      return { ...base, success: true, errorMessage: null };
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 429) throw e;
      return { ...base, success: false, errorMessage: e.message };
    }
  }

  /**
   * V2's cancel: "Any label associated with the shipment needs to be voided first." Each label not
   * voided and not a return is voided (which also asks the carrier for a refund); a void ShipStation
   * does not approve stops the cancel. The engine never asks to cancel an order it reads as shipped
   * (label_purchased), so this voids only labels left on an open order. Whether cancel is
   * idempotent on a cancelled shipment is unknown: an already-cancelled one is not cancelled again.
   */
  private cancelShipment(orderId: number): void {
    const id = toV2Id(orderId);
    // The engine read the order just before asking (getOrder reads afresh): the run's copy is current.
    const current = this.shipment(id);
    if (!current) throw new ApiError('ShipStation', 404, `ShipStation has no order ${id}.`);
    if (current.shipment_status === 'cancelled') return;
    const labels = this.allPages<V2Label>('/v2/labels', 'labels', 'label list', { shipment_id: id, page_size: PAGE_SIZE });
    for (const l of labels) {
      if (l.voided || l.status === 'voided' || l.is_return_label) continue;
      const r = this.call<V2VoidResult>('PUT', `/v2/labels/${encodeURIComponent(l.label_id)}/void`, undefined, undefined, 'label void');
      if (!r.approved) {
        throw new ApiError('ShipStation', 400, `ShipStation did not void label ${l.tracking_number ?? l.label_id}${r.message ? `: ${r.message}` : ''}${r.reason_code ? ` (${r.reason_code})` : ''}; the order was not cancelled.`);
      }
    }
    this.call('PUT', `/v2/shipments/${encodeURIComponent(id)}/cancel`, undefined, undefined, 'order cancel');
    this.shipments.delete(id);
  }

  // ---- plumbing ----

  /** A shipment by ID, read once a run (fresh: read again). Undefined when V2 has none. */
  private shipment(id: string, fresh = false): V2Shipment | undefined {
    if (!fresh && this.shipments.has(id)) return this.shipments.get(id) ?? undefined;
    const s = this.getOrUndefined<V2Shipment>(`/v2/shipments/${encodeURIComponent(id)}`, 'order lookup');
    this.shipments.set(id, s ?? null);
    return s;
  }

  private shipmentByExternalId(externalId: string): V2Shipment | undefined {
    const s = this.getOrUndefined<V2Shipment>(`/v2/shipments/external_shipment_id/${encodeURIComponent(externalId)}`, 'order lookup');
    if (s) this.shipments.set(s.shipment_id, s);
    return s;
  }

  private getOrUndefined<T>(path: string, action: string): T | undefined {
    try {
      return this.call<T>('GET', path, undefined, undefined, action);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Page-number paging: `pages` is 0 when nothing matches; a page past the end is empty. */
  private allPages<T>(path: string, key: string, action: string, query: Query): T[] {
    const all: T[] = [];
    for (let page = 1; ; page++) {
      const json = this.call<Record<string, unknown>>('GET', path, { ...query, page }, undefined, action);
      const items = json[key];
      if (!Array.isArray(items)) {
        throw new ApiError('ShipStation', 200, `ShipStation ${action} answered without a "${key}" list; the next sync will try again.`);
      }
      all.push(...(items as T[]));
      const pages = typeof json.pages === 'number' ? json.pages : 1;
      if (page >= pages || items.length === 0) return all;
    }
  }

  private call<T>(method: Method, path: string, query: Query | undefined, body: unknown, action: string, idempotent = true): T {
    const response = sendWithRetry(
      {
        ...this.ctx,
        http: {
          send: (request) => {
            const wait = this.rateLimiter.waitBeforeNextMs();
            if (wait > 0) {
              if (!this.ctx.budget.canWait(wait)) {
                throw new ApiError('ShipStation', 429, `ShipStation ${action} postponed: the ${V2_REQUESTS_PER_MINUTE}-requests-a-minute limit is spent and this run has no time left to wait; the next sync will continue.`);
              }
              this.ctx.clock.sleep(wait);
            }
            const res = this.ctx.http.send(request);
            this.rateLimiter.record(res);
            return res;
          },
        },
      },
      {
        url: `${this.baseUrl}${path}${query ? queryString(query) : ''}`,
        method,
        headers: { 'API-Key': this.apiKey, Accept: 'application/json' },
        contentType: body === undefined ? undefined : 'application/json',
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { idempotent, retryAfterMs: (res: HttpResponse) => (res.status === 429 ? this.rateLimiter.retryAfterMs(res) : undefined) },
    );
    if (response.status < 200 || response.status > 299) throw describeShipStationV2Error(response.status, response.body, action);
    if (response.status === 204 || response.body.trim() === '') return undefined as T;
    const json = tryParseJson(response.body);
    if (json === undefined || json === null || typeof json !== 'object') {
      throw new ApiError('ShipStation', response.status, `ShipStation ${action} answered with something that is not JSON (HTTP ${response.status}); the next sync will try again.`);
    }
    return json as T;
  }
}

function iso(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}

function refused(order: SsOrder, message: string): SsCreateOrderResult {
  return { orderId: 0, orderNumber: order.orderNumber, orderKey: order.orderKey ?? '', success: false, errorMessage: message };
}
