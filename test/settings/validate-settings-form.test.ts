import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, toPublicSettings, type Settings } from '../../src/settings/settings';
import { validateSettingsForm } from '../../src/settings/validate-settings-form';

const good = {
  dscoClientId: ' client-1 ',
  dscoClientSecret: ' dsco-secret-1 ',
  ssApiKey: 'key-1',
  ssApiSecret: 'ss-secret-1',
  ssStoreId: '12345',
  pollIntervalHours: '0.75',
  lookbackDays: '7',
  dscoEnvironment: 'staging',
  includeTestOrders: true,
  cancelCode: 'cxss',
};

function errorsOf(form: Record<string, unknown>, current: Settings = DEFAULT_SETTINGS) {
  const r = validateSettingsForm(form, current);
  return r.ok ? {} : r.errors;
}

describe('validateSettingsForm', () => {
  it('accepts a complete form, trimming values and normalising the cancel code', () => {
    const r = validateSettingsForm(good, DEFAULT_SETTINGS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings).toMatchObject({
      dscoClientId: 'client-1',
      dscoClientSecret: 'dsco-secret-1',
      ssStoreId: 12345,
      pollIntervalHours: 0.75,
      lookbackDays: 7,
      dscoEnvironment: 'staging',
      includeTestOrders: true,
      cancelCode: 'CXSS',
    });
  });

  it.each([
    [0, 'Minimum 0.25 hours (15 minutes).'],
    [-1, 'Minimum 0.25 hours (15 minutes).'],
    [0.1, 'Minimum 0.25 hours (15 minutes).'],
    ['abc', 'Enter a number of hours, e.g. 1 or 0.25.'],
    [10_000, 'Maximum 24 hours: retailers charge back late acknowledgements.'],
    [0.3, 'Use steps of 0.25 hours (15 minutes), e.g. 0.75 or 1.5.'],
  ])('refuses poll interval %s with a message beside the field', (value, message) => {
    expect(errorsOf({ ...good, pollIntervalHours: value }).pollIntervalHours).toBe(message);
  });

  it('refuses a non-numeric store, a bad lookback, an unknown environment and an unknown cancel code', () => {
    const e = errorsOf({ ...good, ssStoreId: 'my store', lookbackDays: '2.5', dscoEnvironment: 'dev', cancelCode: 'CXRR' });
    expect(e.ssStoreId).toMatch(/whole number/);
    expect(e.lookbackDays).toMatch(/whole number/);
    expect(e.dscoEnvironment).toMatch(/production or staging/);
    expect(e.cancelCode).toMatch(/CXSS/);
  });

  it('keeps a saved secret when its field is left blank, and requires it when none is saved', () => {
    const saved: Settings = { ...DEFAULT_SETTINGS, dscoClientSecret: 'old-secret', ssApiKey: 'old-key', ssApiSecret: 'old-ss' };
    const r = validateSettingsForm({ ...good, dscoClientSecret: '', ssApiKey: '  ', ssApiSecret: undefined }, saved);
    expect(r.ok && r.settings.dscoClientSecret).toBe('old-secret');
    expect(r.ok && r.settings.ssApiKey).toBe('old-key');
    expect(errorsOf({ ...good, dscoClientSecret: '' }).dscoClientSecret).toBe('Required.');
  });

  it('refuses unknown fields from a forged google.script.run call and non-object input', () => {
    expect(errorsOf({ ...good, isAdmin: true }).form).toMatch(/Unknown setting "isAdmin"/);
    expect(validateSettingsForm('x', DEFAULT_SETTINGS).ok).toBe(false);
    expect(validateSettingsForm(null, DEFAULT_SETTINGS).ok).toBe(false);
    expect(errorsOf({ ...good, dscoClientId: { toString: () => 'x' } }).dscoClientId).toBeDefined();
  });

  it('never exposes secret values in the public view', () => {
    const r = validateSettingsForm(good, DEFAULT_SETTINGS);
    if (!r.ok) throw new Error('expected ok');
    const json = JSON.stringify(toPublicSettings(r.settings));
    for (const secret of ['dsco-secret-1', 'key-1', 'ss-secret-1']) expect(json).not.toContain(secret);
    expect(toPublicSettings(r.settings).secretsSet).toEqual({ dscoClientSecret: true, ssApiKey: true, ssApiSecret: true, ssV2ApiKey: false });
  });

  it('ShipStation API V2 needs only the V2 key; V1 needs its key and secret; the choice is v1 or v2', () => {
    const v2 = { ...good, ssApiKey: '', ssApiSecret: '', ssApiVersion: 'v2', ssV2ApiKey: ' v2-key-1 ' };
    const r = validateSettingsForm(v2, DEFAULT_SETTINGS);
    expect(r.ok && r.settings).toMatchObject({ ssApiVersion: 'v2', ssV2ApiKey: 'v2-key-1', ssApiKey: '' });
    expect(errorsOf({ ...v2, ssV2ApiKey: '' }).ssV2ApiKey).toBe('Required.');
    expect(errorsOf({ ...good, ssApiVersion: 'v1', ssV2ApiKey: '' })).toEqual({});
    expect(errorsOf({ ...good, ssApiVersion: 'v3' }).ssApiVersion).toMatch(/V1 or V2/);
    // an older form without the choice keeps the saved one
    const saved: Settings = { ...DEFAULT_SETTINGS, ssApiVersion: 'v2', ssV2ApiKey: 'saved-v2', dscoClientSecret: 'x' };
    const kept = validateSettingsForm({ ...good, ssApiKey: '', ssApiSecret: '' }, saved);
    expect(kept.ok && kept.settings.ssApiVersion).toBe('v2');
    const view = JSON.stringify(toPublicSettings({ ...saved, ssV2ApiKey: 'v2-secret-value' }));
    expect(view).not.toContain('v2-secret-value');
    expect(view).toContain('"ssV2ApiKey":true');
  });
});

describe('alert e-mails (optional)', () => {
  it('are normalised to "a, b": commas, semicolons or spaces between, lower case, no duplicates; blank is none', () => {
    const r = validateSettingsForm({ ...good, alertEmails: ' Ops@Example.com;boss@example.com  ops@example.com ' }, DEFAULT_SETTINGS);
    expect(r.ok && r.settings.alertEmails).toBe('ops@example.com, boss@example.com');
    const none = validateSettingsForm({ ...good, alertEmails: '' }, { ...DEFAULT_SETTINGS, alertEmails: 'old@example.com' });
    expect(none.ok && none.settings.alertEmails).toBe('');
  });

  it('refuse an address that is not one, or more than ten', () => {
    expect(errorsOf({ ...good, alertEmails: 'ops@example.com, bob' }).alertEmails).toBe('"bob" is not an e-mail address. Separate addresses with commas.');
    const eleven = Array.from({ length: 11 }, (_, i) => `u${i}@example.com`).join(',');
    expect(errorsOf({ ...good, alertEmails: eleven }).alertEmails).toMatch(/^At most 10 addresses/);
    expect(errorsOf({ ...good, alertEmails: 42 }).alertEmails).toMatch(/is not an e-mail address/);
  });
});
