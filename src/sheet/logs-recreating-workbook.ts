import type { Tab, Workbook } from '../core/ports/workbook';
import { applyTabTemplate } from './apply-template';
import { LOGS_TAB, SHEET_TEMPLATE } from './sheet-template';

/**
 * The workbook the sync writes through: a missing Logs tab (deleted or renamed) is recreated from
 * the template the first time a log line needs it, with a first line that says so, instead of every
 * log line being dropped without a trace.
 */
export class LogsRecreatingWorkbook implements Workbook {
  constructor(
    private readonly inner: Workbook,
    private readonly now: () => number,
  ) {}

  tab(name: string): Tab | undefined {
    const tab = this.inner.tab(name);
    if (tab || name !== LOGS_TAB) return tab;
    const template = SHEET_TEMPLATE.tabs.find((t) => t.name === LOGS_TAB);
    if (!template) return undefined;
    const logs = applyTabTemplate(this.inner, SHEET_TEMPLATE, template, { created: [], repaired: [], seeded: [], trimmed: [] });
    logs.writeRows(2, [[new Date(this.now()), 'WARN', '', '', `The "${LOGS_TAB}" tab was missing (deleted or renamed) and has been recreated; earlier log lines are not in it.`]]);
    return logs;
  }

  createTab(name: string): Tab {
    return this.inner.createTab(name);
  }

  tabNames(): string[] {
    return this.inner.tabNames();
  }

  deleteTab(name: string): boolean {
    return this.inner.deleteTab(name);
  }
}
