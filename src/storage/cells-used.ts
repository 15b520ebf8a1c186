import type { Workbook } from '../core/ports/workbook';
import { CELL_WARNING_SHARE, SPREADSHEET_CELL_LIMIT, TABS } from './storage-map';

export interface CellsUsed {
  total: number;
  byTab: Record<string, number>;
  /** Share of Google's 10,000,000-cell limit, 0 to 1. */
  share: number;
  /** True from CELL_WARNING_SHARE of the limit on. */
  warn: boolean;
}

/**
 * Cells the spreadsheet uses: every tab's grid (rows × columns, empty or not), which is what
 * Google counts against its limit. Two Sheets calls per tab.
 */
export function cellsUsed(workbook: Workbook): CellsUsed {
  const byTab: Record<string, number> = {};
  let total = 0;
  for (const name of workbook.tabNames()) {
    const grid = workbook.tab(name)?.gridSize();
    const cells = grid ? grid.rows * grid.columns : 0;
    byTab[name] = cells;
    total += cells;
  }
  const share = total / SPREADSHEET_CELL_LIMIT;
  return { total, byTab, share, warn: share >= CELL_WARNING_SHARE };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** "Spreadsheet size: 123,456 of Google's 10,000,000 cells (1%), checked …": the status line people read. */
export function describeCellsUsed(c: CellsUsed, at: Date): string {
  const pct = Math.max(c.total > 0 ? 1 : 0, Math.round(c.share * 100));
  const head = `Spreadsheet size: ${fmt(c.total)} of Google's ${fmt(SPREADSHEET_CELL_LIMIT)} cells (${pct}%), checked ${at.toISOString().slice(0, 10)}.`;
  if (!c.warn) return `${head} It stays about the same from month to month: finished orders leave for the Archive, which keeps its latest rows.`;
  const biggest = Object.entries(c.byTab).sort((a, b) => b[1] - a[1])[0];
  return (
    `${head} Warning: this is close to the limit, after which Google refuses every write. The largest tab is "${biggest?.[0]}" (${fmt(biggest?.[1] ?? 0)} cells). ` +
    `Delete tabs you added, or lower "Archive finished orders after (days)" in Settings; the ${TABS.archive.name} tab can be downloaded and cleared.`
  );
}
