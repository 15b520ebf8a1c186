import { ApiError } from '../core/errors';
import type { RetryContext } from '../core/http/send-with-retry';
import { sendPaced } from '../core/http/paced-send';
import { base64EncodeUtf8 } from '../core/text/base64';
import { queryString } from '../core/text/form-encode';
import { tryParseJson } from '../core/text/parse-json';
import { toPacificDate, toPacificLocal } from '../core/time/pacific-time';
import { describeShipStationError } from './describe-shipstation-error';
import { ShipStationRateLimiter } from './shipstation-rate-limiter';
import type { ListFulfillmentsQuery, ListOrdersQuery, ListShipmentsQuery, ShipStationPort } from './shipstation-port';
import type { SsCreateOrderResult, SsFulfillment, SsOrder, SsShipment, SsStore } from './shipstation-types';

export type { ListFulfillmentsQuery, ListOrdersQuery, ListShipmentsQuery } from './shipstation-port';

export const SHIPSTATION_BASE_URL = 'https://ssapi.shipstation.com';
/** `POST /orders/createorders` takes at most 100 orders. */
export const CREATE_ORDERS_BATCH = 100;
/** List endpoints accept pageSize up to 500: one list call covers this many orders. */
export const LIST_PAGE_SIZE = 500;
const PAGE_SIZE = LIST_PAGE_SIZE;

export interface ShipStationCredentials {
  apiKey: string;
  apiSecret: string;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * ShipStation V1 (https://ssapi.shipstation.com): HTTP Basic auth with the API key and secret,
 * paced to the per-key rate limit, retries on 429 and 5xx inside the time budget. Creating orders
 * is an upsert by orderKey, so it is safe to retry.
 */
export class ShipStationClient implements ShipStationPort {
  readonly apiVersion = 'V1';
  private readonly authorization: string;
  /** Removed from any error body before it is quoted. */
  private readonly secrets: string[];
  readonly rateLimiter: ShipStationRateLimiter;

  constructor(
    private readonly ctx: RetryContext,
    private readonly baseUrl: string,
    credentials: ShipStationCredentials,
  ) {
    this.authorization = `Basic ${base64EncodeUtf8(`${credentials.apiKey}:${credentials.apiSecret}`)}`;
    this.secrets = [credentials.apiKey, credentials.apiSecret];
    this.rateLimiter = new ShipStationRateLimiter(ctx.clock);
  }

  listStores(includeInactive = false): SsStore[] {
    return this.call<SsStore[]>('GET', '/stores', { showInactive: includeInactive || undefined }, undefined, 'store list');
  }

  /**
   * `POST /orders/createorders` in batches of at most 100. Returns one result per order, in the
   * order given. A batch the server rejects as a whole throws; per-order failures come back as
   * `success: false` with ShipStation's errorMessage.
   */
  createOrders(orders: SsOrder[]): SsCreateOrderResult[] {
    const results: SsCreateOrderResult[] = [];
    for (let i = 0; i < orders.length; i += CREATE_ORDERS_BATCH) {
      const batch = orders.slice(i, i + CREATE_ORDERS_BATCH);
      const json = this.call<{ hasErrors?: boolean; results?: SsCreateOrderResult[] }>(
        'POST',
        '/orders/createorders',
        undefined,
        batch,
        'order creation',
      );
      const batchResults = Array.isArray(json.results) ? json.results : [];
      for (const order of batch) {
        const match = batchResults.find((r) => r.orderKey === order.orderKey) ?? batchResults.find((r) => r.orderNumber === order.orderNumber);
        results.push(
          match ?? {
            orderId: 0,
            orderNumber: order.orderNumber,
            orderKey: order.orderKey ?? '',
            success: false,
            errorMessage: 'ShipStation did not report a result for this order.',
          },
        );
      }
    }
    return results;
  }

  /** `POST /orders/createorder`: create or update one order (upsert by orderKey). */
  createOrder(order: SsOrder): SsOrder {
    return this.call<SsOrder>('POST', '/orders/createorder', undefined, order, 'order update');
  }

  getOrder(orderId: number): SsOrder | undefined {
    try {
      return this.call<SsOrder>('GET', `/orders/${encodeURIComponent(String(orderId))}`, undefined, undefined, 'order lookup');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  listOrders(query: ListOrdersQuery): SsOrder[] {
    const until = query.oldestFirstUntil;
    return this.allPages<SsOrder>(
      '/orders',
      'orders',
      'order list',
      {
        storeId: query.storeId,
        orderStatus: query.orderStatus,
        orderNumber: query.orderNumber,
        modifyDateStart: query.modifiedSince === undefined ? undefined : toPacificLocal(query.modifiedSince),
        ...(until === undefined ? {} : { sortBy: 'CreateDate', sortDir: 'ASC' }),
      },
      until,
    );
  }

  listShipments(query: ListShipmentsQuery): SsShipment[] {
    return this.allPages<SsShipment>('/shipments', 'shipments', 'shipment list', {
      storeId: query.storeId,
      orderNumber: query.orderNumber,
      shipDateStart: query.shipDateStart === undefined ? undefined : toPacificDate(query.shipDateStart),
      createDateStart: query.createdSince === undefined ? undefined : toPacificLocal(query.createdSince),
      includeShipmentItems: query.includeShipmentItems ? true : undefined,
    });
  }

  listFulfillments(query: ListFulfillmentsQuery): SsFulfillment[] {
    return this.allPages<SsFulfillment>('/fulfillments', 'fulfillments', 'fulfillment list', {
      orderNumber: query.orderNumber,
      shipDateStart: query.shipDateStart === undefined ? undefined : toPacificDate(query.shipDateStart),
      createDateStart: query.createdSince === undefined ? undefined : toPacificLocal(query.createdSince),
    });
  }

  /** Every page, or up to the first after which `enough(page)` says no more is needed. */
  private allPages<T>(path: string, key: string, action: string, query: Query, enough?: (page: T[]) => boolean): T[] {
    const all: T[] = [];
    for (let page = 1; ; page++) {
      const json = this.call<Record<string, unknown>>('GET', path, { ...query, page, pageSize: PAGE_SIZE }, undefined, action);
      const items = json[key];
      if (!Array.isArray(items)) {
        throw new ApiError('ShipStation', 200, `ShipStation ${action} answered without a "${key}" list; the next sync will try again.`);
      }
      all.push(...(items as T[]));
      const pages = typeof json.pages === 'number' ? json.pages : 1;
      if (page >= pages || items.length === 0 || enough?.(items as T[])) return all;
    }
  }

  private call<T>(method: 'GET' | 'POST', path: string, query: Query | undefined, body: unknown, action: string): T {
    const response = sendPaced(
      this.ctx,
      this.rateLimiter,
      'ShipStation',
      '40-requests-a-minute',
      action,
      {
        url: `${this.baseUrl}${path}${query ? queryString(query) : ''}`,
        method,
        headers: { Authorization: this.authorization, Accept: 'application/json' },
        contentType: body === undefined ? undefined : 'application/json',
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      true,
    );
    if (response.status < 200 || response.status > 299) throw describeShipStationError(response.status, response.body, action, this.secrets);
    const json = tryParseJson(response.body);
    if (json === undefined || json === null || typeof json !== 'object') {
      throw new ApiError('ShipStation', response.status, `ShipStation ${action} answered with something that is not JSON (HTTP ${response.status}); the next sync will try again.`);
    }
    return json as T;
  }
}
