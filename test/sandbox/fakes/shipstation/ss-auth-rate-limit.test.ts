import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createShipStationFake } from '../../../../sandbox/fakes/shipstation/create-shipstation-fake';
import { basicAuth, createTestClient } from './ss-test-client';

describe('ShipStation fake: authentication', () => {
  it('accepts HTTP Basic base64(key:secret) and refuses missing or wrong credentials with 401', () => {
    const clock = createClock();
    const fake = createShipStationFake({ clock, apiKey: 'ShipStation', apiSecret: 'Rocks' });
    const url = 'https://ssapi.shipstation.com/stores';
    // the documented example header
    const good = fake.handle({ method: 'GET', url, headers: { authorization: 'Basic U2hpcFN0YXRpb246Um9ja3M=' }, body: '' });
    expect(good.status).toBe(200);

    const missing = fake.handle({ method: 'GET', url, headers: {}, body: '' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toEqual({ Message: 'Authorization has been denied for this request.' });
    expect(missing.headers['X-Rate-Limit-Limit']).toBeUndefined();

    const wrong = fake.handle({ method: 'GET', url, headers: { authorization: basicAuth('ShipStation', 'Nope') }, body: '' });
    expect(wrong.status).toBe(401);
    const bearer = fake.handle({ method: 'GET', url, headers: { authorization: 'Bearer U2hpcFN0YXRpb246Um9ja3M=' }, body: '' });
    expect(bearer.status).toBe(401);
    expect(fake.requests).toHaveLength(4);
  });

  it('routes on the path after any host, case-insensitively', () => {
    const fake = createShipStationFake({ clock: createClock() });
    const c = createTestClient(fake, { base: 'https://ssapi6.shipstation.com' });
    expect(c.get('/Stores').status).toBe(200);
    expect(c.get('/stores/').status).toBe(200);
  });
});

describe('ShipStation fake: rate limit', () => {
  it('reports limit, remaining and seconds-to-reset on every response, and 429s over the limit', () => {
    const clock = createClock('2026-03-02T15:00:40Z'); // 40 s into a window, as in the docs example
    const fake = createShipStationFake({ clock, rateLimitPerMinute: 3 });
    const c = createTestClient(fake);
    const r1 = c.get('/stores');
    expect(r1.headers).toMatchObject({ 'X-Rate-Limit-Limit': '3', 'X-Rate-Limit-Remaining': '2', 'X-Rate-Limit-Reset': '20' });
    const r2 = c.get('/orders/999'); // a 404 still counts
    expect(r2.status).toBe(404);
    expect(r2.headers['X-Rate-Limit-Remaining']).toBe('1');
    clock.advance(5_500);
    const r3 = c.get('/stores');
    expect(r3.headers).toMatchObject({ 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '15' });
    const r4 = c.get('/stores');
    expect(r4.status).toBe(429);
    expect(r4.json).toEqual({ message: 'Too Many Requests' });
    expect(r4.headers).toMatchObject({ 'X-Rate-Limit-Limit': '3', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '15' });
    // a refused request does not extend the penalty; the next window starts fresh
    clock.advance(14_500);
    const r5 = c.get('/stores');
    expect(r5.status).toBe(200);
    expect(r5.headers).toMatchObject({ 'X-Rate-Limit-Remaining': '2', 'X-Rate-Limit-Reset': '60' });
  });

  it('defaults to 40 per minute', () => {
    const clock = createClock('2026-03-02T15:00:00Z');
    const fake = createShipStationFake({ clock });
    const c = createTestClient(fake);
    for (let i = 0; i < 40; i++) expect(c.get('/stores').status).toBe(200);
    expect(c.get('/stores').status).toBe(429);
    clock.advance(60_000);
    expect(c.get('/stores').headers['X-Rate-Limit-Remaining']).toBe('39');
  });
});
