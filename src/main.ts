/**
 * Apps Script entry points, and nothing else. gas-webpack-plugin turns each `global.NAME = …`
 * below into a top-level `function NAME() {}` in dist/Code.js, which is what menus, triggers and
 * google.script.run call. The names are the product's interface: keep them stable.
 */
import type { App } from './app/app';
import { createApp } from './composition-root';

declare global {
  var onOpen: (e?: unknown) => void;
  var syncNow: () => unknown;
  var runScheduledSync: (e?: unknown) => unknown;
  var showSettings: () => void;
  var getSettings: () => unknown;
  var saveSettings: (form: unknown) => unknown;
  var testConnection: (form?: unknown) => unknown;
  var setupSheet: () => unknown;
  var retryFailed: () => unknown;
  var showHelp: () => void;
  var showDueOrders: () => void;
  var showAllOrders: () => void;
  var getSchedule: () => unknown;
  var pauseSchedule: () => unknown;
  var resumeSchedule: () => unknown;
  var takeOverSchedule: () => unknown;
  var openCarrierMap: () => void;
}

/** Runs an entry point on a fresh app; errors leaving it are redacted (and logged for the trigger). */
const entry =
  <A extends unknown[], R>(name: string, work: (app: App, ...args: A) => R) =>
  (...args: A): R => {
    const app = createApp();
    return app.guard(name, () => work(app, ...args));
  };

/** Builds the DSCO Sync menu when the spreadsheet opens (a simple trigger: menu only). */
global.onOpen = () => createApp().onOpen();
/** Menu "Sync now": one sync cycle, with a summary. */
global.syncNow = entry('syncNow', (app) => app.syncNow());
/** Time-driven trigger handler. */
global.runScheduledSync = entry('runScheduledSync', (app) => app.runScheduledSync());
/** Menu "Settings…": opens the settings sidebar. */
global.showSettings = entry('showSettings', (app) => app.showSettings());
/** Sidebar: the saved settings, without secret values. */
global.getSettings = entry('getSettings', (app) => app.getSettings());
/** Sidebar: validates and saves the settings form, and rebuilds the schedule. */
global.saveSettings = entry('saveSettings', (app, form: unknown) => app.saveSettings(form));
/** Sidebar: checks the DSCO and ShipStation credentials as typed (blank secret = saved) and lists the stores. */
global.testConnection = entry('testConnection', (app, form?: unknown) => app.testConnection(form));
/** Menu "Set up sheet": creates or repairs the tabs. */
global.setupSheet = entry('setupSheet', (app) => app.setupSheet());
/** Menu "Retry failed orders". */
global.retryFailed = entry('retryFailed', (app) => app.retryFailed());
/** Menu "Show orders late or due today": the Dashboard's filter hides the other rows. */
global.showDueOrders = entry('showDueOrders', (app) => app.showDueOrders());
/** Menu "Show all orders": the Dashboard's filter shows every row again. */
global.showAllOrders = entry('showAllOrders', (app) => app.showAllOrders());
/** Menu "How it works". */
global.showHelp = entry('showHelp', (app) => app.showHelp());
/** Sidebar: who runs the schedule and when the next sync is due. */
global.getSchedule = entry('getSchedule', (app) => app.getSchedule());
/** Menu "Pause scheduled sync". */
global.pauseSchedule = entry('pauseSchedule', (app) => app.pauseSchedule());
/** Menu "Resume scheduled sync". */
global.resumeSchedule = entry('resumeSchedule', (app) => app.resumeSchedule());
/** Menu "Take over scheduled sync": the schedule runs as this person from now on (after a confirmation). */
global.takeOverSchedule = entry('takeOverSchedule', (app) => app.takeOverSchedule());
/** Sidebar: opens the Carrier Map tab. */
global.openCarrierMap = entry('openCarrierMap', (app) => app.openCarrierMap());
