/**
 * Apps Script simulator: in-memory SpreadsheetApp, PropertiesService, CacheService,
 * LockService, ScriptApp, UrlFetchApp, HtmlService, Utilities, Session, Logger and console,
 * MailApp,
 * installed as globals of one `node:vm` context in which the built bundle runs.
 *
 * Counting: only calls made *from inside the context* are counted (and checked against the
 * execution time limit, and charged simulated cost). The bundle sees Proxies of host objects
 * (see bridge.ts); the host handles exposed here (`sim.spreadsheet`, `sim.properties.*`,
 * `sim.cache.*`) are the very same objects, called directly, so test assertions never move
 * `sim.counts`. `sim.readSheet(name)` is a shortcut for a tab's data-range values.
 *
 * Realms: values handed to the bundle are created in the context realm (arrays, plain
 * objects, Dates — so `instanceof Date` works in the bundle); values from the bundle are copied
 * into the host realm. `call()` JSON-round-trips object results.
 *
 * Errors: service failures are context-realm Errors whose message starts with 'Exception: '
 * (e.g. 'Exception: Lock timeout: ...'). Match with `includes`, not `startsWith`, in bundle code:
 * real Apps Script may show that prefix only in String(e).
 *
 * Cell writes follow Sheets: '=...' becomes a formula (getValues -> '#FORMULA', getFormulas ->
 * the text) unless the cell's number format is '@'; numeric-looking strings become numbers,
 * 'TRUE'/'FALSE' booleans and 'yyyy-mm-dd' Dates, unless the format is '@' or the string starts
 * with an apostrophe.
 *
 * Fault injection (extensions): `sim.network.failNext({kind, count, urlPrefix, delivered})` makes
 * UrlFetchApp throw as on a timeout or DNS failure (with `delivered`, after the server processed the
 * request); `sim.faults.failSheets({count, skip, message, kind, method, applied, exhaustTime})` makes
 * Sheets calls throw "Service Spreadsheets timed out…" (see sheets-faults.ts).
 *
 * Executions: each call()/triggers.fire()/load() is one execution. The context (and its globals)
 * persists across executions, unlike real Apps Script, which re-evaluates the script each time.
 */
export { createSimulator, type Simulator, type SimulatorOptions } from './create-simulator';
export type { SimTrigger } from './script-app';
export type { SheetsFault } from './sheets-faults';
export type { UiRecord, MenuItem } from './ui';
export type { LogEntry } from './logger';
export type { SentMail } from './mail-app';
export { SimSpreadsheet } from './spreadsheet';
export { SimSheet } from './sheet';
export { SimRange } from './range';
export { SimProperties } from './properties-service';
export { SimCache } from './cache-service';
export { SimHtmlOutput } from './html-service';
export { SimConditionalFormatRule, SimDataValidation, SimFilter, SimProtection } from './sheet-rules';
export { FORMULA_RESULT } from './cell-value';
export { formatDate } from './format-date';
