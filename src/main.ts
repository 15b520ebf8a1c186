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
  var showHelp: () => void;
  var getSchedule: () => unknown;
  var pauseSchedule: () => unknown;
  var resumeSchedule: () => unknown;
  var openCarrierMap: () => void;
}

/** Builds the DSCO Sync menu when the spreadsheet opens (a simple trigger: menu only). */
global.onOpen = () => createApp().onOpen();
/** Menu "Sync now": one sync cycle, with a summary. */
global.syncNow = () => {
  const app = createApp();
  return app.guard('syncNow', () => app.syncNow());
};
/** Time-driven trigger handler. */
global.runScheduledSync = () => {
  const app = createApp();
  return app.guard('runScheduledSync', () => app.runScheduledSync());
};
/** Menu "Settings…": opens the settings sidebar. */
global.showSettings = () => {
  const app = createApp();
  app.guard('showSettings', () => app.showSettings());
};
/** Sidebar: the saved settings, without secret values. */
global.getSettings = () => {
  const app = createApp();
  return app.guard('getSettings', () => app.getSettings());
};
/** Sidebar: validates and saves the settings form, and rebuilds the schedule. */
global.saveSettings = (form: unknown) => {
  const app = createApp();
  return app.guard('saveSettings', () => app.saveSettings(form));
};
/** Sidebar: checks the DSCO and ShipStation credentials. */
global.testConnection = () => {
  const app = createApp();
  return app.guard('testConnection', () => app.testConnection());
};
/** Menu "Set up sheet": creates or repairs the tabs. */
global.setupSheet = () => {
  const app = createApp();
  return app.guard('setupSheet', () => app.setupSheet());
};
/** Menu "Retry failed orders". */
global.retryFailed = () => {
  const app = createApp();
  return app.guard('retryFailed', () => app.retryFailed());
};
/** Menu "How it works". */
global.showHelp = () => {
  const app = createApp();
  app.guard('showHelp', () => app.showHelp());
};
/** Sidebar: who runs the schedule and when the next sync is due. */
global.getSchedule = () => {
  const app = createApp();
  return app.guard('getSchedule', () => app.getSchedule());
};
/** Menu "Pause scheduled sync". */
global.pauseSchedule = () => {
  const app = createApp();
  return app.guard('pauseSchedule', () => app.pauseSchedule());
};
/** Menu "Resume scheduled sync". */
global.resumeSchedule = () => {
  const app = createApp();
  return app.guard('resumeSchedule', () => app.resumeSchedule());
};
/** Sidebar: opens the Carrier Map tab. */
global.openCarrierMap = () => {
  const app = createApp();
  app.guard('openCarrierMap', () => app.openCarrierMap());
};
