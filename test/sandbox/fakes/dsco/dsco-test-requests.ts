/** Hand-built requests for the fake's own tests (a real client is not involved). */
import type { FakeHttpResponse } from '../../../../sandbox/http';
import type { DscoFake } from '../../../../sandbox/fakes/dsco/create-dsco-fake';

export const BASE = 'https://api.dsco.io/api/v3';

export interface CallOptions {
  query?: Record<string, string | string[]>;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are inspected loosely
type Json = any;

export function call(fake: DscoFake, method: string, path: string, o: CallOptions = {}): FakeHttpResponse & { json: Json } {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(o.query ?? {})) for (const x of Array.isArray(v) ? v : [v]) qs.append(k, x);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.token !== undefined) headers.authorization = `bearer ${o.token}`;
  Object.assign(headers, o.headers ?? {});
  const res = fake.handle({
    method,
    url: `${BASE}${path}${qs.size ? `?${qs}` : ''}`,
    headers,
    body: o.body === undefined ? '' : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
  });
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = undefined;
  }
  return { ...res, json };
}

export function tokenRequest(fake: DscoFake, form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  return fake.handle({
    method: 'POST',
    url: `${BASE}/oauth2/token`,
    headers: { 'content-type': contentType },
    body: contentType.startsWith('application/json') ? JSON.stringify(form) : new URLSearchParams(form).toString(),
  });
}

export function getToken(fake: DscoFake, clientId = 'test-client-id', clientSecret = 'test-client-secret'): string {
  const res = tokenRequest(fake, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.body}`);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

/** A ready-to-use authorised caller. */
export function client(fake: DscoFake) {
  const token = getToken(fake);
  return (method: string, path: string, o: CallOptions = {}) => call(fake, method, path, { token, ...o });
}
