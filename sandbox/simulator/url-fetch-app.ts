import type { SimClock } from '../clock';
import type { FakeHandler, FakeHttpRequest, FakeHttpResponse } from '../http';
import { SimBlob, toSignedBytes } from './blob';
import { exception } from './sim-exception';

/** Apps Script gives up on an unresponsive host after about 60 s (notes 3.3). */
export const FETCH_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

export interface FetchParams {
  method?: string;
  headers?: Record<string, unknown>;
  contentType?: string;
  payload?: unknown;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  escaping?: boolean;
  validateHttpsCertificates?: boolean;
}

interface FailRule {
  kind: 'timeout' | 'dns';
  remaining: number;
  urlPrefix?: string;
  /** Extension: the request reached the server (its effects happen); the answer never came back. */
  delivered?: boolean;
}

/** Routes to fake servers, injected network failures and the log of every request sent. */
export class Network {
  readonly requests: FakeHttpRequest[] = [];
  private readonly routes: { prefix: string; handler: FakeHandler }[] = [];
  private readonly failures: FailRule[] = [];

  route(urlPrefix: string, handler: FakeHandler): void {
    const i = this.routes.findIndex((r) => r.prefix === urlPrefix);
    if (i >= 0) this.routes[i] = { prefix: urlPrefix, handler };
    else this.routes.push({ prefix: urlPrefix, handler });
  }

  failNext(opts: { kind: 'timeout' | 'dns'; count?: number; urlPrefix?: string; delivered?: boolean }): void {
    const rule: FailRule = { kind: opts.kind, remaining: opts.count ?? 1 };
    if (opts.urlPrefix !== undefined) rule.urlPrefix = opts.urlPrefix;
    if (opts.delivered) rule.delivered = true;
    this.failures.push(rule);
  }

  /** Extension: drops the injected network failures not yet used. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Extension: injected network failures not yet used. */
  pendingFailures(): number {
    return this.failures.reduce((n, f) => n + f.remaining, 0);
  }

  takeFailure(url: string): 'timeout' | 'dns' | 'timeout-delivered' | undefined {
    const rule = this.failures.find((f) => f.remaining > 0 && (f.urlPrefix === undefined || url.startsWith(f.urlPrefix)));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining === 0) this.failures.splice(this.failures.indexOf(rule), 1);
    return rule.kind === 'timeout' && rule.delivered ? 'timeout-delivered' : rule.kind;
  }

  /** Longest matching prefix wins. */
  handlerFor(url: string): FakeHandler | undefined {
    let best: { prefix: string; handler: FakeHandler } | undefined;
    for (const r of this.routes) if (url.startsWith(r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
    return best?.handler;
  }
}

export class SimHttpResponse {
  static readonly simKind = 'HTTPResponse';
  constructor(readonly response: FakeHttpResponse) {}
  getResponseCode(): number { return this.response.status; }
  getContentText(_charset?: string): string { return this.response.body; }
  getContent(): number[] { return toSignedBytes(Buffer.from(this.response.body, 'utf8')); }
  /** Header names exactly as the fake server returned them. */
  getHeaders(): Record<string, string> { return { ...this.response.headers }; }
  getAllHeaders(): Record<string, string> { return { ...this.response.headers }; }
  private _contentType(): string | null {
    const k = Object.keys(this.response.headers).find((h) => h.toLowerCase() === 'content-type');
    return k ? this.response.headers[k]! : null;
  }
  getBlob(): SimBlob { return new SimBlob(this.response.body, this._contentType()); }
  getAs(contentType: string): SimBlob { return new SimBlob(this.response.body, contentType); }
}

function formEncode(obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v instanceof SimBlob ? v.getDataAsString() : String(v))}`)
    .join('&');
}

function payloadBody(payload: unknown): string {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (payload instanceof SimBlob) return payload.getDataAsString();
  if (Array.isArray(payload)) return Buffer.from((payload as number[]).map((b) => b & 0xff)).toString('utf8');
  if (typeof payload === 'object') return formEncode(payload as Record<string, unknown>);
  return String(payload);
}

export interface FetchHooks {
  /** Called once per request actually sent (counts 'urlfetch', charges cost). */
  perRequest(req: FakeHttpRequest): void;
}

/** UrlFetchApp over the simulator's Network. Everything is synchronous. */
export class SimUrlFetchApp {
  static readonly simKind = 'UrlFetchApp';
  constructor(private readonly network: Network, private readonly clock: SimClock, private readonly hooks: FetchHooks) {}

  getRequest(url: string, params: FetchParams = {}): Record<string, unknown> {
    const req = this._build(url, params);
    return { url: req.url, method: req.method.toLowerCase(), headers: req.headers, payload: req.body, contentType: req.headers['content-type'] ?? null, followRedirects: params.followRedirects !== false, muteHttpExceptions: params.muteHttpExceptions === true };
  }

  fetch(url: string, params: FetchParams = {}): SimHttpResponse {
    const res = this._send(this._build(url, params), params);
    if (res instanceof Error) throw res;
    return res;
  }

  /** Sends every request (in order), then throws the first failure, if any; returns responses in request order. */
  fetchAll(requests: (string | (FetchParams & { url: string }))[]): SimHttpResponse[] {
    if (!Array.isArray(requests)) throw exception("The parameters (Object) don't match the method signature for UrlFetchApp.fetchAll.");
    const built = requests.map((r) => (typeof r === 'string' ? { req: this._build(r, {}), params: {} } : { req: this._build(r.url, r), params: r }));
    const results = built.map(({ req, params }) => this._send(req, params));
    const failed = results.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    return results as SimHttpResponse[];
  }

  private _build(url: unknown, params: FetchParams): FakeHttpRequest {
    if (typeof url !== 'string' || url === '') throw exception('Invalid argument: url');
    if (!/^https?:\/\//i.test(url)) throw exception(`Invalid argument: ${url}`);
    const finalUrl = params.escaping === false ? url : url.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const hasPayload = params.payload !== undefined && params.payload !== null;
    const body = payloadBody(params.payload);
    if (params.contentType !== undefined) headers['content-type'] = params.contentType;
    else if (hasPayload && headers['content-type'] === undefined) {
      headers['content-type'] = params.payload instanceof SimBlob && params.payload.getContentType() ? params.payload.getContentType()! : 'application/x-www-form-urlencoded';
    }
    return { method: String(params.method ?? 'get').toUpperCase(), url: finalUrl, headers, body };
  }

  private _send(req: FakeHttpRequest, params: FetchParams): SimHttpResponse | Error {
    let current = req;
    for (let hop = 0; ; hop++) {
      this.hooks.perRequest(current);
      this.network.requests.push(current);
      const failure = this.network.takeFailure(current.url);
      if (failure === 'timeout') {
        this.clock.advance(FETCH_TIMEOUT_MS);
        return exception(`Timeout: ${current.url}`);
      }
      const handler = this.network.handlerFor(current.url);
      if (failure === 'dns' || !handler) return exception(`DNS error: ${current.url}`);
      let res: FakeHttpResponse;
      try {
        res = handler(current);
      } catch (e) {
        return new Error(`Fake server handler for ${current.url} threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (failure === 'timeout-delivered') {
        this.clock.advance(FETCH_TIMEOUT_MS);
        return exception(`Timeout: ${current.url}`);
      }
      const location = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
      if (res.status >= 300 && res.status < 400 && location && params.followRedirects !== false && hop < MAX_REDIRECTS) {
        current = { method: 'GET', url: new URL(location, current.url).toString(), headers: { ...req.headers }, body: '' };
        delete current.headers['content-type'];
        continue;
      }
      if (res.status >= 400 && params.muteHttpExceptions !== true) {
        return exception(
          `Request failed for ${new URL(current.url).origin} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return new SimHttpResponse(res);
    }
  }
}
