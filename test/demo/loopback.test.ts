import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../sandbox/simulator';
import { createClock } from '../../sandbox/clock';
import { createLoopbackSandbox, createSyncHttp, SyncHttpError, type LoopbackSandbox, type SyncHttp } from '../../sandbox/loopback';

const clock = createClock('2026-03-02T15:00:00Z');
let sandbox: LoopbackSandbox;
let http: SyncHttp;

beforeAll(async () => {
  [sandbox, http] = await Promise.all([createLoopbackSandbox({ now: () => clock.now(), shipstation: { stores: [{ storeId: 5, storeName: 'Loop' }] } }), createSyncHttp()]);
}, 30_000);

afterAll(async () => {
  await Promise.all([http?.close(), sandbox?.close()]);
});

const token = () =>
  sandbox.handler({
    method: 'POST',
    url: `${sandbox.dscoBase}/oauth2/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=test-client-id&client_secret=test-client-secret',
  });

describe('loopback sandbox', () => {
  it('serves the fakes over real HTTP on 127.0.0.1, on the caller’s simulated clock', () => {
    expect(sandbox.dscoBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    const order = sandbox.control.seedOrder({ poNumber: 'LOOP-1' });
    expect(Date.parse(order.dscoCreateDate)).toBe(clock.now());

    const issued = token();
    expect(issued.status).toBe(200);
    expect(issued.headers['content-type']).toContain('application/json');
    const bearer = (JSON.parse(issued.body) as { access_token: string }).access_token;
    const hello = () => sandbox.handler({ method: 'GET', url: `${sandbox.dscoBase}/hello`, headers: { authorization: `Bearer ${bearer}` }, body: '' });
    expect(hello().status).toBe(200);
    clock.advance(2 * 3_600_000); // past the token's hour, by the simulated clock only
    expect(hello().status).toBe(401);
  });

  it('is where the simulator’s UrlFetchApp sends its requests', () => {
    const sim = createSimulator({ clock });
    sandbox.route(sim);
    sim.loadSource(`function stores(base) {
      var res = UrlFetchApp.fetch(base + '/stores', { headers: { Authorization: 'Basic ' + Utilities.base64Encode('ss-test-api-key:ss-test-api-secret') }, muteHttpExceptions: true });
      return { code: res.getResponseCode(), body: JSON.parse(res.getContentText()), limit: res.getAllHeaders()['x-rate-limit-limit'] };
    }`);
    expect(sim.call('stores', sandbox.ssBase)).toEqual({ code: 200, body: [expect.objectContaining({ storeId: 5, storeName: 'Loop' })], limit: '40' });
    expect(sandbox.control.snapshot().ssRequests).toContain('GET /stores');
  });

  it('reports control failures from the server thread', () => {
    expect(() => sandbox.control.shipOrder(424242, { trackingNumber: 'X', carrierCode: 'ups' })).toThrow('ShipStation sandbox: no order 424242');
  });

  it('fails fast when nothing listens, and times out when the server never answers', async () => {
    const silent = net.createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    let listening = true;
    try {
      let started = Date.now();
      const timedOut = (() => {
        try {
          http.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, body: '', timeoutMs: 300 });
        } catch (e) {
          return e;
        }
      })();
      expect(timedOut).toBeInstanceOf(SyncHttpError);
      expect((timedOut as SyncHttpError).code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2_500);

      await new Promise((resolve) => silent.close(resolve));
      listening = false;
      started = Date.now();
      expect(() => http.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, body: '', timeoutMs: 5_000 })).toThrow(
        expect.objectContaining({ code: 'ECONNREFUSED', message: 'connection refused' }),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      if (listening) silent.close();
    }
  });

  it('closes cleanly, twice', async () => {
    const other = await createSyncHttp();
    await other.close();
    await other.close();
    expect(() => other.send({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {}, body: '', timeoutMs: 100 })).toThrow(SyncHttpError);
  });
});
