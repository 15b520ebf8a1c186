import { ApiError } from '../core/errors';
import { sendWithRetry, type RetryContext } from '../core/http/send-with-retry';
import type { HttpResponse } from '../core/ports/http-port';
import { queryString } from '../core/text/form-encode';
import { tryParseJson } from '../core/text/parse-json';
import { describeDscoError } from './describe-dsco-error';
import type { DscoInventoryItem } from './dsco-inventory-types';
import type { DscoInvoice } from './dsco-invoice-types';
import type { DscoTokenProvider } from './dsco-token-provider';
import type {
  DscoAcknowledgeItem,
  DscoChangeLog,
  DscoChangeLogEntry,
  DscoOrder,
  DscoOrderForCancel,
  DscoOrderQuery,
  DscoShipmentsForUpdate,
  DscoUpdateResponse,
} from './dsco-types';

type Query = Record<string, string | number | boolean | string[] | undefined>;

/**
 * DSCO Platform API v3, supplier side (contract: dsco-api-v3.yaml). Every call is synchronous,
 * as UrlFetchApp is; 408/429/5xx are retried with exponential backoff inside the run's time budget,
 * and a 401 fetches a new token once.
 */
export class DscoClient {
  constructor(
    private readonly ctx: RetryContext,
    private readonly baseUrl: string,
    private readonly tokens: DscoTokenProvider,
  ) {}

  /** GET /hello: `{"hello":"World!"}` when the token works. */
  hello(): string {
    const json = this.call<{ hello?: string }>('GET', '/hello', undefined, undefined, true, 'connection test');
    return json.hello ?? '';
  }

  /**
   * GET /order/page, scroll-paged until DSCO returns an empty page. `onPage` sees each page as it
   * arrives; returning false stops early (for example when the run's time budget is spent).
   * A page that expired between calls (404) ends the scroll with an ApiError.
   */
  forEachOrderPage(query: DscoOrderQuery, onPage: (orders: DscoOrder[]) => boolean | void): void {
    if (!query.createdSince === !query.updatedSince) {
      throw new Error('DSCO order search needs exactly one of createdSince or updatedSince');
    }
    let scrollId: string | undefined;
    for (;;) {
      const params: Query = scrollId
        ? { scrollId }
        : {
            ordersCreatedSince: query.createdSince,
            ordersUpdatedSince: query.updatedSince,
            until: query.until,
            status: query.statuses,
            includeTestOrders: query.includeTestOrders ? true : undefined,
            ordersPerPage: query.ordersPerPage,
          };
      const page = this.call<{ scrollId?: string; orders?: DscoOrder[] }>('GET', '/order/page', params, undefined, true, 'order search');
      const orders = Array.isArray(page.orders) ? page.orders : [];
      if (orders.length === 0) return;
      if (onPage(orders) === false) return;
      if (!page.scrollId) return; // a single page with no scroll: nothing more to read
      scrollId = page.scrollId;
    }
  }

  /** Every order matching the query, all pages. */
  listOrders(query: DscoOrderQuery): DscoOrder[] {
    const all: DscoOrder[] = [];
    this.forEachOrderPage(query, (orders) => {
      all.push(...orders);
    });
    return all;
  }

  /**
   * POST /order/acknowledge (asynchronous, 202). DSCO applies it later; read the outcome with
   * getChangeLog(requestId). Acknowledging twice is harmless, so it is retried like a read.
   */
  acknowledge(items: DscoAcknowledgeItem[]): DscoUpdateResponse {
    return this.call<DscoUpdateResponse>('POST', '/order/acknowledge', undefined, items, true, 'acknowledgement');
  }

  /** GET /order/log?requestId=: what DSCO did with each object of an asynchronous request. */
  getChangeLog(requestId: string, action = 'acknowledgement check (order change log)'): DscoChangeLog {
    return this.readChangeLog({ requestId }, action);
  }

  /**
   * GET /order/log?startDate=&endDate=: every change logged in the window (start inclusive, end
   * exclusive), whatever request it came from. Used to find the outcome of a request whose answer
   * (and so its requestId) was lost.
   */
  getChangeLogBetween(startDate: string, endDate: string, action = 'shipment check (order change log)'): DscoChangeLog {
    return this.readChangeLog({ startDate, endDate }, action);
  }

  /**
   * POST /inventory/batch/small (asynchronous, 202 + requestId; body up to 5 MB). DSCO applies the
   * quantities later and reports each item in getInventoryLog(requestId). Quantities are absolute,
   * so sending the same items again is harmless: it is retried like a read.
   */
  updateInventory(items: DscoInventoryItem[]): DscoUpdateResponse {
    return this.call<DscoUpdateResponse>('POST', '/inventory/batch/small', undefined, items, true, 'inventory update');
  }

  /** GET /inventory/log?requestId=: what DSCO did with each item of an inventory update. */
  getInventoryLog(requestId: string): DscoChangeLog {
    return this.readChangeLog({ requestId }, 'inventory check (inventory change log)', '/inventory/log');
  }

  private readChangeLog(query: Query, action: string, path = '/order/log'): DscoChangeLog {
    const logs: DscoChangeLogEntry[] = [];
    let status: DscoChangeLog['status'];
    let scrollId: string | undefined;
    for (let first = true; ; first = false) {
      const page = this.call<{ scrollId?: string; status?: DscoChangeLog['status']; logs?: DscoChangeLogEntry[] }>(
        'GET',
        path,
        scrollId ? { scrollId } : query,
        undefined,
        true,
        action,
      );
      if (first) status = page.status;
      const entries = Array.isArray(page.logs) ? page.logs : [];
      logs.push(...entries);
      if (!page.scrollId || entries.length === 0) break;
      scrollId = page.scrollId;
    }
    return { status, logs };
  }

  /**
   * POST /order/singleShipment (synchronous, 201). Not idempotent as far as DSCO documents, so a
   * 5xx or a network failure is not retried here: the caller must check the order before resending.
   */
  singleShipment(body: DscoShipmentsForUpdate): void {
    this.call<unknown>('POST', '/order/singleShipment', undefined, body, false, 'shipment');
  }

  /**
   * POST /order/shipment/batch/small (asynchronous, 202 + requestId): shipments for many orders in
   * one call, body up to 5 MB. DSCO applies them later and reports each object in
   * getChangeLog(requestId); a 202 does not mean DSCO accepted them. Like singleShipment it is not
   * retried after a 5xx or a network failure: the caller must find out whether it arrived.
   */
  createShipmentSmallBatch(items: DscoShipmentsForUpdate[]): DscoUpdateResponse {
    return this.call<DscoUpdateResponse>('POST', '/order/shipment/batch/small', undefined, items, false, 'shipment batch');
  }

  /**
   * POST /order/item/cancel: cancels quantities of order lines with a cancel code. DSCO answers 200
   * (processed) or 202 (submitted; confirm in getChangeLog). Not retried after a 5xx or a network
   * failure: the cancel may have landed, and a resend is refused for exceeding the open quantity,
   * so the caller reads the order (getOrder) first.
   */
  cancelItems(body: DscoOrderForCancel): DscoUpdateResponse {
    return this.call<DscoUpdateResponse>('POST', '/order/item/cancel', undefined, body, false, 'line cancellation');
  }

  /**
   * POST /order/item/cancel/batch/small: line cancellations of many orders in one call (the body up
   * to 5 MB), applied asynchronously: 202 and a requestId whose change log gives each order's
   * outcome. Not retried after a 5xx or a network failure (it may have landed): the caller reads
   * the orders before anything is sent again.
   */
  cancelItemsSmallBatch(orders: DscoOrderForCancel[]): DscoUpdateResponse {
    return this.call<DscoUpdateResponse>('POST', '/order/item/cancel/batch/small', undefined, orders, false, 'cancellation batch');
  }

  /**
   * GET /order/?orderKey=dscoOrderId&value=…: one order as DSCO has it now (rate limit 500 a minute).
   * undefined when DSCO answers 404 (not found, or not yet visible: notes dsco-api.md §2b).
   */
  getOrder(dscoOrderId: string): DscoOrder | undefined {
    try {
      return this.call<DscoOrder>('GET', '/order/', { orderKey: 'dscoOrderId', value: dscoOrderId }, undefined, true, 'order lookup');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /**
   * POST /invoice (synchronous: 201 means DSCO created the invoice). Not retried after a 5xx or a
   * network failure: DSCO refuses a reused invoice ID and an invoice cannot be edited, so after a
   * lost answer the caller looks the invoice up (findInvoices) before sending it again.
   */
  createInvoice(invoice: DscoInvoice): void {
    this.call<unknown>('POST', '/invoice', undefined, invoice, false, 'invoice');
  }

  /**
   * GET /invoice?key=invoiceId&value=…: the invoices DSCO holds under this invoice ID. An invoice
   * shows here only once DSCO's post-processing is done (spec), so an empty answer right after a
   * lost one is not proof it never arrived. A 404 reads as none (the empty answer's shape is not documented).
   */
  findInvoices(invoiceId: string): DscoInvoice[] {
    try {
      const json = this.call<{ invoices?: DscoInvoice[] }>('GET', '/invoice', { key: 'invoiceId', value: invoiceId }, undefined, true, 'invoice lookup');
      return Array.isArray(json.invoices) ? json.invoices : [];
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return [];
      throw e;
    }
  }

  private call<T>(method: 'GET' | 'POST', path: string, query: Query | undefined, body: unknown, idempotent: boolean, action: string): T {
    let response = this.send(method, path, query, body, idempotent);
    if (response.status === 401) {
      // The token expired or was revoked: DSCO's documented remedy is a new token, once.
      this.tokens.invalidate();
      response = this.send(method, path, query, body, idempotent);
    }
    if (response.status < 200 || response.status > 299) {
      if (response.status === 404 && (path === '/order/page' || path.endsWith('/log')) && query && 'scrollId' in query) {
        throw new ApiError('DSCO', 404, `DSCO ${action} failed: the next page of results expired before it was read (DSCO keeps pages 5 minutes). The next sync starts the search again.`);
      }
      throw describeDscoError(response.status, response.body, action, this.tokens.secrets());
    }
    if (response.body.trim() === '') return {} as T;
    const json = tryParseJson(response.body);
    if (json === undefined || typeof json !== 'object' || json === null) {
      throw new ApiError('DSCO', response.status, `DSCO ${action} answered with something that is not JSON (HTTP ${response.status}); the next sync will try again.`);
    }
    return json as T;
  }

  private send(method: 'GET' | 'POST', path: string, query: Query | undefined, body: unknown, idempotent: boolean): HttpResponse {
    const token = this.tokens.getToken();
    return sendWithRetry(
      this.ctx,
      {
        url: `${this.baseUrl}${path}${query ? queryString(query) : ''}`,
        method,
        headers: { Authorization: `bearer ${token}`, Accept: 'application/json' },
        contentType: body === undefined ? undefined : 'application/json',
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { idempotent, retryAfterMs: retryAfterHeader },
    );
  }
}

/** DSCO does not document Retry-After on 429 ([unknown] in the notes); honour it if present. */
function retryAfterHeader(response: HttpResponse): number | undefined {
  const value = response.headers['retry-after'];
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
