import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { createClock, type SimClock } from '../clock';
import type { FakeHandler, FakeHttpRequest } from '../http';
import { Bridge } from './bridge';
import { SimCache, SimCacheService } from './cache-service';
import { CallCounter } from './call-counter';
import { ExecutionTracker } from './execution';
import { SimHtmlService } from './html-service';
import { LockManager, SimLockService } from './lock-service';
import { LogSink, SimLogger, type LogEntry } from './logger';
import { SimProperties, SimPropertiesService } from './properties-service';
import { SimRange } from './range';
import { SimMailApp, type SentMail } from './mail-app';
import { SimScriptApp, TriggerStore, type SimTrigger } from './script-app';
import { SheetsFaults, type SheetsFault } from './sheets-faults';
import { SimSession } from './session';
import { installSimDate } from './sim-date';
import { bindBuiltins } from './bind-builtins';
import { SimSpreadsheet } from './spreadsheet';
import { SimSpreadsheetApp } from './spreadsheet-app';
import { createUiRecord, type UiRecord } from './ui';
import { Network, SimUrlFetchApp } from './url-fetch-app';
import { SimUtilities } from './utilities';

export interface SimulatorOptions {
  clock?: SimClock;
  /** Spreadsheet and script time zone. Default 'America/New_York'. */
  timeZone?: string;
  /** Session.getActiveUser().getEmail(). Default 'ops@example.com'. */
  activeUser?: string;
  /** Session.getEffectiveUser(); owner of triggers created by call(). Default: activeUser. */
  effectiveUser?: string;
  /** Simulated time charged to the clock per call. Default all 0. */
  costs?: { urlFetchMs?: number; sheetsCallMs?: number; sheetsPerCellMs?: number; sheetsPerKbMs?: number };
  /** Default 360_000 (6 min). */
  executionLimitMs?: number;
  /** Extension: also print captured console/Logger output to stdout. Default false. */
  echoLogs?: boolean;
  /** The bound spreadsheet's ID. Default '1SimSpreadsheetId…'. */
  spreadsheetId?: string;
}

export interface Simulator {
  clock: SimClock;
  network: {
    route(urlPrefix: string, handler: FakeHandler): void;
    /**
     * The next `count` requests (to `urlPrefix`, if given) fail as UrlFetchApp does when no answer
     * comes: 'timeout' after 60 s, 'dns' at once. Extension: with `delivered: true` a timeout happens
     * after the server received and processed the request (its answer is lost).
     */
    failNext(opts: { kind: 'timeout' | 'dns'; count?: number; urlPrefix?: string; delivered?: boolean }): void;
    /** Extension: injected network failures not used yet. */
    pendingFailures(): number;
    /** Extension: drops the injected network failures not used yet. */
    clearFailures(): void;
    requests: FakeHttpRequest[];
  };
  /** Extension: the simulated time charged per call, changeable between executions. */
  costs: { urlFetchMs: number; sheetsCallMs: number; sheetsPerCellMs: number; sheetsPerKbMs: number };
  /** Extension: injected failures of Apps Script services (see sheets-faults.ts). */
  faults: {
    failSheets(fault: SheetsFault): void;
    pendingSheets(): number;
    clearSheets(): void;
    /** Sheets faults that fired, in order. */
    sheetsFired: { kind: string; method: string; message: string }[];
  };
  load(bundlePath: string): void;
  loadSource(code: string, filename?: string): void;
  call<T = unknown>(fnName: string, ...args: unknown[]): T;
  context: vm.Context;
  counts: Record<string, number>;
  resetCounts(): void;
  /** Extension: records every counted call ('Range.setValues', …) in order, until stopTrace(). */
  startTrace(): string[];
  stopTrace(): void;
  spreadsheet: SimSpreadsheet;
  properties: { script: SimProperties; user: SimProperties; document: SimProperties };
  cache: { script: SimCache; user: SimCache; document: SimCache };
  locks: {
    holdScriptLock(): void;
    releaseHeldScriptLock(): void;
    /** Extension: another execution holds the document lock (e.g. a Save from another browser). */
    holdDocumentLock(): void;
    releaseHeldDocumentLock(): void;
  };
  triggers: { list(): SimTrigger[]; fire(handlerName: string): unknown };
  /** Later call()s run as this person (another editor of the same spreadsheet). */
  setUser(email: string): void;
  ui: UiRecord;
  logs: LogEntry[];
  htmlFiles: Record<string, string>;
  /** Extension: values of a tab's data range, read host-side without counting. Throws if the tab is missing. */
  readSheet(name: string): unknown[][];
  /** Every e-mail MailApp sent, in order. */
  mail: SentMail[];
  /**
   * Extension: File → Make a copy, seen from the copy. The copy gets a new ID and the same tabs;
   * the bound script is copied with it as a new script (new caches, empty), installable triggers
   * are not copied (notes 10.1). Whether script properties are copied is unverified:
   * `keepProperties` (default true) takes the worse case.
   */
  makeCopy(opts?: { id?: string; keepProperties?: boolean }): void;
}

const SHEETS_KINDS = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range']);
const CELL_METHODS = new Set(['getValues', 'setValues', 'getDisplayValues', 'getFormulas', 'setFormulas', 'getNumberFormats', 'setNumberFormats', 'getBackgrounds', 'setBackgrounds']);
const STORE_GETTERS = new Set(['getScriptProperties', 'getUserProperties', 'getDocumentProperties', 'getScriptCache', 'getUserCache', 'getDocumentCache']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function hostError(e: unknown): Error {
  const rec = (e ?? {}) as { message?: unknown; name?: unknown; stack?: unknown };
  const message = typeof e === 'object' && e !== null && 'message' in e ? String(rec.message) : String(e);
  const err = new Error(message);
  if (typeof rec.name === 'string' && rec.name !== 'Error') err.name = rec.name;
  if (typeof rec.stack === 'string') Object.defineProperty(err, 'scriptStack', { value: rec.stack, enumerable: false });
  return err;
}

function clockEvent(trigger: SimTrigger, now: number): Record<string, unknown> {
  const d = new Date(now);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    authMode: 'FULL',
    triggerUid: trigger.id,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    'week-of-year': Math.floor((now - jan1) / (7 * 86_400_000)) + 1,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
}

function valueChars(v: unknown): number {
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'string') return v.length;
  if (v instanceof Date) return 10;
  return String(v).length;
}

function gridChars(grid: unknown): number {
  let n = 0;
  if (Array.isArray(grid)) for (const row of grid) if (Array.isArray(row)) for (const v of row) n += valueChars(v);
  return n;
}

function rangeChars(range: SimRange): number {
  let n = 0;
  for (let i = 0; i < range.numRows; i++) for (let j = 0; j < range.numCols; j++) n += valueChars(range.sheet._cell(range.row + i, range.col + j)?.value);
  return n;
}

export function createSimulator(opts: SimulatorOptions = {}): Simulator {
  const clock = opts.clock ?? createClock();
  const timeZone = opts.timeZone ?? 'America/New_York';
  let activeUser = opts.activeUser ?? 'ops@example.com';
  let effectiveUser = opts.effectiveUser ?? activeUser;
  const costs = { urlFetchMs: 0, sheetsCallMs: 0, sheetsPerCellMs: 0, sheetsPerKbMs: 0, ...opts.costs };

  const context = vm.createContext({});
  installSimDate(context, () => clock.now());
  bindBuiltins(context);
  const bridge = new Bridge(context);
  const counter = new CallCounter();
  const executions = new ExecutionTracker(clock, opts.executionLimitMs ?? 360_000, effectiveUser);
  const logSink = new LogSink(opts.echoLogs ?? false);
  const ui = createUiRecord();
  const network = new Network();
  const spreadsheet = new SimSpreadsheet({ timeZone, ui, id: opts.spreadsheetId });
  const mail: SentMail[] = [];
  const properties = { script: new SimProperties(), user: new SimProperties(), document: new SimProperties() };
  const cache = { script: new SimCache(clock), user: new SimCache(clock), document: new SimCache(clock) };
  const triggerStore = new TriggerStore();
  const lockManager = new LockManager(clock, executions);
  const sheetsFaults = new SheetsFaults(() => spreadsheet.getId());
  let appliedFault: { fault: SheetsFault } | undefined;

  let trace: string[] | undefined;
  bridge.hooks = {
    before(kind, method, target, args) {
      appliedFault = undefined;
      trace?.push(`${kind}.${method}`);
      if (SHEETS_KINDS.has(kind) && executions.current.killed === false) {
        const fault = sheetsFaults.take(kind, method);
        if (fault?.exhaustTime) clock.advance(executions.limitMs + 1);
        else if (fault?.applied) appliedFault = { fault };
        else if (fault) {
          executions.check();
          throw sheetsFaults.error(fault);
        }
      }
      executions.check();
      counter.add(`${kind}.${method}`);
      if (SHEETS_KINDS.has(kind)) {
        counter.add('sheets');
        let cells = 0;
        if (CELL_METHODS.has(method) && target instanceof SimRange) cells = target.numRows * target.numCols;
        if (kind === 'Sheet' && method === 'appendRow' && Array.isArray(args[0])) cells = args[0].length;
        let cost = costs.sheetsCallMs + costs.sheetsPerCellMs * cells;
        // Size as well as count: the characters moved by a read or a write (values as text).
        if (costs.sheetsPerKbMs > 0 && target instanceof SimRange && (method === 'getValues' || method === 'setValues')) {
          cost += (costs.sheetsPerKbMs * (method === 'setValues' ? gridChars(args[0]) : rangeChars(target))) / 1024;
        }
        if (cost > 0) clock.advance(cost);
      } else if (kind === 'PropertiesService' && !STORE_GETTERS.has(method)) counter.add('properties');
      else if (kind === 'CacheService' && !STORE_GETTERS.has(method)) counter.add('cache');
    },
    after() {
      const fired = appliedFault;
      appliedFault = undefined;
      if (fired) throw sheetsFaults.error(fired.fault);
    },
  };

  const sim: Simulator = {
    clock,
    network: {
      route: (prefix, handler) => network.route(prefix, handler),
      failNext: (o) => network.failNext(o),
      pendingFailures: () => network.pendingFailures(),
      clearFailures: () => network.clearFailures(),
      requests: network.requests,
    },
    costs,
    faults: {
      failSheets: (f) => sheetsFaults.add(f),
      pendingSheets: () => sheetsFaults.pending(),
      clearSheets: () => sheetsFaults.clear(),
      sheetsFired: sheetsFaults.fired,
    },
    load(bundlePath) {
      sim.loadSource(readFileSync(bundlePath, 'utf8'), bundlePath);
    },
    loadSource(code, filename = 'inline.js') {
      runExecution(effectiveUser, () => vm.runInContext(code, context, { filename }));
    },
    call<T>(fnName: string, ...args: unknown[]): T {
      const fn = lookup(fnName);
      return runExecution(effectiveUser, () => fn(...args.map((a) => bridge.toContext(a)))) as T;
    },
    context,
    counts: counter.counts,
    resetCounts: () => counter.reset(),
    startTrace: () => (trace = []),
    stopTrace: () => {
      trace = undefined;
    },
    spreadsheet,
    properties,
    cache,
    locks: {
      holdScriptLock() {
        if (lockManager.holders.script !== null && lockManager.holders.script !== 'external') {
          throw new Error('holdScriptLock: an execution already holds the script lock');
        }
        lockManager.holders.script = 'external';
      },
      releaseHeldScriptLock() {
        if (lockManager.holders.script === 'external') lockManager.holders.script = null;
      },
      holdDocumentLock() {
        if (lockManager.holders.document !== null && lockManager.holders.document !== 'external') {
          throw new Error('holdDocumentLock: an execution already holds the document lock');
        }
        lockManager.holders.document = 'external';
      },
      releaseHeldDocumentLock() {
        if (lockManager.holders.document === 'external') lockManager.holders.document = null;
      },
    },
    triggers: {
      list: () => triggerStore.triggers.map((t) => ({ ...t })),
      fire(handlerName) {
        const trigger = triggerStore.triggers.find((t) => t.handlerFunction === handlerName);
        if (!trigger) throw new Error(`No trigger is installed for ${handlerName}`);
        const fn = lookup(handlerName);
        return runExecution(trigger.owner, () => fn(bridge.toContext(clockEvent(trigger, clock.now()))));
      },
    },
    setUser(email) {
      activeUser = email;
      effectiveUser = email;
    },
    ui,
    logs: logSink.entries,
    htmlFiles: {},
    readSheet(name) {
      const sheet = spreadsheet.getSheetByName(name);
      if (!sheet) throw new Error(`No sheet named ${name}`);
      return sheet._values();
    },
    mail,
    makeCopy({ id = '1SimSpreadsheetCopy00000000000000000000000000', keepProperties = true } = {}) {
      spreadsheet._setId(id);
      spreadsheet.rename(`Copy of ${spreadsheet.getName()}`);
      triggerStore.triggers.splice(0, triggerStore.triggers.length);
      for (const c of Object.values(cache)) c._clear();
      if (!keepProperties) for (const k of Object.keys(properties.script.getProperties())) properties.script.deleteProperty(k);
    },
  };

  const globals: Record<string, object> = {
    SpreadsheetApp: new SimSpreadsheetApp(spreadsheet, ui, () => clock.now()),
    PropertiesService: new SimPropertiesService(properties),
    CacheService: new SimCacheService(cache),
    LockService: new SimLockService(lockManager),
    ScriptApp: new SimScriptApp(triggerStore, () => executions.current.user),
    UrlFetchApp: new SimUrlFetchApp(network, clock, {
      perRequest() {
        counter.add('urlfetch');
        if (costs.urlFetchMs > 0) clock.advance(costs.urlFetchMs);
      },
    }),
    HtmlService: new SimHtmlService(() => sim.htmlFiles, context),
    Utilities: new SimUtilities(clock),
    Session: new SimSession(() => activeUser, () => executions.current.user, timeZone),
    Logger: new SimLogger(logSink),
    MailApp: new SimMailApp(clock, () => executions.current.user, mail),
  };
  for (const [name, service] of Object.entries(globals)) context[name] = bridge.toContext(service);
  context.console = logSink.console();

  function lookup(fnName: string): (...args: unknown[]) => unknown {
    let fn: unknown = context[fnName];
    if (typeof fn !== 'function' && IDENTIFIER.test(fnName)) {
      // top-level `const f = () => ...` is not a property of the global object
      fn = vm.runInContext(`typeof ${fnName} === 'function' ? ${fnName} : undefined`, context);
    }
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${fnName}`);
    return fn as (...args: unknown[]) => unknown;
  }

  function runExecution(user: string, body: () => unknown): unknown {
    const prev = executions.begin(user);
    let result: unknown;
    let failure: { error: unknown } | undefined;
    try {
      result = body();
    } catch (error) {
      failure = { error };
    }
    const ended = executions.end(prev);
    lockManager.releaseAllHeldBy(ended.id);
    if (ended.killed || clock.now() - ended.startMs > executions.limitMs) {
      throw new Error('Exception: Exceeded maximum execution time');
    }
    if (failure) throw hostError(failure.error);
    return result !== null && typeof result === 'object' ? JSON.parse(JSON.stringify(result)) : result;
  }

  return sim;
}
