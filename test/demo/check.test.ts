import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckReport } from '../../demo/check/run-check';
import { toDscoDate } from '../../sandbox/fakes/dsco';
import { createLoopbackSandbox, createSyncHttp, type LoopbackSandbox, type SyncHttp } from '../../sandbox/loopback';
import { ROOT } from '../../sandbox/paths';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CREDS = { clientId: 'check-client', clientSecret: 'check-dsco-secret-31', apiKey: 'check-ss-key-58', apiSecret: 'check-ss-secret-77', v2ApiKey: 'check-ss-v2-key-43' };
const SECRETS = [CREDS.clientSecret, CREDS.apiKey, CREDS.apiSecret, CREDS.v2ApiKey];

let sandbox: LoopbackSandbox;
let http: SyncHttp;
let env: Record<string, string>;

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function check(overrides: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const report = await runCheckReport({ env: { ...env, ...overrides }, http, write: (l) => out.push(l), colour: false, width: 120 });
  const text = out.join('\n');
  for (const s of SECRETS) expect(text).not.toContain(s);
  const line = (name: string) => report.lines.find((l) => l.name === name);
  return { ...report, text, line };
}

beforeAll(async () => {
  [sandbox, http] = await Promise.all([
    createLoopbackSandbox({
      dsco: { clientId: CREDS.clientId, clientSecret: CREDS.clientSecret },
      shipstation: { apiKey: CREDS.apiKey, apiSecret: CREDS.apiSecret, stores: [{ storeId: 22766, storeName: 'Acme Dropship' }, { storeId: 99, storeName: 'Website' }] },
      shipstationV2: { apiKey: CREDS.v2ApiKey, storeIds: [22766, 99] },
    }),
    createSyncHttp(),
  ]);
  const hourAgo = toDscoDate(Date.now() - 3_600_000);
  const tenDaysAgo = toDscoDate(Date.now() - 10 * 86_400_000);
  sandbox.control.seedOrder({ dscoCreateDate: hourAgo, dscoLastUpdate: hourAgo });
  sandbox.control.seedOrder({ dscoCreateDate: hourAgo, dscoLastUpdate: hourAgo });
  sandbox.control.seedOrder({ dscoCreateDate: hourAgo, dscoLastUpdate: hourAgo, dscoLifecycle: 'received' }); // not released
  sandbox.control.seedOrder({ dscoCreateDate: tenDaysAgo, dscoLastUpdate: tenDaysAgo }); // outside the lookback window
  env = {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    DSCO_CLIENT_ID: CREDS.clientId,
    DSCO_CLIENT_SECRET: CREDS.clientSecret,
    SHIPSTATION_API_KEY: CREDS.apiKey,
    SHIPSTATION_API_SECRET: CREDS.apiSecret,
    SHIPSTATION_STORE_ID: '22766',
    DSCO_BASE_URL: sandbox.dscoBase,
    SHIPSTATION_BASE_URL: sandbox.ssBase,
  };
}, 30_000);

afterAll(async () => {
  await Promise.all([http?.close(), sandbox?.close()]);
});

describe('npm start -- --check', () => {
  it('passes every check with good credentials, and counts the orders awaiting acknowledgement', async () => {
    const r = await check();
    expect(r.lines.map((l) => `${l.outcome} ${l.name}`)).toEqual([
      'OK DSCO sign-in',
      'OK DSCO /hello',
      'OK DSCO orders',
      'OK ShipStation /stores',
      'OK ShipStation store',
    ]);
    expect(r.line('DSCO orders')!.message).toMatch(/^2 orders awaiting acknowledgement .*last 7 days/);
    expect(r.line('ShipStation store')!.message).toBe('Orders will go to store 22766 "Acme Dropship".');
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/All 5 checks passed\./);
  });

  it('says DSCO refused the client ID and secret (401 invalid_client), and still checks ShipStation', async () => {
    const r = await check({ DSCO_CLIENT_SECRET: 'not-the-secret' });
    expect(r.line('DSCO sign-in')).toMatchObject({ outcome: 'FAIL', message: expect.stringMatching(/HTTP 401 invalid_client.*DSCO_CLIENT_ID and DSCO_CLIENT_SECRET/) });
    expect(r.line('DSCO /hello')!.outcome).toBe('SKIP');
    expect(r.line('ShipStation store')!.outcome).toBe('OK');
    expect(r.exitCode).toBe(1);
    expect(r.text).not.toContain('not-the-secret');
  });

  it('names a store that is not in the account, with the list to choose from', async () => {
    const r = await check({ SHIPSTATION_STORE_ID: '12345' });
    expect(r.line('ShipStation /stores')!.message).toContain('22766 "Acme Dropship", 99 "Website"');
    expect(r.line('ShipStation store')).toMatchObject({ outcome: 'FAIL', message: expect.stringMatching(/Store 12345 is not one of this account's stores: set SHIPSTATION_STORE_ID/) });
    expect(r.exitCode).toBe(1);
  });

  it('names each missing variable and makes no request for that service', async () => {
    const before = sandbox.control.snapshot().dscoRequests.length;
    const r = await check({ DSCO_CLIENT_SECRET: undefined, SHIPSTATION_API_KEY: '' });
    expect(r.lines.filter((l) => l.outcome === 'FAIL').map((l) => l.message)).toEqual([
      expect.stringMatching(/^DSCO_CLIENT_SECRET is not set/),
      expect.stringMatching(/^SHIPSTATION_API_KEY is not set/),
    ]);
    expect(r.lines.filter((l) => l.outcome === 'SKIP')).toHaveLength(5);
    expect(sandbox.control.snapshot().dscoRequests.length).toBe(before);
    expect(r.exitCode).toBe(1);
  });

  it('without SHIPSTATION_STORE_ID lists the stores to choose from (first setup) and says to set it', async () => {
    const r = await check({ SHIPSTATION_STORE_ID: '' });
    expect(r.line('ShipStation /stores')).toMatchObject({ outcome: 'OK', message: expect.stringContaining('22766 "Acme Dropship", 99 "Website"') });
    expect(r.line('ShipStation store')).toMatchObject({ outcome: 'SKIP', message: expect.stringMatching(/SHIPSTATION_STORE_ID is not set: choose the store .* from the list above/) });
    expect(r.line('DSCO orders')!.outcome).toBe('OK');
    expect(r.exitCode).toBe(1);
  });

  it('explains a ShipStation 401 (key or secret) and a 403 (no API access on the plan)', async () => {
    const unauthorized = await check({ SHIPSTATION_API_SECRET: 'wrong-ss-secret' });
    expect(unauthorized.line('ShipStation /stores')).toMatchObject({
      outcome: 'FAIL',
      message: expect.stringMatching(/refused the API key and secret \(HTTP 401\)\. Check SHIPSTATION_API_KEY and SHIPSTATION_API_SECRET/),
    });
    expect(unauthorized.line('DSCO orders')!.outcome).toBe('OK');
    expect(unauthorized.exitCode).toBe(1);

    sandbox.control.ssFault({ path: '/stores', status: 403, body: '{"Message":"Access denied."}' });
    const forbidden = await check();
    expect(forbidden.line('ShipStation /stores')).toMatchObject({ outcome: 'FAIL', message: expect.stringMatching(/403 Forbidden: no API access on this ShipStation plan/) });
    expect(forbidden.exitCode).toBe(1);
  });

  it('says when a service cannot be reached, quickly', async () => {
    const started = Date.now();
    const r = await check({ DSCO_BASE_URL: `http://127.0.0.1:${await closedPort()}/api/v3` });
    expect(r.line('DSCO sign-in')).toMatchObject({ outcome: 'FAIL', message: expect.stringMatching(/Could not reach 127\.0\.0\.1:\d+ \(connection refused\)\..*DSCO_BASE_URL/) });
    expect(r.line('ShipStation store')!.outcome).toBe('OK');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('as a command: exit code 0 when all pass, 1 otherwise, and no secret in the output', async () => {
    const ok = await run(TSX, ['demo/start.ts', '--check'], { cwd: ROOT, env, timeout: 30_000 });
    expect(ok.stdout).toMatch(/OK\s+ShipStation store\s+Orders will go to store 22766/);
    const failed = await run(TSX, ['demo/start.ts', '--check'], { cwd: ROOT, env: { ...env, SHIPSTATION_STORE_ID: '12345' }, timeout: 30_000 }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/FAIL\s+ShipStation store/);
    for (const s of SECRETS) expect(ok.stdout + failed.stdout).not.toContain(s);
  }, 40_000);

  describe('with SHIPSTATION_API_VERSION=v2', () => {
    const v2 = () => ({ SHIPSTATION_API_VERSION: 'v2', SHIPSTATION_API_KEY: undefined, SHIPSTATION_API_SECRET: undefined, SHIPSTATION_V2_API_KEY: CREDS.v2ApiKey, SHIPSTATION_V2_BASE_URL: sandbox.ssV2Base });

    it('checks the V2 key and the ship-from location, and says the store could not be checked (V2 lists no stores)', async () => {
      const r = await check(v2());
      expect(r.lines.map((l) => `${l.outcome} ${l.name}`)).toEqual(['OK DSCO sign-in', 'OK DSCO /hello', 'OK DSCO orders', 'OK ShipStation V2 key', 'NOTE ShipStation store']);
      expect(r.line('ShipStation V2 key')!.message).toMatch(/1 ship-from location; orders will ship from "Main"/);
      expect(r.line('ShipStation store')!.message).toMatch(/API V2 cannot list stores, so store 22766 could not be checked \(no orders yet\)/);
      expect(r.exitCode).toBe(0);
      expect(r.text).toMatch(/All 4 checks passed; 1 could not be checked \(NOTE\)\./);
    });

    it('names a wrong or missing V2 key', async () => {
      const wrong = await check({ ...v2(), SHIPSTATION_V2_API_KEY: 'wrong-v2-key' });
      expect(wrong.line('ShipStation V2 key')).toMatchObject({ outcome: 'FAIL', message: expect.stringMatching(/refused the API V2 key \(HTTP 401\)\. Check SHIPSTATION_V2_API_KEY/) });
      expect(wrong.exitCode).toBe(1);
      expect(wrong.text).not.toContain('wrong-v2-key');
      const missing = await check({ ...v2(), SHIPSTATION_V2_API_KEY: undefined });
      expect(missing.lines.filter((l) => l.outcome === 'FAIL').map((l) => l.message)).toEqual([expect.stringMatching(/^SHIPSTATION_V2_API_KEY is not set/)]);
      expect(missing.line('ShipStation V2 key')!.outcome).toBe('SKIP');
    });
  });
});
