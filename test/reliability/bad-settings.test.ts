import { describe, expect } from 'vitest';
import { addBadInput } from './support/figures';
import { expectNoLeaks } from './support/leaks';
import { MIN, RIG_SECRETS, type Rig } from './support/rig';
import { reliabilityTest } from './support/scenario';

/**
 * saveSettings is called by the sidebar through google.script.run, and anyone who can open the
 * sheet can call it with anything: every bad value is refused beside its field, and nothing is saved.
 */

interface SaveResult {
  ok: boolean;
  errors?: Record<string, string>;
  settings?: Record<string, unknown>;
}

const settingsProps = (r: Rig) => Object.fromEntries(Object.entries(r.props()).filter(([k]) => k.startsWith('settings.')));

function refused(r: Rig, name: string, patch: Record<string, unknown>, field: string, message?: RegExp): void {
  addBadInput(r.figures, name);
  const before = settingsProps(r);
  const triggers = r.sim.triggers.list();
  const res = r.call<SaveResult>('saveSettings', { ...r.form, ...patch });
  expect(res.ok, name).toBe(false);
  expect(Object.keys(res.errors ?? {}), name).toContain(field);
  if (message) expect(res.errors![field], name).toMatch(message);
  expect(settingsProps(r), `${name}: nothing saved`).toEqual(before);
  expect(r.sim.triggers.list(), `${name}: schedule unchanged`).toEqual(triggers);
}

describe('bad settings through saveSettings', () => {
  reliabilityTest('settings', 'poll intervals 0, −1, 0.1, "abc", 10,000, NaN, Infinity, "", null, an object', ({ rig }) => {
    const r = rig();
    r.install();
    const cases: [string, unknown, RegExp][] = [
      ['0', 0, /Minimum 0.25 hours/],
      ['-1', -1, /Minimum 0.25 hours/],
      ['0.1', 0.1, /Minimum 0.25 hours/],
      ['"abc"', 'abc', /Enter a number of hours/],
      ['10,000', 10_000, /Maximum 24 hours/],
      ['"10,000"', '10,000', /Enter a number of hours/],
      ['0.3 (not a step of 0.25)', 0.3, /steps of 0.25/],
      ['NaN', Number.NaN, /Enter a number of hours/],
      ['Infinity', Number.POSITIVE_INFINITY, /Enter a number of hours/],
      ['""', '', /Enter a number of hours/],
      ['null', null, /Enter a number of hours/],
      ['an object', { valueOf: 1 }, /Enter a number of hours/],
      ['"1e400"', '1e400', /Enter a number of hours|Maximum/],
    ];
    for (const [name, value, message] of cases) refused(r, `interval ${name}`, { pollIntervalHours: value }, 'pollIntervalHours', message);
    expectNoLeaks(r);
  });

  reliabilityTest('settings', 'store IDs that are not a whole number', ({ rig }) => {
    const r = rig();
    r.install();
    for (const v of ['abc', '12a', '-5', '0', '1.5', '1e3', ' ', '9'.repeat(20), '<b>1</b>', '=1+1', true, [1]]) {
      refused(r, `store ${JSON.stringify(v)}`, { ssStoreId: v }, 'ssStoreId');
    }
    expectNoLeaks(r);
  });

  reliabilityTest('settings', 'other bad fields: lookback, archive age, environment, cancel code, test orders, secrets that are not text or too long', ({ rig }) => {
    const r = rig();
    r.install();
    const cases: [string, Record<string, unknown>, string][] = [
      ['lookback 0', { lookbackDays: 0 }, 'lookbackDays'],
      ['lookback 31', { lookbackDays: 31 }, 'lookbackDays'],
      ['lookback 7.5', { lookbackDays: '7.5' }, 'lookbackDays'],
      ['archive age -1', { archiveAfterDays: -1 }, 'archiveAfterDays'],
      ['environment "evil"', { dscoEnvironment: 'evil' }, 'dscoEnvironment'],
      ['cancel code "DROP TABLE"', { cancelCode: 'DROP TABLE' }, 'cancelCode'],
      ['test orders "maybe"', { includeTestOrders: 'maybe' }, 'includeTestOrders'],
      ['invoices "maybe"', { sendInvoices: 'maybe' }, 'sendInvoices'],
      ['invoice per "week"', { invoicePer: 'week' }, 'invoicePer'],
      ['inventory "1"', { sendInventory: 1 }, 'sendInventory'],
      ['full inventory hour 24', { inventoryFullHour: 24 }, 'inventoryFullHour'],
      ['full inventory hour 5.5', { inventoryFullHour: '5.5' }, 'inventoryFullHour'],
      ['warehouse code of 500 characters', { inventoryWarehouseCode: 'w'.repeat(500) }, 'inventoryWarehouseCode'],
      ['secret as an object', { ssApiSecret: { toString: 'x' } }, 'ssApiSecret'],
      ['secret with a space inside', { ssApiKey: 'abc def' }, 'ssApiKey'],
      ['secret of 10,000 characters', { ssApiKey: 'k'.repeat(10_000) }, 'ssApiKey'],
      ['client ID with spaces', { dscoClientId: 'a b' }, 'dscoClientId'],
      ['client ID empty', { dscoClientId: '' }, 'dscoClientId'],
    ];
    for (const [name, patch, field] of cases) refused(r, name, patch, field);
    // A form that is not a form.
    for (const form of [null, 'x', [], 42]) {
      addBadInput(r.figures, `form ${JSON.stringify(form)}`);
      expect(r.call<SaveResult>('saveSettings', form).ok).toBe(false);
    }
    expectNoLeaks(r);
  });

  reliabilityTest('settings', 'unknown fields from a forged google.script.run call are refused, nothing saved', ({ rig }) => {
    const r = rig();
    r.install();
    refused(r, 'unknown field "isAdmin"', { isAdmin: true }, 'form', /Unknown setting "isAdmin"; nothing was saved/);
    refused(r, 'unknown field "DSCO_BASE_URL" (would redirect the API)', { DSCO_BASE_URL: 'https://evil.example' }, 'form', /Unknown setting/);
    refused(r, 'unknown field "constructor"', { constructor: 'x' }, 'form', /Unknown setting/);
    refused(r, 'unknown field "__proto__"', JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>, 'form');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.props().DSCO_BASE_URL).not.toBe('https://evil.example');
    expectNoLeaks(r);
  });

  reliabilityTest('settings', 'whitespace around secrets and IDs is trimmed: what is saved signs in', ({ rig }) => {
    const r = rig();
    addBadInput(r.figures, 'whitespace around secrets');
    const res = r.call<SaveResult>('saveSettings', {
      ...r.form,
      dscoClientId: `  ${r.form.dscoClientId}\t`,
      dscoClientSecret: ` ${RIG_SECRETS.dscoClientSecret}\n`,
      ssApiKey: `\t${RIG_SECRETS.ssApiKey} `,
      ssApiSecret: `  ${RIG_SECRETS.ssApiSecret}  `,
      ssStoreId: ' 22766 ',
      pollIntervalHours: ' 1 ',
    });
    expect(res.ok).toBe(true);
    const p = r.props();
    expect([p['settings.dscoClientId'], p['settings.dscoClientSecret'], p['settings.ssApiKey'], p['settings.ssApiSecret'], p['settings.ssStoreId']]).toEqual([
      r.form.dscoClientId,
      RIG_SECRETS.dscoClientSecret,
      RIG_SECRETS.ssApiKey,
      RIG_SECRETS.ssApiSecret,
      '22766',
    ]);
    // The secrets are never sent back, only whether they are set.
    expect(JSON.stringify(res)).not.toContain(RIG_SECRETS.ssApiSecret);
    expect(r.call<{ secretsSet: Record<string, boolean> }>('getSettings').secretsSet).toEqual({ dscoClientSecret: true, ssApiKey: true, ssApiSecret: true, ssV2ApiKey: true });
    r.call('setupSheet');
    r.seedOrder();
    r.clock.advance(MIN);
    const out = r.sync();
    expect(out.result?.fatal).toBeUndefined();
    expect(r.ss.orders.size).toBe(1);
    const report = r.call<{ dsco: { ok: boolean }; shipstation: { ok: boolean } }>('testConnection');
    expect([report.dsco.ok, report.shipstation.ok]).toEqual([true, true]);
    expectNoLeaks(r);
  });

  reliabilityTest('settings', 'a blank secret keeps the saved one; wrong secrets fail with a message that shows none of them', ({ rig }) => {
    const r = rig();
    r.install();
    addBadInput(r.figures, 'blank secrets on a later save');
    addBadInput(r.figures, 'wrong secrets');
    expect(r.call<SaveResult>('saveSettings', { ...r.form, dscoClientSecret: '', ssApiKey: '', ssApiSecret: '' }).ok).toBe(true);
    expect(r.props()['settings.ssApiSecret']).toBe(RIG_SECRETS.ssApiSecret);
    const wrong = { dscoClientSecret: 'wrongDscoSecret-77aa', ssApiKey: 'wrongSsKey-88bb', ssApiSecret: 'wrongSsSecret-99cc' };
    // ShipStation refuses the wrong key while Save checks the store: nothing is saved
    expect(r.call<SaveResult>('saveSettings', { ...r.form, ...wrong }).ok).toBe(false);
    expect(r.props()['settings.ssApiKey']).toBe(RIG_SECRETS.ssApiKey);
    expect(r.call<SaveResult>('saveSettings', { ...r.form, dscoClientSecret: wrong.dscoClientSecret }).ok).toBe(true);
    const report = r.call<{ dsco: { ok: boolean; message: string }; shipstation: { ok: boolean; message: string } }>('testConnection', { ...r.form, ...wrong });
    expect(report.dsco.ok).toBe(false);
    expect(report.shipstation.ok).toBe(false);
    r.seedOrder();
    r.clock.advance(MIN);
    const out = r.sync();
    expect(out.result?.fatal).toMatch(/HTTP 401/);
    expectNoLeaks(r, { alsoSecret: Object.values(wrong) });
  });
});
