import { describe, expect, it } from 'vitest';
import { createClock } from '../../../sandbox/clock';
import { jsonResponse } from '../../../sandbox/http';
import { createSimulator } from '../../../sandbox/simulator/index';

const SRC = `
  function get(url, mute) {
    var r = UrlFetchApp.fetch(url, { muteHttpExceptions: !!mute, headers: { Authorization: 'Bearer t', 'X-Custom': 'v' } });
    return { code: r.getResponseCode(), text: r.getContentText(), headers: r.getHeaders(), blob: r.getBlob().getDataAsString(), bytes: r.getContent().length };
  }
  function post(url, payload, contentType) {
    var p = { method: 'post', payload: payload };
    if (contentType) p.contentType = contentType;
    return UrlFetchApp.fetch(url, p).getResponseCode();
  }
  function all(urls) { return UrlFetchApp.fetchAll(urls.map(function (u) { return { url: u, muteHttpExceptions: true }; }))
    .map(function (r) { return r.getContentText(); }); }
  function caught(url) { try { UrlFetchApp.fetch(url, { muteHttpExceptions: true }); return 'no error'; } catch (e) { return e.message; } }`;

function setup() {
  const clock = createClock();
  const sim = createSimulator({ clock });
  sim.network.route('https://api.example.com/', (req) => jsonResponse(200, { path: req.url, method: req.method }, { 'X-Rate-Limit-Remaining': '39' }));
  sim.network.route('https://api.example.com/v2/', () => ({ status: 404, headers: {}, body: 'not found: '.padEnd(150, 'x') }));
  sim.network.route('https://echo.example.com/', (req) => ({ status: 201, headers: {}, body: JSON.stringify(req) }));
  sim.loadSource(SRC);
  return { sim, clock };
}

describe('UrlFetchApp', () => {
  it('builds the request and reads the response', () => {
    const { sim } = setup();
    const r = sim.call<{ code: number; text: string; headers: Record<string, string>; blob: string; bytes: number }>('get', 'https://api.example.com/orders?x=1');
    expect(r.code).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ path: 'https://api.example.com/orders?x=1', method: 'GET' });
    expect(r.headers['X-Rate-Limit-Remaining']).toBe('39');
    expect(r.blob).toBe(r.text);
    expect(r.bytes).toBe(r.text.length);
    expect(sim.network.requests[0]).toEqual({
      method: 'GET', url: 'https://api.example.com/orders?x=1', headers: { authorization: 'Bearer t', 'x-custom': 'v' }, body: '',
    });
  });

  it('routes by longest prefix and throws on 4xx unless muted', () => {
    const { sim } = setup();
    expect(() => sim.call('get', 'https://api.example.com/v2/thing')).toThrow(
      `Exception: Request failed for https://api.example.com returned code 404. Truncated server response: ${'not found: '.padEnd(100, 'x')} (use muteHttpExceptions option to examine full response)`,
    );
    expect(sim.call<{ code: number; text: string }>('get', 'https://api.example.com/v2/thing', true).code).toBe(404);
  });

  it('encodes payloads: string as is, object as form fields, JSON with contentType', () => {
    const { sim } = setup();
    sim.call('post', 'https://echo.example.com/a', { a: 'x y', b: 2 });
    sim.call('post', 'https://echo.example.com/b', '{"k":1}', 'application/json');
    const [form, json] = sim.network.requests;
    expect(form).toMatchObject({ method: 'POST', body: 'a=x%20y&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(json).toMatchObject({ body: '{"k":1}', headers: { 'content-type': 'application/json' } });
  });

  it('network failures throw even with muteHttpExceptions; timeouts cost 60 s', () => {
    const { sim, clock } = setup();
    expect(sim.call('caught', 'https://nowhere.example.com/')).toBe('Exception: DNS error: https://nowhere.example.com/');
    sim.network.failNext({ kind: 'timeout', urlPrefix: 'https://api.example.com/' });
    const t0 = clock.now();
    expect(sim.call('caught', 'https://api.example.com/x')).toBe('Exception: Timeout: https://api.example.com/x');
    expect(clock.now() - t0).toBe(60_000);
    sim.network.failNext({ kind: 'dns', count: 2 });
    expect(sim.call('caught', 'https://api.example.com/x')).toBe('Exception: DNS error: https://api.example.com/x');
    expect(sim.call('caught', 'https://api.example.com/y')).toBe('Exception: DNS error: https://api.example.com/y');
    expect(sim.call('caught', 'https://api.example.com/z')).toBe('no error');
  });

  it('reports a throwing fake handler as a fetch error', () => {
    const { sim } = setup();
    sim.network.route('https://broken.example.com/', () => { throw new Error('oops'); });
    expect(sim.call('caught', 'https://broken.example.com/a')).toBe('Fake server handler for https://broken.example.com/a threw: oops');
  });

  it('fetchAll returns responses in order and counts each request', () => {
    const { sim } = setup();
    const texts = sim.call<string[]>('all', ['https://api.example.com/1', 'https://api.example.com/v2/2', 'https://api.example.com/3']);
    expect(texts.map((t) => t.slice(0, 12))).toEqual(['{"path":"htt', 'not found: x', '{"path":"htt']);
    expect(sim.network.requests.map((r) => r.url)).toEqual(['https://api.example.com/1', 'https://api.example.com/v2/2', 'https://api.example.com/3']);
    expect(sim.counts['UrlFetchApp.fetchAll']).toBe(1);
    expect(sim.counts.urlfetch).toBe(3);
  });

  it('charges urlFetchMs per request', () => {
    const clock = createClock();
    const sim = createSimulator({ clock, costs: { urlFetchMs: 250 } });
    sim.network.route('https://api.example.com/', () => jsonResponse(200, {}));
    sim.loadSource(SRC);
    const t0 = clock.now();
    sim.call('all', ['https://api.example.com/1', 'https://api.example.com/2']);
    expect(clock.now() - t0).toBe(500);
  });
});
