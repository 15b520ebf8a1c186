import { errorMessage } from '../core/errors';
import type { Cache } from '../core/ports/cache';
import type { Clock } from '../core/ports/clock';
import type { HttpPort } from '../core/ports/http-port';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { ScriptLock } from '../core/ports/script-lock';
import type { SpreadsheetUi } from '../core/ports/spreadsheet-ui';
import type { Workbook } from '../core/ports/workbook';
import { redact } from '../core/redact';
import { TimeBudget } from '../core/time/time-budget';
import { toPublicSettings, type PublicSettings, SECRET_FIELDS, type Settings } from '../settings/settings';
import type { SettingsRepository } from '../settings/settings-repository';
import { type FieldErrors, validateSettingsForm } from '../settings/validate-settings-form';
import { applyTemplate, type SetupSummary } from '../sheet/apply-template';
import { SHEET_TEMPLATE } from '../sheet/sheet-template';
import { type CycleMode, type CycleResult, runCycle, type SyncDeps } from '../sync/run-cycle';
import { checkConnections, type ConnectionReport } from './check-connections';
import { type ClientDeps, createDscoClient, createShipStationClient } from './client-factory';
import { MENU_ENTRIES, MENU_TITLE } from './menu';

export interface AppDeps {
  ui: () => SpreadsheetUi;
  lock: () => ScriptLock;
  store: () => KeyValueStore;
  workbook: () => Workbook;
  settings: () => SettingsRepository;
  http: () => HttpPort;
  cache: () => Cache;
  clock: Clock;
}

export type SaveResult = { ok: true; settings: PublicSettings } | { ok: false; errors: FieldErrors };

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

  saveSettings(form: unknown): SaveResult {
    const repo = this.deps.settings();
    const result = validateSettingsForm(form, repo.load());
    if (!result.ok) return { ok: false, errors: result.errors };
    repo.save(result.settings);
    return { ok: true, settings: toPublicSettings(result.settings) };
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
    ].filter(Boolean);
    this.deps.ui().toast(parts.length ? `Sheet set up: ${parts.join('; ')}.` : 'The sheet was already set up.', 'DSCO Sync');
    return summary;
  }

  /** Menu "Sync now": one cycle, then a toast with the summary, or an alert that says what to do. */
  syncNow(): CycleResult {
    return this.runInteractive('manual');
  }

  /** The time-driven trigger: no UI is available, so everything goes to the Logs tab. */
  runScheduledSync(): CycleResult {
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
