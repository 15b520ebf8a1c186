/**
 * Apps Script entry points, and nothing else. gas-webpack-plugin turns each `global.NAME = …`
 * below into a top-level `function NAME() {}` in dist/Code.js, which is what menus, triggers and
 * google.script.run call. The names are the product's interface: keep them stable.
 */
import { createApp } from './composition-root';

declare global {
  var onOpen: (e?: unknown) => void;
  var syncNow: () => unknown;
  var runScheduledSync: (e?: unknown) => unknown;
  var showSettings: () => void;
  var getSettings: () => unknown;
  var saveSettings: (form: unknown) => unknown;
  var testConnection: () => unknown;
  var setupSheet: () => unknown;
  var retryFailed: () => unknown;
}

/** Builds the DSCO Sync menu when the spreadsheet opens. */
global.onOpen = () => createApp().onOpen();
/** Menu "Sync now": one sync cycle, with a summary. */
global.syncNow = () => createApp().syncNow();
/** Time-driven trigger handler. */
global.runScheduledSync = () => createApp().runScheduledSync();
/** Menu "Settings…": opens the settings sidebar. */
global.showSettings = () => createApp().showSettings();
/** Sidebar: the saved settings, without secret values. */
global.getSettings = () => createApp().getSettings();
/** Sidebar: validates and saves the settings form. */
global.saveSettings = (form: unknown) => createApp().saveSettings(form);
/** Sidebar: checks the DSCO and ShipStation credentials. */
global.testConnection = () => createApp().testConnection();
/** Menu "Set up sheet": creates or repairs the tabs. */
global.setupSheet = () => createApp().setupSheet();
/** Menu "Retry failed orders". */
global.retryFailed = () => createApp().retryFailed();
