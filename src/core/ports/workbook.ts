/** A conditional format whose custom formula Sheets evaluates again whenever it draws the cell. */
export interface FormulaHighlight {
  /** 1-based column it colours, from row 2 down (open-ended, so rows added later are covered). */
  column: number;
  /** A custom formula written for row 2, with $-anchored columns. */
  formula: string;
  background: string;
  font: string;
}

/** The role "the spreadsheet's tabs", as the sheet setup and the engine need them. */
export interface Tab {
  readonly name: string;
  /** All values of the used range, one Sheets call. */
  readAll(): unknown[][];
  /** The values of rows [startRow, startRow + count), `width` columns, one Sheets call. */
  readRows(startRow: number, count: number, width: number): unknown[][];
  /** Writes a block of rows starting at a 1-based row (and column, default 1), one Sheets call. */
  writeRows(startRow: number, rows: unknown[][], startColumn?: number): void;
  /** The last row with content (0 for an empty tab), one Sheets call. */
  lastRow(): number;
  /** Removes rows [startRow, startRow + count), one Sheets call. */
  deleteRows(startRow: number, count: number): void;
  /** Empties the values of rows [startRow, startRow + count), one Sheets call. */
  clearRows(startRow: number, count: number, width: number): void;
  freezeRows(count: number): void;
  setColumnWidths(widthsPx: number[]): void;
  /** Stores these 1-based columns as plain text: digits stay text, '=' never starts a formula. */
  setPlainTextColumns(columns: number[]): void;
  hide(): void;
  setNumberFormat(columns: number[], format: string): void;
  /**
   * Replaces the tab's conditional formats with one colour rule per value of the column, after the
   * formula highlights given (which Sheets evaluates first).
   */
  setValueColors(column: number, colors: Record<string, { background: string; font: string }>, highlights?: readonly FormulaHighlight[]): void;
  /** A filter over the header row and the columns given, unless one that wide exists (a narrower one is replaced). */
  ensureFilter(width: number): void;
  setWrap(width: number): void;
  activate(): void;
  /** The colour of the tab's name at the bottom of the window; null for none. */
  setTabColor(color: string | null): void;
  /** The tab's grid: rows and columns, filled or not (what counts against the spreadsheet's cell limit). */
  gridSize(): { rows: number; columns: number };
  /** Removes columns [start, start + count), one Sheets call. */
  deleteColumns(start: number, count: number): void;
  /**
   * Through the tab's filter (made over `width` columns when missing), hides the rows whose cell in
   * `column` does not satisfy the custom formula, or shows every row again (null). Rows only hide:
   * none moves, so rows written by position stay right.
   */
  showOnly(column: number, formula: string | null, width: number): void;
  /** Adds columns at the right of the grid, one Sheets call. */
  addColumns(count: number): void;
  /** An embedded column chart of a fixed block of this tab (first row: headers, first column: labels), unless the tab has a chart already. */
  ensureColumnChart(chart: ColumnChart): void;
  /** Moves the tab to the first place in the tab order. */
  moveToFirst(): void;
}

/** An embedded column chart over rows [row, row + rows) and columns [column, column + columns) of its tab. */
export interface ColumnChart {
  title: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
  /** Where its top-left corner sits (1-based row and column). */
  anchorRow: number;
  anchorColumn: number;
  widthPx: number;
  heightPx: number;
}

export interface Workbook {
  tab(name: string): Tab | undefined;
  createTab(name: string): Tab;
  /** Every tab's name, in order. */
  tabNames(): string[];
  /** Removes a tab; false when it does not exist or is the last one. */
  deleteTab(name: string): boolean;
}

/** The role "a note on one cell", shown when the pointer is over the cell. */
export interface CellNotes {
  /** E.g. ('Dashboard', 'A1', text): two Sheets calls, without looking the tab up first. False when the tab does not exist. */
  noteCell(tabName: string, a1: string, note: string): boolean;
}
