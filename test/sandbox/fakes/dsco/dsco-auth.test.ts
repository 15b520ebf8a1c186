import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { validateDscoResponse } from '../../../../sandbox/contract/dsco-contract';
import { createDscoFake } from '../../../../sandbox/fakes/dsco/create-dsco-fake';
import { BASE, call, getToken, tokenRequest } from './dsco-test-requests';

const form = { grant_type: 'client_credentials', client_id: 'test-client-id', client_secret: 'test-client-secret' };

describe('DSCO fake: POST /oauth2/token and bearer auth', () => {
  it('issues a Bearer token for form-encoded client credentials (spec example shape)', () => {
    const fake = createDscoFake({ clock: createClock() });
    const res = tokenRequest(fake, form);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    expect(validateDscoResponse('POST', '/oauth2/token', 200, body)).toEqual([]);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/oauth2/token', body: form });
    expect(fake.violations).toEqual([]);
  });

  it('answers 401 invalid_client for a wrong secret (not a contract violation)', () => {
    const fake = createDscoFake({ clock: createClock(), clientId: 'me', clientSecret: 's3cret' });
    const res = tokenRequest(fake, { ...form, client_id: 'me', client_secret: 'nope' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) });
    expect(getToken(fake, 'me', 's3cret')).toMatch(/^eyJ/);
    expect(fake.violations).toEqual([]);
  });

  it('answers 400 invalid_request for missing fields, a bad grant type or a JSON body, and records the violation', () => {
    const fake = createDscoFake({ clock: createClock() });
    const missing = tokenRequest(fake, { client_id: 'test-client-id', client_secret: 'test-client-secret' });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/grant_type/) });
    expect(tokenRequest(fake, { ...form, grant_type: 'password' }).status).toBe(400);
    const json = tokenRequest(fake, form, 'application/json');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body).error_description).toMatch(/x-www-form-urlencoded/);
    expect(fake.violations.length).toBe(3);
    expect(fake.violations[0]).toMatch(/^POST \/oauth2\/token: .*grant_type/);
  });

  it('accepts any case of "bearer"; rejects missing, unknown, expired and revoked tokens with 401', () => {
    const clock = createClock();
    const fake = createDscoFake({ clock, tokenTtlSeconds: 60 });
    const token = getToken(fake);
    const hello = (authorization?: string) =>
      fake.handle({ method: 'GET', url: `${BASE}/hello`, headers: authorization ? { authorization } : {}, body: '' });
    expect(hello(`bearer ${token}`).status).toBe(200);
    expect(hello(`Bearer ${token}`).status).toBe(200);
    expect(hello(`BEARER ${token}`).status).toBe(200);
    expect(hello().status).toBe(401);
    expect(hello('bearer nope').status).toBe(401);
    expect(hello(token).status).toBe(401);

    clock.advance(59_999);
    expect(hello(`bearer ${token}`).status).toBe(200);
    clock.advance(1);
    expect(hello(`bearer ${token}`).status).toBe(401);

    // Several valid tokens may coexist; revokeTokens() kills them all.
    const t1 = getToken(fake);
    const t2 = getToken(fake);
    expect(t1).not.toBe(t2);
    expect(hello(`bearer ${t1}`).status).toBe(200);
    expect(hello(`bearer ${t2}`).status).toBe(200);
    fake.revokeTokens();
    expect(hello(`bearer ${t1}`).status).toBe(401);
    expect(hello(`bearer ${getToken(fake)}`).status).toBe(200);
    expect(fake.violations).toEqual([]);
  });

  it('GET /hello returns {"hello":"World!"} on any base URL', () => {
    const fake = createDscoFake({ clock: createClock() });
    const token = getToken(fake);
    const res = fake.handle({ method: 'GET', url: 'https://staging-api.dsco.io/api/v3/hello', headers: { authorization: `bearer ${token}` }, body: '' });
    expect(res).toMatchObject({ status: 200, body: '{"hello":"World!"}' });
    expect(call(fake, 'GET', '/hello', { token }).json).toEqual({ hello: 'World!' });
  });

  it('answers unknown paths with API Gateway 403s and records the violation', () => {
    const fake = createDscoFake({ clock: createClock() });
    const token = getToken(fake);
    const withAuth = call(fake, 'GET', '/order/changelog', { token, query: { requestId: 'x' } });
    expect(withAuth.status).toBe(403);
    expect(withAuth.json.message).toMatch(/^Invalid key=value pair \(missing equal-sign\) in Authorization header/);
    const noAuth = call(fake, 'POST', '/order/1026063942/acknowledge', { body: {} });
    expect(noAuth.status).toBe(403);
    expect(noAuth.json).toEqual({ message: 'Missing Authentication Token' });
    expect(call(fake, 'POST', '/hello', { token }).status).toBe(403); // wrong method
    expect(fake.violations).toHaveLength(3);
  });
});
