import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/core/errors';
import { DEFAULT_BACKOFF } from '../../../src/core/http/backoff';
import { sendWithRetry, type RetryContext } from '../../../src/core/http/send-with-retry';
import type { HttpResponse } from '../../../src/core/ports/http-port';
import { TimeBudget } from '../../../src/core/time/time-budget';
import { ShipStationRateLimiter } from '../../../src/shipstation/shipstation-rate-limiter';

function harness(script: (HttpResponse | Error)[], budgetMs = 600_000) {
  let now = 0;
  const sleeps: number[] = [];
  const clock = { now: () => now, sleep: (ms: number) => { sleeps.push(ms); now += ms; } };
  let calls = 0;
  const ctx: RetryContext = {
    clock,
    budget: new TimeBudget(clock, budgetMs),
    policy: DEFAULT_BACKOFF,
    http: {
      send: () => {
        const next = script[Math.min(calls++, script.length - 1)];
        if (next instanceof Error) throw next;
        return next;
      },
    },
  };
  return { ctx, sleeps, calls: () => calls };
}

const res = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: '' });
const req = { url: 'https://x.test/a', method: 'GET' as const };

describe('sendWithRetry', () => {
  it('retries 5xx, 408 and 429 with exponential backoff until success', () => {
    const h = harness([res(503), res(408), res(429), res(200)]);
    expect(sendWithRetry(h.ctx, req, { idempotent: true }).status).toBe(200);
    expect(h.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('does not retry 400 or 401', () => {
    for (const status of [400, 401, 404]) {
      const h = harness([res(status), res(200)]);
      expect(sendWithRetry(h.ctx, req, { idempotent: true }).status).toBe(status);
      expect(h.calls()).toBe(1);
    }
  });

  it('gives up after maxAttempts and returns the last error response', () => {
    const h = harness([res(500)]);
    expect(sendWithRetry(h.ctx, req, { idempotent: true }).status).toBe(500);
    expect(h.calls()).toBe(DEFAULT_BACKOFF.maxAttempts);
  });

  it('stops retrying when the wait would overrun the time budget', () => {
    const h = harness([res(500)], 2_500);
    expect(sendWithRetry(h.ctx, req, { idempotent: true }).status).toBe(500);
    expect(h.sleeps).toEqual([1000]);
  });

  it('retries network errors for idempotent calls and rethrows when they persist', () => {
    const h = harness([new NetworkError('dns'), res(200)]);
    expect(sendWithRetry(h.ctx, req, { idempotent: true }).status).toBe(200);
    const h2 = harness([new NetworkError('dns')]);
    expect(() => sendWithRetry(h2.ctx, req, { idempotent: true })).toThrow(NetworkError);
    expect(h2.calls()).toBe(DEFAULT_BACKOFF.maxAttempts);
  });

  it('never resends a non-idempotent call after a network error or 5xx (it may have been applied), only after 429', () => {
    const h = harness([new NetworkError('timeout'), res(201)]);
    expect(() => sendWithRetry(h.ctx, req, { idempotent: false })).toThrow(NetworkError);
    expect(h.calls()).toBe(1);
    const h2 = harness([res(502), res(201)]);
    expect(sendWithRetry(h2.ctx, req, { idempotent: false }).status).toBe(502);
    const h3 = harness([res(429), res(201)]);
    expect(sendWithRetry(h3.ctx, req, { idempotent: false }).status).toBe(201);
  });

  it('waits as long as the server asks', () => {
    const h = harness([res(429, { 'retry-after': '7' }), res(200)]);
    sendWithRetry(h.ctx, req, { idempotent: true, retryAfterMs: (r) => Number(r.headers['retry-after']) * 1000 });
    expect(h.sleeps).toEqual([7000]);
  });
});

describe('ShipStationRateLimiter', () => {
  it('lets requests through while the window has some left, then waits for the reset', () => {
    let now = 0;
    const limiter = new ShipStationRateLimiter({ now: () => now, sleep: () => undefined });
    expect(limiter.waitBeforeNextMs()).toBe(0);
    limiter.record(res(200, { 'x-rate-limit-limit': '40', 'x-rate-limit-remaining': '3', 'x-rate-limit-reset': '20' }));
    expect(limiter.waitBeforeNextMs()).toBe(0);
    limiter.record(res(200, { 'x-rate-limit-limit': '40', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '20' }));
    expect(limiter.waitBeforeNextMs()).toBe(21_000);
    now += 21_000;
    expect(limiter.waitBeforeNextMs()).toBe(0);
  });

  it('after a 429 waits Reset + 1 s, or 61 s when ShipStation gave no Reset header', () => {
    const limiter = new ShipStationRateLimiter({ now: () => 0, sleep: () => undefined });
    expect(limiter.retryAfterMs(res(429, { 'x-rate-limit-reset': '12' }))).toBe(13_000);
    expect(limiter.retryAfterMs(res(429))).toBe(61_000);
    limiter.record(res(429));
    expect(limiter.waitBeforeNextMs()).toBe(60_000);
  });
});
