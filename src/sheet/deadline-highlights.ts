import type { FormulaHighlight } from '../core/ports/workbook';
import { TABS } from '../storage/storage-map';

export const LATE_COLORS = { background: '#f4c7c3', font: '#a50e0e' } as const;
export const DUE_TODAY_COLORS = { background: '#fce8b2', font: '#7a4f01' } as const;

const letter = (column: number) => String.fromCharCode(64 + column);

/**
 * The Dashboard's deadline highlights: an open order's Ship by (and Cancel after) cell is red once
 * the day has passed and amber on the day itself. The formulas use TODAY(), so the colours follow
 * the calendar between syncs instead of being painted once; a Shipped or Cancelled row is never
 * coloured. Days are the spreadsheet's time zone, like the dates shown.
 */
/** The Dashboard filter's test for "late or due today" (DSCO Sync → Show orders late or due today), the same days as the colours. */
export function dueOrLateFilterFormula(): string {
  const c = TABS.dashboard.col;
  const status = `$${letter(c.status)}2`;
  const shipBy = `$${letter(c.shipBy)}2`;
  return `=AND(ISNUMBER(${shipBy}),${status}<>"Shipped",${status}<>"Cancelled",INT(${shipBy})<=TODAY())`;
}

export function deadlineHighlights(): FormulaHighlight[] {
  const c = TABS.dashboard.col;
  const status = `$${letter(c.status)}2`;
  const open = `${status}<>"Shipped",${status}<>"Cancelled"`;
  const rule = (column: number, test: string, colors: { background: string; font: string }): FormulaHighlight => {
    const cell = `$${letter(column)}2`;
    return { column, formula: `=AND(ISNUMBER(${cell}),${open},INT(${cell})${test}TODAY())`, ...colors };
  };
  return [
    rule(c.shipBy, '<', LATE_COLORS),
    rule(c.shipBy, '=', DUE_TODAY_COLORS),
    rule(c.cancelAfter, '<', LATE_COLORS),
    rule(c.cancelAfter, '=', DUE_TODAY_COLORS),
  ];
}
