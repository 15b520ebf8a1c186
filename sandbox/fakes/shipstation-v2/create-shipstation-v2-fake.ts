import { randomUUID } from 'node:crypto';
import { fromPacificLocal, toPacificDate } from '../../../src/core/time/pacific-time';
import { validateSsV2Request, validateSsV2Response } from '../../contract/shipstation-v2-contract';
import type { SimClock } from '../../clock';
import { jsonResponse, type FakeHandler, type FakeHttpRequest, type FakeHttpResponse } from '../../http';
import type { SsFault } from '../shipstation/ss-faults';
import { createFaultQueue } from '../shipstation/ss-faults';

/**
 * A stateful ShipStation API V2 (https://api.shipstation.com) for tests: shipments (V1 orders), labels,
 * fulfillments and warehouses, per the V2 spec and shipstation-v2.md. Every request and response is checked
 * against the schemas extracted from the spec (sandbox/contract/shipstation-v2-schemas.json): a request that breaks
 * the contract is refused with 400 and listed in `violations`, as is any response of the fake that does not match.
 * Where the spec and the notes leave behaviour unknown, the fake does the strictest plausible thing; each such
 * place says [unknown].
 */
export const DEFAULT_V2_API_KEY = 'ss-v2-test-api-key';
export const V2_RATE_LIMIT_PER_MINUTE = 200;

type Json = Record<string, unknown>;

export interface V2FakeShipment extends Json {
  shipment_id: string;
  external_shipment_id?: string;
  shipment_number: string;
  shipment_status: 'pending' | 'processing' | 'label_purchased' | 'cancelled';
  store_id?: string;
  created_at: string;
  modified_at: string;
  ship_to: Json;
  items: Json[];
}

export interface V2FakeLabel extends Json {
  label_id: string;
  shipment_id: string;
  status: 'completed' | 'voided';
  tracking_number: string;
  carrier_code: string;
  service_code: string;
  created_at: string;
  ship_date: string;
  voided: boolean;
  voided_at?: string;
  is_return_label: boolean;
  packages: Json[];
}

export interface V2FakeFulfillment extends Json {
  fulfillment_id: string;
  shipment_id: string;
  shipment_number: string;
  tracking_number: string;
  created_at: string;
  ship_date: string;
  voided: boolean;
  fulfillment_carrier_friendly_name: string;
}

export interface V2LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface ShipStationV2Fake {
  handle: FakeHandler;
  shipments: Map<string, V2FakeShipment>;
  labels: V2FakeLabel[];
  fulfillments: V2FakeFulfillment[];
  warehouses: Json[];
  requests: V2LoggedRequest[];
  /** Contract violations seen, as "METHOD /path: violation". */
  violations: string[];
  byExternalId(id: string): V2FakeShipment | undefined;
  /** A person buys a label in ShipStation (one tracking number per package; the first is the label's). */
  buyLabel(shipmentId: string, l: { trackingNumber: string; carrierCode: string; serviceCode: string; extraPackages?: string[]; isReturn?: boolean }): V2FakeLabel;
  voidLabel(labelId: string): void;
  /** A person cancels the order in ShipStation's UI. */
  cancelInUi(shipmentId: string): void;
  /** A person marks the order shipped without a label (a fulfillment). */
  markShipped(shipmentId: string, f: { trackingNumber: string; carrierFriendlyName: string }): V2FakeFulfillment;
  faults: { enqueue(f: SsFault): void; clear(): void; pending(): number };
}

export interface ShipStationV2FakeOptions {
  clock: SimClock;
  apiKey?: string;
  /** Store IDs that exist in the account (V2 cannot list them; create refuses others). */
  storeIds?: number[];
  rateLimitPerMinute?: number;
  /** Warehouses (ship-from locations); default one, the default. */
  warehouses?: Json[];
}

class V2HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = 'validation',
  ) {
    super(message);
  }
}

const ORIGIN = {
  name: 'Acme Warehouse',
  phone: '512-555-0100',
  company_name: 'Acme Dropship',
  address_line1: '4009 Marathon Blvd',
  city_locality: 'Austin',
  state_province: 'TX',
  postal_code: '78756',
  country_code: 'US',
  address_residential_indicator: 'no',
};

export function createShipStationV2Fake(opts: ShipStationV2FakeOptions): ShipStationV2Fake {
  const { clock } = opts;
  const apiKey = opts.apiKey ?? DEFAULT_V2_API_KEY;
  const storeIds = new Set(opts.storeIds ?? [22766]);
  const limit = opts.rateLimitPerMinute ?? V2_RATE_LIMIT_PER_MINUTE;
  const shipments = new Map<string, V2FakeShipment>();
  const labels: V2FakeLabel[] = [];
  const fulfillments: V2FakeFulfillment[] = [];
  const warehouses: Json[] = opts.warehouses ?? [
    { warehouse_id: 'se-501', is_default: true, name: 'Main', created_at: new Date(clock.now()).toISOString(), origin_address: ORIGIN, return_address: ORIGIN },
  ];
  const requests: V2LoggedRequest[] = [];
  const violations: string[] = [];
  const faults = createFaultQueue();
  const sent: number[] = [];
  let nextId = 7_000_001;

  const now = () => new Date(clock.now()).toISOString();
  /** Label and fulfillment ship dates as observed: Pacific midnight in UTC ("…T07:00:00Z" / "…T08:00:00Z"). */
  const shipDate = () => new Date(fromPacificLocal(toPacificDate(clock.now()))).toISOString().replace('.000Z', 'Z');
  const touch = (s: V2FakeShipment, status?: V2FakeShipment['shipment_status']) => {
    if (status) s.shipment_status = status;
    s.modified_at = now();
  };
  const shipment = (id: string): V2FakeShipment => {
    const s = shipments.get(id);
    if (!s) throw new V2HttpError(404, 'invalid_identifier', `shipment_id ${id} was not found.`);
    return s;
  };
  const activeLabels = (id: string) => labels.filter((l) => l.shipment_id === id && !l.voided && !l.is_return_label);

  function paged<T>(key: string, all: T[], q: Record<string, string>, path: string, defaultSize = 25, minPages = 0): Json {
    const size = Number(q.page_size ?? defaultSize);
    const page = Number(q.page ?? 1);
    const pages = Math.max(minPages, Math.ceil(all.length / size));
    const link = (p: number) => ({ href: `https://api.shipstation.com${path}?page=${p}&page_size=${size}` });
    return {
      [key]: all.slice((page - 1) * size, page * size),
      total: all.length,
      page,
      pages,
      links: { first: link(1), last: link(Math.max(1, pages)), prev: page > 1 ? link(page - 1) : {}, next: page < pages ? link(page + 1) : {} },
    };
  }

  function sortBy<T extends Json>(list: T[], field: string, dir: string | undefined, defaultDir: 'asc' | 'desc'): T[] {
    const sign = (dir ?? defaultDir) === 'asc' ? 1 : -1;
    return [...list].sort((a, b) => sign * (Date.parse(String(a[field])) - Date.parse(String(b[field]))));
  }

  const since = (value: unknown, start: string | undefined) => start === undefined || Date.parse(String(value)) >= Date.parse(start);

  function createShipments(body: Json): Json {
    const list = (body.shipments as Json[]) ?? [];
    const ids = list.map((s) => String(s.external_shipment_id ?? ''));
    // [unknown] the form of V2's duplicate refusal; strictest: the whole request is refused, nothing is created.
    const dup = ids.find((id, i) => id && ([...shipments.values()].some((s) => s.external_shipment_id === id) || ids.indexOf(id) !== i));
    if (dup) throw new V2HttpError(400, 'identifier_conflict', `A shipment with external_shipment_id '${dup}' already exists.`, 'business_rules');
    const out = list.map((req) => {
      const errors: string[] = [];
      // [unknown] whether store_id is required and in which form; strictest: required, plain digits of a store of the account.
      const store = String(req.store_id ?? '');
      if (!/^\d+$/.test(store) || !storeIds.has(Number(store))) errors.push(`store_id '${store}' is not a store of this account.`);
      if (!req.ship_from) errors.push('Either ship_from or warehouse_id must be set.');
      if (!req.external_shipment_id) errors.push('external_shipment_id is required by this integration.');
      const id = `se-${nextId++}`;
      const base: Json = {
        shipment_id: id,
        shipment_status: 'pending',
        created_at: now(),
        modified_at: now(),
        ship_to: req.ship_to,
        ship_from: req.ship_from,
        return_to: req.ship_from,
        confirmation: 'none',
        advanced_options: {},
        insurance_provider: 'none',
        tags: [],
        packages: [{ weight: { value: 16, unit: 'ounce' } }],
        total_weight: { value: 16, unit: 'ounce' },
        items: req.items ?? [],
      };
      if (errors.length) return { ...base, shipment_id: 'se-0', errors };
      const created: V2FakeShipment = {
        ...base,
        shipment_id: id,
        external_shipment_id: String(req.external_shipment_id),
        shipment_number: String(nextId - 1),
        store_id: `se-${store}`,
        shipment_status: 'pending',
        created_at: now(),
        modified_at: now(),
        ship_to: req.ship_to as Json,
        items: (req.items as Json[]) ?? [],
      };
      for (const k of ['notes_from_buyer', 'notes_for_gift', 'is_gift'] as const) if (req[k] !== undefined) created[k] = req[k];
      shipments.set(id, created);
      return { ...structuredClone(created), errors: [] };
    });
    return { has_errors: out.some((s) => (s.errors as string[]).length > 0), shipments: out };
  }

  function voidLabel(labelId: string): Json {
    const l = labels.find((x) => x.label_id === labelId);
    if (!l) throw new V2HttpError(404, 'invalid_identifier', `label_id ${labelId} was not found.`);
    if (l.voided) return { approved: false, message: 'This label has already been voided.', reason_code: 'label_already_voided' };
    l.voided = true;
    l.status = 'voided';
    l.voided_at = now();
    const s = shipments.get(l.shipment_id);
    // [unknown] the shipment's status after its only label is voided; assumed back to pending (it can get a new label, D11).
    if (s && s.shipment_status === 'label_purchased' && activeLabels(s.shipment_id).length === 0) touch(s, 'pending');
    return { approved: true, message: 'Request for refund submitted. This label has been voided.' };
  }

  type Handler = (m: RegExpExecArray, q: Record<string, string>, body: unknown) => { status: number; body?: unknown };
  const routes: { pattern: RegExp; method: string; fn: Handler }[] = [
    {
      pattern: /^\/v2\/shipments$/,
      method: 'GET',
      fn: (_m, q) => {
        let list = [...shipments.values()].filter(
          (s) =>
            (!q.shipment_status || s.shipment_status === q.shipment_status) &&
            (!q.store_id || s.store_id === q.store_id) &&
            (!q.external_shipment_id || s.external_shipment_id === q.external_shipment_id) &&
            since(s.modified_at, q.modified_at_start) &&
            since(s.created_at, q.created_at_start),
        );
        list = sortBy(list, q.sort_by ?? 'created_at', q.sort_dir, 'desc');
        // list_shipments_response_body says pages ≥ 1 (paged lists elsewhere allow 0).
        return { status: 200, body: paged('shipments', list, q, '/v2/shipments', 25, 1) };
      },
    },
    { pattern: /^\/v2\/shipments$/, method: 'POST', fn: (_m, _q, body) => ({ status: 200, body: createShipments(body as Json) }) },
    {
      pattern: /^\/v2\/shipments\/external_shipment_id\/([^/]+)$/,
      method: 'GET',
      fn: (m) => {
        const id = decodeURIComponent(m[1]);
        const s = [...shipments.values()].find((x) => x.external_shipment_id === id);
        if (!s) throw new V2HttpError(404, 'invalid_identifier', `external_shipment_id ${id} was not found.`);
        return { status: 200, body: s };
      },
    },
    {
      pattern: /^\/v2\/shipments\/([^/]+)\/cancel$/,
      method: 'PUT',
      fn: (m) => {
        const s = shipment(decodeURIComponent(m[1]));
        if (activeLabels(s.shipment_id).length) throw new V2HttpError(400, 'invalid_status', 'Any label associated with the shipment needs to be voided first.', 'business_rules');
        // [unknown] whether cancel is idempotent; strictest: a cancelled shipment cannot be cancelled again.
        if (s.shipment_status === 'cancelled') throw new V2HttpError(400, 'invalid_status', 'The shipment is already cancelled.', 'business_rules');
        touch(s, 'cancelled');
        return { status: 204 };
      },
    },
    { pattern: /^\/v2\/shipments\/([^/]+)$/, method: 'GET', fn: (m) => ({ status: 200, body: shipment(decodeURIComponent(m[1])) }) },
    {
      pattern: /^\/v2\/labels$/,
      method: 'GET',
      fn: (_m, q) => {
        let list = labels.filter(
          (l) => (!q.label_status || l.status === q.label_status) && (!q.shipment_id || l.shipment_id === q.shipment_id) && since(l.created_at, q.created_at_start),
        );
        list = sortBy(list, q.sort_by ?? 'created_at', q.sort_dir, 'desc');
        return { status: 200, body: paged('labels', list, q, '/v2/labels') };
      },
    },
    { pattern: /^\/v2\/labels\/([^/]+)\/void$/, method: 'PUT', fn: (m) => ({ status: 200, body: voidLabel(decodeURIComponent(m[1])) }) },
    {
      pattern: /^\/v2\/fulfillments$/,
      method: 'GET',
      fn: (_m, q) => {
        let list = fulfillments.filter((f) => (!q.shipment_id || f.shipment_id === q.shipment_id) && since(f.created_at, q.create_date_start));
        list = sortBy(list, 'created_at', q.sort_dir, 'asc');
        return { status: 200, body: paged('fulfillments', list, q, '/v2/fulfillments') };
      },
    },
    { pattern: /^\/v2\/warehouses$/, method: 'GET', fn: () => ({ status: 200, body: { warehouses } }) },
  ];

  const errorBody = (code: string, message: string, type = 'validation') => ({
    request_id: randomUUID(),
    errors: [{ error_source: 'ShipStation', error_type: type, error_code: code, message }],
  });

  const handle: FakeHandler = (req: FakeHttpRequest): FakeHttpResponse => {
    const url = new URL(req.url);
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    let body: unknown;
    if (req.body !== '') {
      try {
        body = JSON.parse(req.body);
      } catch {
        body = req.body;
      }
    }
    const method = req.method.toUpperCase();
    const path = url.pathname;
    requests.push({ method, path, query, body });
    const fault = faults.take(method, path, path + url.search);
    if (fault) return fault;

    // [unknown] the 401 body; an error_response_body is the plausible form.
    if (req.headers['api-key'] !== apiKey) return jsonResponse(401, errorBody('unauthorized', 'The API key is invalid. Please check your API key.', 'security'));

    // 200 requests a minute per account, sliding; over it 429 with Retry-After (seconds) (D6). [unknown] the 429 body.
    const t = clock.now();
    while (sent.length && sent[0] <= t - 60_000) sent.shift();
    if (sent.length >= limit) {
      const retry = Math.max(1, Math.ceil((sent[0] + 60_000 - t) / 1000));
      return jsonResponse(429, errorBody('rate_limit_exceeded', 'You have exceeded the rate limit.', 'system'), { 'Retry-After': String(retry) });
    }
    sent.push(t);

    const problems = validateSsV2Request(method, path, query, body);
    if (method !== 'GET' && body !== undefined && !/json/i.test(req.headers['content-type'] ?? '')) problems.push('request content-type is not JSON');
    if (problems.length) {
      for (const p of problems) violations.push(`${method} ${path}: ${p}`);
      return jsonResponse(400, errorBody('invalid_field_value', problems.join('; ')));
    }
    let status: number;
    let out: unknown;
    try {
      const route = routes.map((r) => ({ r, m: r.method === method ? r.pattern.exec(path) : null })).find((x) => x.m);
      if (!route?.m) throw new V2HttpError(404, 'invalid_identifier', `No route ${method} ${path}.`);
      ({ status, body: out } = route.r.fn(route.m, query, body));
    } catch (e) {
      if (!(e instanceof V2HttpError)) throw e;
      status = e.status;
      out = errorBody(e.code, e.message, e.type);
    }
    for (const v of validateSsV2Response(method, path, status, out ?? '')) violations.push(`${method} ${path} (response): ${v}`);
    return status === 204 ? { status, headers: {}, body: '' } : jsonResponse(status, out);
  };

  return {
    handle,
    shipments,
    labels,
    fulfillments,
    warehouses,
    requests,
    violations,
    byExternalId: (id) => [...shipments.values()].find((s) => s.external_shipment_id === id),
    buyLabel(shipmentId, l) {
      const s = shipments.get(shipmentId);
      if (!s) throw new Error(`buyLabel: no shipment ${shipmentId}`);
      const packages = [l.trackingNumber, ...(l.extraPackages ?? [])].map((tracking_number) => ({ tracking_number, weight: { value: 16, unit: 'ounce' } }));
      const label: V2FakeLabel = {
        label_id: `se-${nextId++}`,
        shipment_id: shipmentId,
        external_shipment_id: s.external_shipment_id,
        status: 'completed',
        tracking_number: l.trackingNumber,
        carrier_code: l.carrierCode,
        service_code: l.serviceCode,
        created_at: now(),
        ship_date: shipDate(),
        voided: false,
        is_return_label: l.isReturn === true,
        packages,
      };
      labels.push(label);
      if (!label.is_return_label) touch(s, 'label_purchased');
      return label;
    },
    voidLabel: (labelId) => {
      voidLabel(labelId);
    },
    cancelInUi(shipmentId) {
      const s = shipments.get(shipmentId);
      if (!s) throw new Error(`cancelInUi: no shipment ${shipmentId}`);
      if (activeLabels(shipmentId).length) throw new Error(`cancelInUi: shipment ${shipmentId} has a label`);
      // [unknown] that a UI cancel sets shipment_status cancelled and bumps modified_at (inferred, shipstation-v2.md §6).
      touch(s, 'cancelled');
    },
    markShipped(shipmentId, f) {
      const s = shipments.get(shipmentId);
      if (!s) throw new Error(`markShipped: no shipment ${shipmentId}`);
      const record: V2FakeFulfillment = {
        fulfillment_id: `se-${nextId++}`,
        shipment_id: shipmentId,
        shipment_number: s.shipment_number,
        tracking_number: f.trackingNumber,
        created_at: now(),
        ship_date: shipDate(),
        voided: false,
        fulfillment_carrier_friendly_name: f.carrierFriendlyName,
        fulfillment_provider_code: 'external',
      };
      fulfillments.push(record);
      // [unknown] how a shipment marked shipped without a label shows; assumed label_purchased like a labelled one.
      touch(s, 'label_purchased');
      return record;
    },
    faults: { enqueue: faults.enqueue, clear: faults.clear, pending: faults.pending },
  };
}
