import { errorMessage } from '../core/errors';
import type { Cache } from '../core/ports/cache';
import type { Clock } from '../core/ports/clock';
import type { HttpPort } from '../core/ports/http-port';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { ScriptLock } from '../core/ports/script-lock';
import type { SpreadsheetUi } from '../core/ports/spreadsheet-ui';
import type { CurrentUser, TimeTriggers } from '../core/ports/time-triggers';
import type { Workbook } from '../core/ports/workbook';
import { Scheduler, type ScheduleView } from '../schedule/scheduler';
import { redact } from '../core/redact';
import { TimeBudget } from '../core/time/time-budget';
import { toPublicSettings, type PublicSettings, SECRET_FIELDS, type Settings } from '../settings/settings';
import type { SettingsRepository } from '../settings/settings-repository';
import { type FieldErrors, validateSettingsForm } from '../settings/validate-settings-form';
import { applyTemplate, type SetupSummary } from '../sheet/apply-template';
import { CARRIER_MAP_TAB, HELP_TAB, LOGS_TAB, SHEET_TEMPLATE } from '../sheet/sheet-template';
import { ActivityLog } from '../sync/activity-log';
import { type CycleMode, type CycleResult, runCycle, type SyncDeps } from '../sync/run-cycle';
import { checkConnections, type ConnectionReport } from './check-connections';
import { type ClientDeps, createDscoClient, createShipStationClient } from './client-factory';
import { MENU_ENTRIES, MENU_TITLE } from './menu';

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
}

export type SaveResult = { ok: true; settings: PublicSettings; schedule: ScheduleView; scheduleNote: string } | { ok: false; errors: FieldErrors };

/** A connection test must answer while the sidebar waits: well under Apps Script's 6 minutes. */
const CONNECTION_TEST_BUDGET_MS = 60_000;
export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_WIDTH_PX = 300;

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
   * Validates and saves the sidebar's form. A new interval (or a missing schedule) rebuilds the
   * trigger right away; a cycle already running finishes under the old one.
   */
  saveSettings(form: unknown): SaveResult {
    const repo = this.deps.settings();
    const before = repo.load();
    const result = validateSettingsForm(form, before);
    if (!result.ok) return { ok: false, errors: result.errors };
    repo.save(result.settings);
    const scheduler = this.scheduler();
    const current = scheduler.view();
    const needsTrigger = result.settings.pollIntervalHours !== current.intervalHours || (current.ownedByMe && !current.active && !current.paused) || !current.owner;
    const scheduleNote = needsTrigger ? scheduler.apply(result.settings.pollIntervalHours) : current.description;
    return { ok: true, settings: toPublicSettings(result.settings), schedule: scheduler.view(), scheduleNote };
  }

  getSchedule(): ScheduleView {
    return this.scheduler().view();
  }

  pauseSchedule(): string {
    const message = this.scheduler().pause();
    this.deps.ui().toast(message, 'DSCO Sync');
    return message;
  }

  resumeSchedule(): string {
    const message = this.scheduler().resume();
    this.deps.ui().toast(message, 'DSCO Sync');
    return message;
  }

  /** Menu "How it works": the help tab, created if missing. */
  showHelp(): void {
    const workbook = this.deps.workbook();
    if (!workbook.tab(HELP_TAB)) applyTemplate(workbook, SHEET_TEMPLATE);
    workbook.tab(HELP_TAB)?.activate();
  }

  /** Sidebar shortcut to the Carrier Map tab. */
  openCarrierMap(): void {
    const workbook = this.deps.workbook();
    if (!workbook.tab(CARRIER_MAP_TAB)) applyTemplate(workbook, SHEET_TEMPLATE);
    workbook.tab(CARRIER_MAP_TAB)?.activate();
  }

  testConnection(): ConnectionReport {
    const settings = this.deps.settings().load();
    const budget = new TimeBudget(this.deps.clock, CONNECTION_TEST_BUDGET_MS);
    const deps = this.clientDeps();
    const report = checkConnections(
      () => createDscoClient(settings, deps, budget),
      () => createShipStationClient(settings, deps, budget),
      settings.ssStoreId,
    );
    report.dsco.message = this.redact(report.dsco.message, settings);
    report.shipstation.message = this.redact(report.shipstation.message, settings);
    return report;
  }

  setupSheet(): SetupSummary {
    const summary = applyTemplate(this.deps.workbook(), SHEET_TEMPLATE);
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
   * The time-driven trigger: runs a cycle when one is due (intervals Apps Script cannot schedule
   * run on a divisor). No UI is available here, so everything goes to the Logs tab.
   */
  runScheduledSync(): CycleResult | { ran: false; message: string } {
    const scheduler = this.scheduler();
    if (!scheduler.isDue()) return { ran: false, message: 'Not due yet.' };
    scheduler.recordRun(this.deps.clock.now());
    return runCycle(this.syncDeps(), 'scheduled');
  }

  /** Menu "Retry failed orders": a cycle that also redoes the failed step of every Error row. */
  retryFailed(): CycleResult {
    return this.runInteractive('retry');
  }

  private runInteractive(mode: CycleMode): CycleResult {
    const result = runCycle(this.syncDeps(), mode);
    if (result.fatal) this.deps.ui().alert('DSCO Sync stopped', result.fatal);
    else this.deps.ui().toast(result.message, 'DSCO Sync');
    return result;
  }

  private syncDeps(): SyncDeps {
    const settings = this.deps.settings().load();
    const clientDeps = this.clientDeps();
    return {
      clock: this.deps.clock,
      lock: this.deps.lock(),
      workbook: this.deps.workbook(),
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
      if (entryPoint === 'runScheduledSync') {
        try {
          const log = new ActivityLog(() => this.deps.clock.now(), () => secrets);
          log.error('', '', `Scheduled sync failed: ${message}`);
          log.flush(this.deps.workbook().tab(LOGS_TAB));
        } catch {
          // the sheet itself failed; Apps Script's execution log still records the error below
        }
      }
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

  private redact(text: string, settings: Settings): string {
    try {
      return redact(text, SECRET_FIELDS.map((f) => settings[f]));
    } catch (e) {
      return `(message hidden: ${errorMessage(e).length} characters)`;
    }
  }
}
