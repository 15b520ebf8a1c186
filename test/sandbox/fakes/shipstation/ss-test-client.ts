import type { FakeHttpResponse } from '../../../../sandbox/http';
import type { ShipStationFake } from '../../../../sandbox/fakes/shipstation/create-shipstation-fake';

/** Test-only helper: builds raw FakeHttpRequests against a fake, as the Apps Script simulator would. */
export interface TestCall {
  status: number;
  headers: Record<string, string>;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: FakeHttpResponse;
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

export function createTestClient(
  fake: ShipStationFake,
  opts: { key?: string; secret?: string; base?: string } = {},
) {
  const auth = basicAuth(opts.key ?? 'ss-test-api-key', opts.secret ?? 'ss-test-api-secret');
  const base = opts.base ?? 'https://ssapi.shipstation.com';
  const call = (
    method: string,
    path: string,
    o: { query?: Record<string, string | number | boolean>; body?: unknown; headers?: Record<string, string> } = {},
  ): TestCall => {
    const qs = new URLSearchParams(Object.entries(o.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const headers: Record<string, string> = { authorization: auth, ...(o.headers ?? {}) };
    let body = '';
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const raw = fake.handle({ method, url: `${base}${path}${qs ? `?${qs}` : ''}`, headers, body });
    let json: unknown;
    try {
      json = raw.body ? JSON.parse(raw.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: raw.status, headers: raw.headers, json, raw };
  };
  return {
    call,
    get: (path: string, query?: Record<string, string | number | boolean>) => call('GET', path, { query }),
    post: (path: string, body: unknown) => call('POST', path, { body }),
  };
}

let counter = 0;

/** A minimal valid Order body for createorder. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    orderNumber: `PO-${counter}`,
    orderKey: `dsco-${counter}`,
    orderDate: '2026-03-01 09:30:00',
    orderStatus: 'awaiting_shipment',
    billTo: { name: 'Jane Buyer' },
    shipTo: {
      name: 'Jane Buyer',
      street1: '1 Main St',
      city: 'Austin',
      state: 'TX',
      postalCode: '78701',
      country: 'US',
      residential: true,
    },
    items: [
      { lineItemKey: 'L1', sku: 'SKU-1', name: 'Widget', quantity: 2, unitPrice: 10 },
      { lineItemKey: 'L2', sku: 'SKU-2', name: 'Gadget', quantity: 1, unitPrice: 5.5 },
    ],
    taxAmount: 1,
    shippingAmount: 2,
    ...overrides,
  };
}
