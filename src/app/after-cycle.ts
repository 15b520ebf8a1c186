import { errorsMayHaveChanged, noteNewErrors, sendDigest } from '../alerts/alert-digest';
import type { AlertItem } from '../alerts/alert-kinds';
import type { OrderAtRisk } from '../sync/orders/deadlines-at-risk';
import type { RecordView } from '../sync/orders/order-record';
import { writeOverview } from '../overview/write-overview';
import { statusLine } from '../alerts/status-line';
import { type HealthView, SyncHealth } from '../alerts/sync-health';
import { errorMessage } from '../core/errors';
import type { Clock } from '../core/ports/clock';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { Mailer } from '../core/ports/mailer';
import type { SpreadsheetInfo } from '../core/ports/spreadsheet-info';
import type { CellNotes, Workbook } from '../core/ports/workbook';
import { redact } from '../core/redact';
import type { ScheduleView } from '../schedule/scheduler';
import { SECRET_FIELDS, type Settings } from '../settings/settings';
import { DASHBOARD_TAB } from '../sheet/sheet-template';

const UNHEALTHY_KEY = 'status.unhealthy';
export const UNHEALTHY_TAB_COLOR = '#d93025';

export interface AfterCycleDeps {
  store: KeyValueStore;
  clock: Clock;
  settings: () => Settings;
  workbook: () => Workbook;
  notes: () => CellNotes;
  spreadsheet: () => SpreadsheetInfo;
  mailer: () => Mailer;
  schedule: () => ScheduleView;
  log: (level: 'INFO' | 'WARN', ...messages: string[]) => void;
}

/**
 * What follows a cycle that ran: its outcome (the sync's health), the status line in the sheet,
 * and, after a scheduled run, the opt-in alert e-mail. A failure here is logged and never hides the
 * cycle's own result.
 */
export class AfterCycle {
  constructor(private readonly deps: AfterCycleDeps) {}

  /** A copy of the spreadsheet starts with no remembered status or sync history. */
  static forget(store: KeyValueStore): void {
    store.delete(UNHEALTHY_KEY);
    new SyncHealth(store).forget();
  }

  record(
    result: { fatal?: string; summary: { errors: number; pulled?: number; shipped?: number }; ordersAtRisk?: readonly OrderAtRisk[]; records?: readonly RecordView[] },
    scheduled: boolean,
  ): HealthView {
    const { store } = this.deps;
    const now = this.deps.clock.now();
    const health = new SyncHealth(store).record(now, result.fatal);
    const settings = this.deps.settings();
    const secrets = SECRET_FIELDS.map((f) => settings[f]);
    const notes: string[] = [];
    let problem = false;
    try {
      this.showStatus(health);
    } catch (e) {
      problem = true;
      notes.push(`The status note on the Dashboard could not be updated: ${redact(errorMessage(e), secrets)}`);
    }
    if (result.records && !result.fatal) {
      try {
        const info = this.deps.spreadsheet();
        writeOverview(
          { workbook: this.deps.workbook(), store, formatTime: (ms) => info.formatTime(ms) },
          { records: result.records, summary: { pulled: result.summary.pulled ?? 0, shipped: result.summary.shipped ?? 0 }, lastSuccessAt: health.lastSuccessAt, nextDueAt: this.deps.schedule().nextDueAt, now },
        );
      } catch (e) {
        problem = true;
        notes.push(`The Overview tab could not be updated: ${redact(errorMessage(e), secrets)}`);
      }
    }
    const recipients = settings.alertEmails.split(',').map((a) => a.trim()).filter(Boolean);
    // Manual syncs note new Error rows too; the next scheduled run mails them.
    if (recipients.length && result.summary.errors > 0) noteNewErrors(store);
    if (scheduled && recipients.length) {
      try {
        const info = this.deps.spreadsheet();
        const outcome = sendDigest(
          { store, mailer: this.deps.mailer(), recipients, sheetUrl: info.url(), secrets },
          {
            now,
            intervalHours: this.deps.schedule().intervalHours,
            health,
            formatTime: (ms) => info.formatTime(ms),
            errorsMayHaveChanged: errorsMayHaveChanged(store),
            errorRows: () => this.errorRows(),
            ordersAtRisk: result.ordersAtRisk,
          },
        );
        if (outcome.note) notes.push(outcome.note);
        problem ||= !outcome.sent && !!outcome.note;
      } catch (e) {
        problem = true;
        notes.push(`Alert e-mail not sent: ${redact(errorMessage(e), secrets)}`);
      }
    }
    if (notes.length) this.deps.log(problem ? 'WARN' : 'INFO', ...notes);
    return health;
  }

  /** One small write a cycle: the note on the Dashboard's first header cell; the tab colour only when health changes. */
  private showStatus(health: HealthView): void {
    const view = this.deps.schedule();
    const info = this.deps.spreadsheet();
    const line = statusLine(health, view.nextDueAt, view.intervalHours, this.deps.clock.now(), (ms) => info.formatTime(ms));
    if (!this.deps.notes().noteCell(DASHBOARD_TAB, 'A1', line.text)) return;
    const { store } = this.deps;
    const wasUnhealthy = store.get(UNHEALTHY_KEY) === 'true';
    if (wasUnhealthy === !line.healthy) return;
    this.deps.workbook().tab(DASHBOARD_TAB)?.setTabColor(line.healthy ? null : UNHEALTHY_TAB_COLOR);
    if (line.healthy) store.delete(UNHEALTHY_KEY);
    else store.set(UNHEALTHY_KEY, 'true');
  }

  /** The Dashboard's Error rows, for the alert e-mail (one Sheets call, only when new errors were noted). */
  private errorRows(): AlertItem[] {
    const rows = this.deps.workbook().tab(DASHBOARD_TAB)?.readAll().slice(1) ?? [];
    return rows
      .filter((r) => String(r[4]) === 'Error')
      .map((r) => {
        const id = String(r[1] ?? '');
        const message = String(r[8] ?? '').replace(/^'/, '');
        const po = String(r[2] ?? '').replace(/^'/, '');
        return { key: `${id}\n${message}`, text: `Order ${id}${po ? ` (${po})` : ''}: ${message}` };
      });
  }
}
