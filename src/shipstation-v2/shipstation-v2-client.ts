import { ApiError, ConfigError } from '../core/errors';
import type { RetryContext } from '../core/http/send-with-retry';
import { CREATE_ORDERS_BATCH } from '../shipstation/shipstation-client';
import type { ListFulfillmentsQuery, ListOrdersQuery, ListShipmentsQuery, ShipStationPort, ShipStationSetupCheck } from '../shipstation/shipstation-port';
import type { SsCreateOrderResult, SsFulfillment, SsOrder, SsShipment, SsStore } from '../shipstation/shipstation-types';
import { createShipmentsGuarded } from './create-shipments-guarded';
import { fulfillmentFromV2, orderFromV2, shipmentFromV2 } from './map-v2';
import { ShipStationV2Http } from './shipstation-v2-http';
import type { V2Address, V2Fulfillment, V2Label, V2Shipment, V2VoidResult, V2Warehouse } from './shipstation-v2-types';
import { toV1Number, toV2Id } from './v2-ids';

export const SHIPSTATION_V2_BASE_URL = 'https://api.shipstation.com';
/** No maximum is documented for shipments and labels; 100 is the safe choice (shipstation-v2.md §10). */
const PAGE_SIZE = 100;
/** /v2/fulfillments documents a maximum of 500. */
const FULFILLMENT_PAGE_SIZE = 500;
/** Above this many unknown shipments, labels are matched through one paged shipment list first. */
const PRIME_AFTER = 3;

/**
 * ShipStation API V2 (https://api.shipstation.com) behind the engine's ShipStation role, in V1's
 * shapes (see shipstation-port.ts). One `API-Key` header; 200 requests a minute per account with
 * Retry-After on 429; ISO 8601 dates; page-number paging.
 *
 * No upsert: creation is guarded by looking the DSCO order ID up as external_shipment_id before
 * any resend (create-shipments-guarded.ts).
 */
export class ShipStationV2Client implements ShipStationPort {
  readonly apiVersion = 'V2';
  private readonly http: ShipStationV2Http;
  private warehouses: V2Warehouse[] | undefined;
  private readonly shipments = new Map<string, V2Shipment | null>();

  constructor(ctx: RetryContext, baseUrl: string, apiKey: string) {
    this.http = new ShipStationV2Http(ctx, baseUrl, apiKey);
  }

  // ---- stores and warehouses ----

  /** V2 has no stores endpoint: the stores seen on the account's latest 100 shipments. */
  listStores(): SsStore[] {
    const json = this.http.call<{ shipments?: V2Shipment[] }>('GET', '/v2/shipments', { sort_by: 'created_at', sort_dir: 'desc', page: 1, page_size: PAGE_SIZE }, undefined, 'shipment list');
    const ids = new Set((json.shipments ?? []).map((s) => toV1Number(s.store_id)).filter((n) => n > 0));
    return [...ids].sort((a, b) => a - b).map((storeId) => ({ storeId, storeName: `Store ${storeId} (seen on recent orders)`, marketplaceName: '' }));
  }

  listWarehouses(): V2Warehouse[] {
    this.warehouses ??= this.http.call<{ warehouses?: V2Warehouse[] }>('GET', '/v2/warehouses', undefined, undefined, 'warehouse list').warehouses ?? [];
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
      // An account setting, not an order's fault: the sync stops with this message (no Error rows) until it is fixed.
      throw new ConfigError(
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
      const created = createShipmentsGuarded(batch, () => this.shipFrom().address, {
        post: (shipments) => this.http.call('POST', '/v2/shipments', undefined, { shipments }, 'order creation', false),
        lookup: (externalId) => this.shipmentByExternalId(externalId),
        remember: (shipment) => this.shipments.set(shipment.shipment_id, shipment),
      });
      created.forEach((r, j) => results.set(batch[j], r));
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
    return this.http.allPages<V2Shipment>('/v2/shipments', 'shipments', 'order list', {
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
      labels = this.http.allPages<V2Label>('/v2/labels', 'labels', 'label list', { shipment_id: s.shipment_id, page_size: PAGE_SIZE });
    } else {
      const since = query.createdSince ?? query.shipDateStart;
      labels = this.http.allPages<V2Label>('/v2/labels', 'labels', 'label list', { created_at_start: iso(since), sort_by: 'created_at', sort_dir: 'asc', page_size: PAGE_SIZE });
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
    const list = this.http.allPages<V2Shipment>('/v2/shipments', 'shipments', 'order list', {
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
      list = this.http.allPages<V2Fulfillment>('/v2/fulfillments', 'fulfillments', 'fulfillment list', { shipment_id: s.shipment_id, page_size: FULFILLMENT_PAGE_SIZE });
    } else {
      list = this.http.allPages<V2Fulfillment>('/v2/fulfillments', 'fulfillments', 'fulfillment list', {
        create_date_start: iso(query.createdSince ?? query.shipDateStart),
        sort_by: 'created_at',
        sort_dir: 'asc',
        page_size: FULFILLMENT_PAGE_SIZE,
      });
    }
    return list.map((f) => fulfillmentFromV2(f, f.shipment_id ? this.shipment(f.shipment_id) : undefined)).filter((f) => f.orderId);
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
    const labels = this.http.allPages<V2Label>('/v2/labels', 'labels', 'label list', { shipment_id: id, page_size: PAGE_SIZE });
    for (const l of labels) {
      if (l.voided || l.status === 'voided' || l.is_return_label) continue;
      const r = this.http.call<V2VoidResult>('PUT', `/v2/labels/${encodeURIComponent(l.label_id)}/void`, undefined, undefined, 'label void');
      if (!r.approved) {
        throw new ApiError('ShipStation', 400, `ShipStation did not void label ${l.tracking_number ?? l.label_id}${r.message ? `: ${r.message}` : ''}${r.reason_code ? ` (${r.reason_code})` : ''}; the order was not cancelled.`);
      }
    }
    this.http.call('PUT', `/v2/shipments/${encodeURIComponent(id)}/cancel`, undefined, undefined, 'order cancel');
    this.shipments.delete(id);
  }

  // ---- plumbing ----

  /** A shipment by ID, read once a run (fresh: read again). Undefined when V2 has none. */
  private shipment(id: string, fresh = false): V2Shipment | undefined {
    if (!fresh && this.shipments.has(id)) return this.shipments.get(id) ?? undefined;
    const s = this.http.getOrUndefined<V2Shipment>(`/v2/shipments/${encodeURIComponent(id)}`, 'order lookup');
    this.shipments.set(id, s ?? null);
    return s;
  }

  private shipmentByExternalId(externalId: string): V2Shipment | undefined {
    const s = this.http.getOrUndefined<V2Shipment>(`/v2/shipments/external_shipment_id/${encodeURIComponent(externalId)}`, 'order lookup');
    if (s) this.shipments.set(s.shipment_id, s);
    return s;
  }
}

function iso(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}

