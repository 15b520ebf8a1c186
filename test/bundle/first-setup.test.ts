import { describe, expect, it } from 'vitest';
import { createHarness, SECRETS, SETTINGS_FORM, STORE_ID } from '../support/harness';

type Report = { dsco: { ok: boolean; message: string }; shipstation: { ok: boolean; message: string; stores: { storeId: number; storeName: string }[] } };
const { ssStoreId: _store, ...WITHOUT_STORE } = SETTINGS_FORM;

describe('first setup in the README order: type the credentials, Test connection, pick the store, Save', () => {
  it('Test connection on a fresh sheet tests the values as typed and lists the stores, before anything is saved', () => {
    const h = createHarness();
    const r = h.call<Report>('testConnection', { ...WITHOUT_STORE, ssStoreId: '' });
    expect(r.dsco).toMatchObject({ ok: true, message: 'Connected: DSCO accepted the credentials.' });
    expect(r.shipstation).toMatchObject({ ok: true, message: 'Connected: 2 store(s). Choose the store the orders go to.' });
    expect(r.shipstation.stores.map((s) => [s.storeId, s.storeName])).toEqual([[STORE_ID, 'Acme Dropship'], [99, 'Other Store']]);
    expect(h.sim.properties.script.getProperty('settings.dscoClientId')).toBeNull();
    expect(h.sim.triggers.list()).toHaveLength(0);
    const res = h.call<{ ok: boolean }>('saveSettings', SETTINGS_FORM);
    expect(res.ok).toBe(true);
  });

  it('a new key typed but not saved is the one tested (a blank secret is the saved one)', () => {
    const h = createHarness();
    h.install();
    const typedWrong = h.call<Report>('testConnection', { ...SETTINGS_FORM, ssApiSecret: 'typed-but-wrong' });
    expect(typedWrong.shipstation.ok).toBe(false);
    expect(typedWrong.shipstation.message).toMatch(/HTTP 401/);
    expect(typedWrong.shipstation.message).not.toContain('typed-but-wrong');
    expect(typedWrong.dsco.ok).toBe(true);
    const blank = h.call<Report>('testConnection', { ...SETTINGS_FORM, dscoClientSecret: '', ssApiKey: '', ssApiSecret: '' });
    expect(blank.dsco.ok && blank.shipstation.ok).toBe(true);
    for (const s of [...SECRETS, 'typed-but-wrong']) expect(JSON.stringify([typedWrong, blank])).not.toContain(s);
  });

  it('Save accepts only a store that exists in the account, and saves nothing otherwise', () => {
    const h = createHarness();
    const res = h.call<{ ok: boolean; errors: Record<string, string> }>('saveSettings', { ...SETTINGS_FORM, ssStoreId: '12345' });
    expect(res.ok).toBe(false);
    expect(res.errors.ssStoreId).toMatch(/Store 12345 is not one of this ShipStation account's stores: press Test connection/);
    expect(h.sim.properties.script.getProperty('settings.ssStoreId')).toBeNull();
    expect(h.sim.triggers.list()).toHaveLength(0);
    const badKey = h.call<{ ok: boolean; errors: Record<string, string> }>('saveSettings', { ...SETTINGS_FORM, ssApiSecret: 'wrong-secret' });
    expect(badKey.errors.ssApiKey).toMatch(/HTTP 401/);
    expect(JSON.stringify(badKey)).not.toContain('wrong-secret');
    // changing only the interval does not ask ShipStation again
    h.install();
    const before = h.ss.requests.length;
    expect(h.call<{ ok: boolean }>('saveSettings', { ...SETTINGS_FORM, pollIntervalHours: '2' }).ok).toBe(true);
    expect(h.ss.requests.length).toBe(before);
  });
});
