import { AppsScriptClock } from './adapters/apps-script-clock';
import { ScriptCache } from './adapters/script-cache';
import { ScriptPropertiesStore } from './adapters/script-properties-store';
import { SpreadsheetAppUi } from './adapters/spreadsheet-app-ui';
import { SpreadsheetWorkbook } from './adapters/spreadsheet-workbook';
import { UrlFetchHttp } from './adapters/url-fetch-http';
import { App } from './app/app';
import { SettingsRepository } from './settings/settings-repository';

/**
 * The one place where Apps Script adapters meet the core. Adapters are created lazily, so that
 * onOpen (a simple trigger with limited authorization) touches nothing but the menu.
 */
export function createApp(): App {
  const once = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  return new App({
    ui: once(() => new SpreadsheetAppUi()),
    workbook: once(() => new SpreadsheetWorkbook()),
    settings: once(() => new SettingsRepository(new ScriptPropertiesStore())),
    http: once(() => new UrlFetchHttp()),
    cache: once(() => new ScriptCache()),
    clock: new AppsScriptClock(),
  });
}
