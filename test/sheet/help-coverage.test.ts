import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/settings';
import { SHEET_TEMPLATE } from '../../src/sheet/sheet-template';
import { TABS } from '../../src/storage/storage-map';

const help = SHEET_TEMPLATE.tabs.find((t) => t.name === TABS.help.name)!.managedRows!.map((r) => r[0]).join('\n');

/** How each setting is named in How it works: a new setting without a phrase here fails this test. */
const PHRASES: Record<keyof Settings, string> = {
  dscoClientId: 'DSCO Client ID',
  dscoClientSecret: 'DSCO Client ID and Secret',
  ssApiVersion: 'ShipStation API: V1',
  ssApiKey: 'API Key and Secret',
  ssApiSecret: 'API Key and Secret',
  ssV2ApiKey: 'V2 (one API key)',
  ssStoreId: 'ShipStation store',
  pollIntervalHours: 'Poll interval',
  lookbackDays: 'Lookback window',
  dscoEnvironment: 'DSCO environment',
  includeTestOrders: 'Include DSCO test orders',
  cancelCode: 'Cancel code',
  archiveAfterDays: 'Archive finished orders after',
  reconcileHours: 'Re-check open orders every',
  alertEmails: 'Alert e-mails',
  sendInvoices: 'Send invoices to DSCO',
  invoicePer: 'Invoice per order or per shipment',
  sendInventory: 'Send the Inventory tab to DSCO',
  inventoryFullHour: 'Send every Inventory row at',
  inventoryWarehouseCode: 'Default DSCO warehouse code',
};

describe('How it works covers every setting and every tab', () => {
  it.each(Object.keys(DEFAULT_SETTINGS))('names the setting %s', (key) => {
    const phrase = PHRASES[key as keyof Settings];
    expect(phrase, `no How it works phrase for setting ${key}`).toBeDefined();
    expect(help).toContain(phrase);
  });

  it.each(Object.values(TABS).map((t) => t.name).filter((n) => n !== TABS.help.name))('names the tab %s', (name) => {
    expect(help).toContain(name);
  });

  it('explains the deadline columns, their colours and how to list the late orders', () => {
    for (const phrase of ['Ship by, Ack by, Cancel after', 'amber on the day and red once the day has passed', 'Show orders late or due today', 'THE RETAILERS TAB', 'Accept cancel requests automatically']) expect(help).toContain(phrase);
  });
});
