import type { KeyValueStore } from '../core/ports/key-value-store';
import { PROPERTIES } from '../storage/storage-map';
import { DEFAULT_SETTINGS, type Settings } from './settings';

const PREFIX = PROPERTIES.settingsPrefix;

export type BaseUrlName = 'DSCO_BASE_URL' | 'SHIPSTATION_BASE_URL' | 'SHIPSTATION_V2_BASE_URL';

/** Settings in the script's properties, one key each: shared by every editor and the trigger's owner. */
export class SettingsRepository {
  constructor(private readonly store: KeyValueStore) {}

  load(): Settings {
    const all = this.store.getAll();
    const read = (k: keyof Settings) => all[PREFIX + k];
    const num = (k: keyof Settings, fallback: number) => {
      const v = Number(read(k));
      return read(k) !== undefined && Number.isFinite(v) ? v : fallback;
    };
    const store = Number(read('ssStoreId'));
    const env = read('dscoEnvironment');
    return {
      dscoClientId: read('dscoClientId') ?? '',
      dscoClientSecret: read('dscoClientSecret') ?? '',
      ssApiKey: read('ssApiKey') ?? '',
      ssApiSecret: read('ssApiSecret') ?? '',
      ssApiVersion: read('ssApiVersion') === 'v2' ? 'v2' : 'v1',
      ssV2ApiKey: read('ssV2ApiKey') ?? '',
      ssStoreId: read('ssStoreId') && Number.isInteger(store) && store > 0 ? store : null,
      pollIntervalHours: num('pollIntervalHours', DEFAULT_SETTINGS.pollIntervalHours),
      lookbackDays: num('lookbackDays', DEFAULT_SETTINGS.lookbackDays),
      dscoEnvironment: env === 'staging' ? 'staging' : 'production',
      includeTestOrders: read('includeTestOrders') === 'true',
      cancelCode: read('cancelCode') || DEFAULT_SETTINGS.cancelCode,
      archiveAfterDays: num('archiveAfterDays', DEFAULT_SETTINGS.archiveAfterDays),
      reconcileHours: num('reconcileHours', DEFAULT_SETTINGS.reconcileHours),
      alertEmails: read('alertEmails') ?? '',
      sendInvoices: read('sendInvoices') === 'true',
      invoicePer: read('invoicePer') === 'shipment' ? 'shipment' : 'order',
      sendInventory: read('sendInventory') === 'true',
      inventoryFullHour: num('inventoryFullHour', DEFAULT_SETTINGS.inventoryFullHour),
      inventoryWarehouseCode: read('inventoryWarehouseCode') ?? '',
    };
  }

  save(settings: Settings): void {
    const values: Record<string, string> = {};
    for (const key of Object.keys(settings) as (keyof Settings)[]) {
      const v = settings[key];
      values[PREFIX + key] = v === null ? '' : String(v);
    }
    this.store.setAll(values);
  }

  /** Base URL overrides for sandboxes and tests (Script Properties DSCO_BASE_URL, SHIPSTATION_BASE_URL, SHIPSTATION_V2_BASE_URL). */
  baseUrlOverride(name: BaseUrlName): string | undefined {
    const v = this.store.get(name);
    return v && v.trim() ? v.trim().replace(/\/+$/, '') : undefined;
  }
}
