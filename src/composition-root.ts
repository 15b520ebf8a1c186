import { ActiveSpreadsheetInfo } from './adapters/active-spreadsheet-info';
import { AppsScriptClock } from './adapters/apps-script-clock';
import { LockServiceLock } from './adapters/lock-service-lock';
import { MailAppMailer } from './adapters/mail-app-mailer';
import { ScriptAppTriggers, SessionUser } from './adapters/script-app-triggers';
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
  const store = once(() => new ScriptPropertiesStore());
  const workbook = once(() => new SpreadsheetWorkbook());
  return new App({
    ui: once(() => new SpreadsheetAppUi()),
    lock: once(() => new LockServiceLock('script')),
    settingsLock: once(() => new LockServiceLock('document')),
    mailer: once(() => new MailAppMailer()),
    spreadsheet: once(() => new ActiveSpreadsheetInfo()),
    triggers: once(() => new ScriptAppTriggers()),
    user: once(() => new SessionUser()),
    store,
    workbook,
    notes: workbook,
    settings: once(() => new SettingsRepository(store())),
    http: once(() => new UrlFetchHttp()),
    cache: once(() => new ScriptCache()),
    clock: new AppsScriptClock(),
  });
}
