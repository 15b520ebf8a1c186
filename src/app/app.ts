import { ApiError, errorMessage } from '../core/errors';
import { SyncHealth } from '../alerts/sync-health';
import type { Mailer } from '../core/ports/mailer';
import type { SpreadsheetInfo } from '../core/ports/spreadsheet-info';
import type { Cache } from '../core/ports/cache';
import type { Clock } from '../core/ports/clock';
import type { HttpPort } from '../core/ports/http-port';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { ScriptLock } from '../core/ports/script-lock';
import type { SpreadsheetUi } from '../core/ports/spreadsheet-ui';
import type { CurrentUser, TimeTriggers } from '../core/ports/time-triggers';
import type { CellNotes, Workbook } from '../core/ports/workbook';
import { describeInterval } from '../schedule/cadence';
import { Scheduler, type ScheduleView } from '../schedule/scheduler';
import { redact } from '../core/redact';
import { TimeBudget } from '../core/time/time-budget';
import { toPublicSettings, type PublicSettings, SECRET_FIELDS, type Settings } from '../settings/settings';
import type { SettingsRepository } from '../settings/settings-repository';
import { type FieldErrors, validateSettingsForm } from '../settings/validate-settings-form';
import { connectionSettings } from '../settings/connection-form';
import { applyTemplate, type SetupSummary } from '../sheet/apply-template';
import { LogsRecreatingWorkbook } from '../sheet/logs-recreating-workbook';
import { ordersTabRefusal } from '../sheet/orders-tab-guard';
import { CARRIER_MAP_TAB, HELP_TAB, LOGS_TAB, SHEET_TEMPLATE } from '../sheet/sheet-template';
import { ActivityLog } from '../sync/cycle/activity-log';
import { type CycleMode, type CycleResult, runCycle, type SyncDeps } from '../sync/cycle/run-cycle';
import { checkConnections, type ConnectionReport } from './check-connections';
import { type ClientDeps, createDscoClient, createShipStationClient } from './client-factory';
import { AfterCycle } from './after-cycle';
import { InstallRecord } from './install-record';
import { MENU_ENTRIES, MENU_TITLE } from './menu';
import { ReportedFailure } from './reported-failure';
import { cellsUsed } from '../storage/cells-used';
import { PROPERTIES, TABS } from '../storage/storage-map';
import { markLayoutCurrent, upgradeLayoutIfNeeded } from '../sheet/layout-upgrade';
import { dueOrLateFilterFormula } from '../sheet/deadline-highlights';

export interface AppDeps {
  ui: () => SpreadsheetUi;
  triggers: () => TimeTriggers;
  user: () => CurrentUser;
  lock: () => ScriptLock;
  store: () => KeyValueStore;
  workbook: () => Workbook;
  settings: () => SettingsRepository;
  http: () => HttpPort;
  cache: () => Cache;
  clock: Clock;
  /** The document lock: settings and schedule changes (the script lock is the sync's). */
  settingsLock: () => ScriptLock;
  notes: () => CellNotes;
  mailer: () => Mailer;
  spreadsheet: () => SpreadsheetInfo;
}

/** The schedule as the sidebar shows it: who runs it, when it is due, how the sync has been doing. */
export type ScheduleStatus = ScheduleView & { lastSuccessAt: number | null; failures: number; lastProblem: string };

export type SaveResult = { ok: true; settings: PublicSettings; schedule: ScheduleStatus; scheduleNote: string } | { ok: false; errors: FieldErrors };

export type SetupResult = SetupSummary & { refused?: string };

/** A connection test must answer while the sidebar waits: well under Apps Script's 6 minutes. */
const CONNECTION_TEST_BUDGET_MS = 60_000;
export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_WIDTH_PX = 300;
/** A Save or a take-over waits this long for another one to finish. */
const SETTINGS_LOCK_WAIT_MS = 10_000;
/** Transient stops in a row after which the trigger's owner is told (Apps Script's failure e-mail). */
export const REPEATED_FAILURES = 3;
const BUSY = 'Another change to the settings or the schedule is being saved right now; try again in a moment.';

/**
 * What each entry point does, written against ports. The composition root supplies Apps Script
 * adapters; tests supply the simulator's.
 */
export class App {
  constructor(private readonly deps: AppDeps) {}

  /** Simple trigger: builds the menu and nothing else (it may not fetch or read settings). */
  onOpen(): void {
    this.deps.ui().addMenu(MENU_TITLE, MENU_ENTRIES);
  }

  showSettings(): void {
    this.deps.ui().showSidebar(SIDEBAR_FILE, 'DSCO Sync settings', SIDEBAR_WIDTH_PX);
  }

  getSettings(): PublicSettings {
    return toPublicSettings(this.deps.settings().load());
  }

  /**
   * Validates and saves the sidebar's form, under the settings lock (two first saves at once never
   * make two schedules). A new or changed ShipStation store or key is checked against the account's
   * store list first: only a store that exists is saved. A new interval (or a missing schedule)
   * rebuilds the trigger right away; a cycle already running finishes under the old one.
   */
  saveSettings(form: unknown): SaveResult {
    const repo = this.deps.settings();
    const before = repo.load();
    const result = validateSettingsForm(form, before);
    if (!result.ok) return { ok: false, errors: result.errors };
    const next = result.settings;
    if (next.ssStoreId !== before.ssStoreId || next.ssApiKey !== before.ssApiKey || next.ssApiSecret !== before.ssApiSecret) {
      const problem = this.storeProblem(next, before);
      if (problem) return { ok: false, errors: problem };
    }
    return this.underSettingsLock<SaveResult>(
      () => {
        const install = this.install();
        const scheduler = this.scheduler();
        // A copy has no trigger and a stale schedule and history: it starts anew, as its own.
        if (install.isCopy()) {
          scheduler.forget();
          AfterCycle.forget(this.deps.store());
        }
        repo.save(next);
        install.record();
        const current = scheduler.view();
        const needsTrigger = next.pollIntervalHours !== current.intervalHours || (current.ownedByMe && !current.active && !current.paused) || !current.owner;
        const scheduleNote = needsTrigger ? scheduler.apply(next.pollIntervalHours) : current.description;
        return { ok: true, settings: toPublicSettings(next), schedule: this.getSchedule(), scheduleNote };
      },
      () => ({ ok: false, errors: { form: `${BUSY} Nothing was saved.` } }),
    );
  }

  /** Whether ShipStation lists the store; a field error when it does not, or when it cannot tell. */
  private storeProblem(settings: Settings, saved: Settings): FieldErrors | null {
    const budget = new TimeBudget(this.deps.clock, CONNECTION_TEST_BUDGET_MS);
    let ids: number[];
    let canListStores = true;
    try {
      const client = createShipStationClient(settings, this.clientDeps(), budget);
      // API V2 has no stores endpoint: it only sees the stores on recent orders, so a new account's
      // store cannot be confirmed. The call still proves the key works; Test connection says what
      // could not be checked, and the store is accepted as typed.
      canListStores = client.apiVersion !== 'V2';
      ids = client.listStores().map((s) => s.storeId);
    } catch (e) {
      const why = this.redactAll(errorMessage(e), [...SECRET_FIELDS.map((f) => settings[f]), ...SECRET_FIELDS.map((f) => saved[f])]);
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return { ssApiKey: `${why} Nothing was saved.` };
      return { ssStoreId: `Could not check the store with ShipStation: ${why} Nothing was saved; try again.` };
    }
    if (!canListStores || ids.includes(settings.ssStoreId as number)) return null;
    return { ssStoreId: `Store ${settings.ssStoreId} is not one of this ShipStation account's stores: press Test connection and choose one from the list. Nothing was saved.` };
  }

  getSchedule(): ScheduleStatus {
    const health = new SyncHealth(this.deps.store()).view();
    return { ...this.scheduler().view(), lastSuccessAt: health.lastSuccessAt, failures: health.failures, lastProblem: health.lastProblem };
  }

  pauseSchedule(): string {
    const message = this.underSettingsLock(() => this.scheduler().pause(), () => BUSY);
    this.deps.ui().toast(message, 'DSCO Sync');
    return message;
  }

  resumeSchedule(): string {
    const message = this.underSettingsLock(() => this.scheduler().resume(), () => BUSY);
    this.deps.ui().toast(message, 'DSCO Sync');
    return message;
  }

  /** Menu "Take over scheduled sync": after a Yes that names the current owner, the schedule runs as this person. */
  takeOverSchedule(): string {
    const me = this.deps.user().email();
    const view = this.scheduler().view();
    if (!view.owner && view.intervalHours === null) {
      const message = 'There is no schedule to take over yet: save the settings (DSCO Sync → Settings…) to start one.';
      this.deps.ui().alert('Take over scheduled sync', message);
      return message;
    }
    const interval = view.intervalHours ? ` (${describeInterval(view.intervalHours)})` : '';
    const question =
      view.owner && view.owner !== me
        ? `The scheduled sync is run by ${view.owner}. Take it over? It will run as you (${me})${interval}, and ${view.owner}'s trigger stops syncing.`
        : `Recreate the scheduled sync trigger, run by you (${me})${interval}?`;
    if (!this.deps.ui().confirm('Take over scheduled sync', question)) return 'Nothing was changed.';
    const message = this.underSettingsLock(() => this.scheduler().takeOver(), () => BUSY);
    this.deps.ui().toast(message, 'DSCO Sync');
    return message;
  }

  /** Menu "How it works": the help tab, created if missing. */
  showHelp(): void {
    const workbook = this.deps.workbook();
    if (!workbook.tab(HELP_TAB)) applyTemplate(workbook, SHEET_TEMPLATE);
    workbook.tab(HELP_TAB)?.activate();
  }

  /** Menu "Show orders late or due today": one click lists them on the Dashboard (its filter hides the rest; no row moves). */
  showDueOrders(): void {
    this.filterDashboard(dueOrLateFilterFormula());
  }

  /** Menu "Show all orders". */
  showAllOrders(): void {
    this.filterDashboard(null);
  }

  private filterDashboard(formula: string | null): void {
    const workbook = this.deps.workbook();
    if (!workbook.tab(TABS.dashboard.name)) applyTemplate(workbook, SHEET_TEMPLATE);
    const tab = workbook.tab(TABS.dashboard.name);
    if (!tab) return;
    tab.showOnly(TABS.dashboard.col.shipBy, formula, TABS.dashboard.width);
    tab.activate();
  }

  /** Sidebar shortcut to the Carrier Map tab. */
  openCarrierMap(): void {
    const workbook = this.deps.workbook();
    if (!workbook.tab(CARRIER_MAP_TAB)) applyTemplate(workbook, SHEET_TEMPLATE);
    workbook.tab(CARRIER_MAP_TAB)?.activate();
  }

  /**
   * Sidebar "Test connection" on the values as typed (the form saveSettings takes; a blank secret
   * is the saved one): each service's result and the account's store list, so the store can be
   * chosen before the first Save.
   */
  testConnection(form?: unknown): ConnectionReport {
    const saved = this.deps.settings().load();
    const settings = connectionSettings(form, saved);
    const budget = new TimeBudget(this.deps.clock, CONNECTION_TEST_BUDGET_MS);
    const deps = this.clientDeps();
    const report = checkConnections(
      () => createDscoClient(settings, deps, budget),
      () => createShipStationClient(settings, deps, budget),
      settings.ssStoreId,
    );
    const secrets = [...SECRET_FIELDS.map((f) => saved[f]), ...SECRET_FIELDS.map((f) => settings[f])];
    report.dsco.message = this.redactAll(report.dsco.message, secrets);
    report.shipstation.message = this.redactAll(report.shipstation.message, secrets);
    return report;
  }

  /** Menu "Set up sheet": creates or repairs the tabs, but never an empty _Orders while orders are on the Dashboard. */
  setupSheet(): SetupResult {
    const workbook = this.deps.workbook();
    const refused = ordersTabRefusal(workbook);
    if (refused) {
      this.deps.ui().alert('Set up sheet did not run', refused);
      return { created: [], repaired: [], seeded: [], trimmed: [], refused };
    }
    const summary = applyTemplate(workbook, SHEET_TEMPLATE);
    markLayoutCurrent(this.deps.store());
    // The Overview shows the size from the daily housekeeping; a new sheet gets it now.
    this.deps.store().set(PROPERTIES.cellsUsed, String(cellsUsed(workbook).total));
    const parts = [
      summary.created.length ? `created ${summary.created.join(', ')}` : '',
      summary.repaired.length ? `repaired the headers of ${summary.repaired.join(', ')}` : '',
      summary.seeded.length ? `filled in the defaults of ${summary.seeded.join(', ')}` : '',
      summary.trimmed.length ? `removed unused cells from ${summary.trimmed.join(', ')}` : '',
    ].filter(Boolean);
    this.deps.ui().toast(parts.length ? `Sheet set up: ${parts.join('; ')}.` : 'The sheet was already set up.', 'DSCO Sync');
    return summary;
  }

  /** Menu "Sync now": one cycle, then a toast with the summary, or an alert that says what to do. */
  syncNow(): CycleResult {
    return this.runInteractive('manual');
  }

  /**
   * The time-driven trigger. A trigger of anyone but the schedule's owner exits (and removes
   * itself); one that is not due yet exits (intervals Apps Script cannot schedule run on a divisor);
   * a run skipped by the lock does not count as a run. No UI is available here: everything goes to
   * the Logs tab, and a stop the next run cannot fix by itself (credentials, settings, a damaged
   * sheet, a copy, or repeated failures) is thrown after logging, so Apps Script e-mails the
   * failure to the trigger's owner.
   */
  runScheduledSync(): CycleResult | { ran: false; message: string } {
    const scheduler = this.scheduler();
    const decision = this.underSettingsLock(() => scheduler.decide(), () => ({ run: false as const, reason: 'Skipped: the settings or the schedule were being changed.' }));
    if (!decision.run) return { ran: false, message: decision.reason };
    this.refuseInCopy();
    const startedAt = this.deps.clock.now();
    this.upgradeLayout();
    const result = runCycle(this.syncDeps(), 'scheduled');
    if (!result.ran) return result;
    scheduler.recordRun(startedAt);
    const health = this.afterCycle().record(result, true);
    if (result.fatal && (result.needsPerson || health.failures >= REPEATED_FAILURES)) {
      const repeated = result.needsPerson ? '' : ` (${health.failures} scheduled syncs in a row stopped)`;
      throw new ReportedFailure(`DSCO Sync stopped${repeated}: ${result.fatal}`);
    }
    return result;
  }

  /** Menu "Retry failed orders": a cycle that also redoes the failed step of every Error row. */
  retryFailed(): CycleResult {
    return this.runInteractive('retry');
  }

  private runInteractive(mode: CycleMode): CycleResult {
    this.refuseInCopy();
    this.upgradeLayout();
    const result = runCycle(this.syncDeps(), mode);
    if (result.ran) this.afterCycle().record(result, false);
    if (result.fatal) this.deps.ui().alert('DSCO Sync stopped', result.fatal);
    else this.deps.ui().toast(result.message, 'DSCO Sync');
    return result;
  }

  /** A sheet set up by an earlier version gets this version's tabs and columns before the sync writes to them. */
  private upgradeLayout(): void {
    try {
      if (upgradeLayoutIfNeeded(this.deps.workbook(), this.deps.store())) this.logNow('INFO', 'The sheet was brought up to this version (new tabs and columns), as Set up sheet does; no order row was touched.');
    } catch (e) {
      this.logNow('WARN', `The sheet could not be brought up to this version: ${errorMessage(e)} Choose DSCO Sync → Set up sheet.`);
    }
  }

  /** In a copy of the spreadsheet nothing syncs until the settings are saved there: logged, then thrown. */
  private refuseInCopy(): void {
    const refusal = this.install().refusal();
    if (!refusal) return;
    this.logNow('ERROR', refusal);
    throw new ReportedFailure(refusal);
  }

  /** Writes lines to the Logs tab now (recreating it if it is missing). */
  private logNow(level: 'INFO' | 'WARN' | 'ERROR', ...messages: string[]): void {
    let secrets: string[] = [];
    try {
      const s = this.deps.settings().load();
      secrets = SECRET_FIELDS.map((f) => s[f]);
    } catch {
      // settings unreadable: the generic patterns still apply
    }
    try {
      const log = new ActivityLog(() => this.deps.clock.now(), () => secrets);
      for (const m of messages) (level === 'ERROR' ? log.error : level === 'WARN' ? log.warn : log.info).call(log, '', '', m);
      log.flush(this.workbook().tab(LOGS_TAB));
    } catch {
      // the sheet itself failed; Apps Script's execution log still has the error
    }
  }

  private workbook(): LogsRecreatingWorkbook {
    return new LogsRecreatingWorkbook(this.deps.workbook(), () => this.deps.clock.now());
  }

  private afterCycle(): AfterCycle {
    return new AfterCycle({
      store: this.deps.store(),
      clock: this.deps.clock,
      settings: () => this.deps.settings().load(),
      workbook: () => this.deps.workbook(),
      notes: () => this.deps.notes(),
      spreadsheet: () => this.deps.spreadsheet(),
      mailer: () => this.deps.mailer(),
      schedule: () => this.scheduler().view(),
      log: (level, ...messages) => this.logNow(level, ...messages),
    });
  }

  private install(): InstallRecord {
    return new InstallRecord(this.deps.store(), this.deps.spreadsheet());
  }

  /** Runs work under the settings lock (the document lock), or `busy` when another change holds it. */
  private underSettingsLock<T>(work: () => T, busy: () => T): T {
    const lock = this.deps.settingsLock();
    if (!lock.tryAcquire(SETTINGS_LOCK_WAIT_MS)) return busy();
    try {
      return work();
    } finally {
      lock.release();
    }
  }

  private syncDeps(): SyncDeps {
    const settings = this.deps.settings().load();
    const clientDeps = this.clientDeps();
    return {
      clock: this.deps.clock,
      lock: this.deps.lock(),
      workbook: this.workbook(),
      store: this.deps.store(),
      settings,
      dsco: (budget) => createDscoClient(settings, clientDeps, budget),
      shipstation: (budget) => createShipStationClient(settings, clientDeps, budget),
    };
  }

  /**
   * Runs an entry point. An error that escapes is redacted (it may travel to the browser or to
   * Apps Script's execution log) and, for the trigger, written to the Logs tab, since nobody sees
   * a trigger's failure otherwise.
   */
  guard<T>(entryPoint: string, work: () => T): T {
    try {
      return work();
    } catch (e) {
      let secrets: string[] = [];
      try {
        const s = this.deps.settings().load();
        secrets = SECRET_FIELDS.map((f) => s[f]);
      } catch {
        // settings unreadable: the generic patterns still apply
      }
      const message = redact(errorMessage(e), secrets);
      if (entryPoint === 'runScheduledSync' && !(e instanceof ReportedFailure)) this.logNow('ERROR', `Scheduled sync failed: ${message}`);
      throw new Error(message);
    }
  }

  private scheduler(): Scheduler {
    return new Scheduler(this.deps.store(), this.deps.triggers(), this.deps.user(), this.deps.clock);
  }

  private clientDeps(): ClientDeps {
    const repo = this.deps.settings();
    return {
      http: this.deps.http(),
      clock: this.deps.clock,
      cache: this.deps.cache(),
      baseUrlOverride: (name) => repo.baseUrlOverride(name),
    };
  }

  private redactAll(text: string, secrets: readonly string[]): string {
    try {
      return redact(text, secrets);
    } catch (e) {
      return `(message hidden: ${errorMessage(e).length} characters)`;
    }
  }
}
