import { describe, expect, it } from 'vitest';
import { createHarness, SECRETS, SETTINGS_FORM } from '../support/harness';

describe('the built bundle in the simulator', () => {
  it('onOpen builds the DSCO Sync menu and does nothing else (no fetch, no properties)', () => {
    const h = createHarness();
    h.sim.resetCounts();
    h.call('onOpen', { authMode: 'LIMITED' });
    expect(h.sim.ui.menus).toHaveLength(1);
    const menu = h.sim.ui.menus[0];
    expect(menu.name).toBe('DSCO Sync');
    const captions = menu.items.map((i) => (i === 'separator' ? '—' : i.caption));
    expect(captions).toEqual(['Sync now', 'Retry failed orders', 'Show orders late or due today', 'Show all orders', '—', 'Settings…', 'Set up sheet', 'How it works', '—', 'Pause scheduled sync', 'Resume scheduled sync', 'Take over scheduled sync']);
    expect(h.sim.counts.urlfetch ?? 0).toBe(0);
    expect(h.sim.counts.properties ?? 0).toBe(0);
  });

  it('showSettings opens the 300 px sidebar', () => {
    const h = createHarness();
    h.call('showSettings');
    expect(h.sim.ui.sidebars).toHaveLength(1);
    expect(h.sim.ui.sidebars[0].width).toBe(300);
    expect(h.sim.ui.sidebars[0].html).toContain('google.script.run');
  });

  it('saves settings, never returns a secret, and keeps a secret when its field is left blank', () => {
    const h = createHarness();
    const saved = h.call<{ ok: boolean; settings: Record<string, unknown> }>('saveSettings', SETTINGS_FORM);
    expect(saved.ok).toBe(true);
    const again = h.call<{ ok: boolean }>('saveSettings', { ...SETTINGS_FORM, dscoClientSecret: '', ssApiKey: '', ssApiSecret: '' });
    expect(again.ok).toBe(true);
    const view = h.call<Record<string, unknown>>('getSettings');
    expect(view).toMatchObject({ dscoClientId: 'test-client-id', ssStoreId: 22766, secretsSet: { dscoClientSecret: true, ssApiKey: true, ssApiSecret: true } });
    for (const s of SECRETS) {
      expect(JSON.stringify(view)).not.toContain(s);
      expect(JSON.stringify(saved)).not.toContain(s);
    }
    expect(h.sim.properties.script.getProperty('settings.dscoClientSecret')).toBe('test-client-secret');
  });

  it('refuses an invalid form field by field and saves nothing', () => {
    const h = createHarness();
    const res = h.call<{ ok: boolean; errors: Record<string, string> }>('saveSettings', { ...SETTINGS_FORM, pollIntervalHours: '0.1', ssStoreId: 'abc' });
    expect(res.ok).toBe(false);
    expect(res.errors.pollIntervalHours).toBe('Minimum 0.25 hours (15 minutes).');
    expect(res.errors.ssStoreId).toMatch(/whole number/);
    expect(h.sim.properties.script.getProperty('settings.dscoClientId')).toBeNull();
  });

  it('testConnection reports DSCO and ShipStation separately, with the stores', () => {
    const h = createHarness();
    h.call('saveSettings', SETTINGS_FORM);
    const ok = h.call<{ dsco: { ok: boolean; message: string }; shipstation: { ok: boolean; message: string; stores: { storeId: number }[] } }>('testConnection');
    expect(ok.dsco.ok).toBe(true);
    expect(ok.shipstation).toMatchObject({ ok: true, message: 'Connected: orders go to store "Acme Dropship".' });
    expect(ok.shipstation.stores.map((s) => s.storeId)).toEqual([22766, 99]);

    const bad = h.call<{ dsco: { ok: boolean; message: string }; shipstation: { ok: boolean; message: string } }>('testConnection', {
      ...SETTINGS_FORM,
      dscoClientSecret: 'a-wrong-dsco-secret',
      ssStoreId: '12345',
    });
    expect(bad.dsco.ok).toBe(false);
    expect(bad.dsco.message).toMatch(/Client ID and Client Secret/);
    expect(bad.dsco.message).not.toContain('a-wrong-dsco-secret');
    expect(bad.shipstation.ok).toBe(false);
    expect(bad.shipstation.message).toMatch(/store 12345 is not one of this account's stores/);
  });

  it('setupSheet creates the tabs from sheets-template, and a second run repairs headers without touching rows', () => {
    const h = createHarness();
    h.call('setupSheet');
    const names = h.sim.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).toEqual(expect.arrayContaining(['Dashboard', 'Logs', 'Carrier Map', '_Orders', '_Shipments']));
    expect(h.sim.readSheet('Dashboard')[0]).toEqual(['Flow', 'DSCO Order ID', 'PO / Retailer', 'SS Order #', 'Status', 'Tracking', 'Received', 'Updated', 'Error', 'Units', 'Retailer', 'Ship by', 'Ack by', 'Cancel after']);
    expect(h.sim.readSheet('Carrier Map').slice(1).map((r) => r[4])).toEqual(expect.arrayContaining(['UPCG', 'FECG']));
    expect(h.sim.spreadsheet.getSheetByName('_Orders')!.isSheetHidden()).toBe(true);
    expect(h.sim.spreadsheet.getSheetByName('Dashboard')!.getFrozenRows()).toBe(1);

    const dash = h.sim.spreadsheet.getSheetByName('Dashboard')!;
    dash.getRange(2, 1, 1, 9).setValues([['DSCO → SS', '111', 'PO1 / R', '', 'Received', '', '', '', '']]);
    dash.getRange(1, 1, 1, 2).setValues([['', 'oops']]);
    h.sim.spreadsheet.deleteSheet(h.sim.spreadsheet.getSheetByName('Logs')!);
    h.call('setupSheet');
    expect(h.sim.readSheet('Dashboard')[0][1]).toBe('DSCO Order ID');
    expect(h.sim.readSheet('Dashboard')[1][1]).toBe('111');
    expect(h.sim.spreadsheet.getSheetByName('Logs')).toBeTruthy();
    expect(h.sim.readSheet('Carrier Map').length).toBe(5);
  });

  it('setupSheet formats the Dashboard: status colours, a filter, date columns, plain-text IDs', () => {
    const h = createHarness();
    h.call('setupSheet');
    const dash = h.sim.spreadsheet.getSheetByName('Dashboard')!;
    // The deadline highlights (formula rules, test/engine/deadlines.test.ts) come first, then the status colours.
    const rules = dash.getConditionalFormatRules().filter((r) => r.spec.criteriaType !== 'CUSTOM_FORMULA').map((r) => [r.spec.criteriaValues[0], r.spec.background, r.getRanges()[0].getA1Notation()]);
    expect(rules.map((r) => r[0])).toEqual(['Received', 'Sent to SS', 'Shipped', 'Cancelled', 'Error']);
    expect(rules.every((r) => typeof r[1] === 'string' && /^#/.test(String(r[1])))).toBe(true);
    expect(String(rules[0][2])).toMatch(/^E2/);
    expect(dash.getFilter()).toBeTruthy();
    expect(dash.getRange(2, 7).getNumberFormat()).toBe('yyyy-mm-dd hh:mm');
    expect(dash.getRange(2, 2).getNumberFormat()).toBe('@');
    expect(dash.getRange(2, 6).getNumberFormat()).toBe('@');
    for (const deadline of [12, 13, 14]) expect(dash.getRange(2, deadline).getNumberFormat()).toBe('yyyy-mm-dd hh:mm');
  });

  it('How it works explains the product in the sheet, true to the engine', () => {
    const h = createHarness();
    h.call('showHelp');
    const help = h.sim.readSheet('How it works').flat().join('\n');
    for (const phrase of ['lifecycle "created"', 'acknowledg', 'Carrier Map', 'Retry failed orders', 'Received', 'Sent to SS', 'Shipped', 'Cancelled', 'Error', 'CXSO', 'lookback', 'Take over scheduled sync', 'Alert e-mails', 'Project Settings']) {
      expect(help).toContain(phrase);
    }
    expect(h.sim.spreadsheet.getActiveSheet().getName()).toBe('How it works');
  });
});
