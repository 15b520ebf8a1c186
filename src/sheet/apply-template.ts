import type { Tab, Workbook } from '../core/ports/workbook';
import type { SheetTemplate, TabTemplate } from './sheet-template';
import { deadlineHighlights } from './deadline-highlights';

export interface SetupSummary {
  created: string[];
  repaired: string[];
  seeded: string[];
  /** Tabs whose unused columns were deleted, and empty default tabs (Sheet1) removed. */
  trimmed: string[];
}

/** A tab Google adds to a new spreadsheet ("Sheet1"): removed by setup when it holds nothing. */
const DEFAULT_TAB = /^Sheet\d+$/;

function sameHeaders(row: unknown[] | undefined, headers: string[]): boolean {
  return !!row && headers.every((h, i) => String(row[i] ?? '').trim() === h);
}

/**
 * Makes the spreadsheet match the template: creates missing tabs, rewrites a header row that is
 * missing or altered, and seeds default rows into an empty tab. Rows below the header that hold
 * data are never touched, so it is safe to run again on a sheet in use.
 */
export function applyTemplate(workbook: Workbook, template: SheetTemplate): SetupSummary {
  const summary: SetupSummary = { created: [], repaired: [], seeded: [], trimmed: [] };
  for (const t of template.tabs) applyTabTemplate(workbook, template, t, summary);
  const known = new Set(template.tabs.map((t) => t.name));
  for (const name of workbook.tabNames()) {
    if (known.has(name) || !DEFAULT_TAB.test(name)) continue;
    const tab = workbook.tab(name);
    if (tab && tab.lastRow() === 0 && workbook.deleteTab(name)) summary.trimmed.push(name);
  }
  return summary;
}

/** One tab of the template: created if missing, its header repaired, its defaults seeded, its format set. */
export function applyTabTemplate(workbook: Workbook, template: SheetTemplate, t: TabTemplate, summary: SetupSummary): Tab {
  let tab = workbook.tab(t.name);
  let rows: unknown[][] = [];
  if (!tab) {
    tab = workbook.createTab(t.name);
    summary.created.push(t.name);
  } else {
    rows = tab.readAll();
  }
  // A tab set up by an earlier version has fewer columns than its headers now: Sheets refuses any range beyond the grid.
  const before = tab.gridSize();
  if (before.columns < t.headers.length) tab.addColumns(t.headers.length - before.columns);
  if (t.plainTextColumns?.length) tab.setPlainTextColumns(t.plainTextColumns);
  if (!sameHeaders(rows[0], t.headers)) {
    tab.writeRows(1, [t.headers]);
    if (!summary.created.includes(t.name)) summary.repaired.push(t.name);
  }
  const hasData = rows.slice(1).some((r) => r.some((v) => v !== '' && v !== null));
  if (t.defaultRows?.length && !hasData) {
    tab.writeRows(2, t.defaultRows);
    summary.seeded.push(t.name);
  }
  if (t.managedRows?.length) {
    tab.writeRows(2, t.managedRows);
    if (rows.length > t.managedRows.length + 1) tab.clearRows(t.managedRows.length + 2, rows.length - t.managedRows.length - 1, t.headers.length);
  }
  if (t.frozenRows) tab.freezeRows(t.frozenRows);
  if (t.columnWidths) tab.setColumnWidths(t.columnWidths);
  if (t.dateColumns?.length) tab.setNumberFormat(t.dateColumns, template.dateFormat);
  if (t.statusColumn) tab.setValueColors(t.statusColumn, template.statusColors, t.deadlineHighlights ? deadlineHighlights() : []);
  if (t.filter) tab.ensureFilter(t.headers.length);
  if (t.wrap) tab.setWrap(t.headers.length);
  if (t.hidden) tab.hide();
  if (t.chart) tab.ensureColumnChart(t.chart);
  if (t.first && workbook.tabNames()[0] !== t.name) tab.moveToFirst();
  // Every cell of a tab's grid counts against the spreadsheet's 10,000,000-cell limit, filled or
  // not: a new tab has 26 columns, these use a few.
  const grid = tab.gridSize();
  if (grid.columns > t.headers.length) {
    tab.deleteColumns(t.headers.length + 1, grid.columns - t.headers.length);
    summary.trimmed.push(t.name);
  }
  return tab;
}
