import { parseA1 } from './a1';
import { coerceInput, type Cell, type CellValue } from './cell-value';
import { SimRange } from './range';
import type { SimConditionalFormatRule, SimFilter, SimProtection } from './sheet-rules';
import type { SimSpreadsheet } from './spreadsheet';
import { exception } from './sim-exception';
import { SimEmbeddedChart, SimEmbeddedChartBuilder } from './charts';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

/**
 * One tab. Host-visible state for assertions: `frozenRows`, `columnWidths`,
 * `hidden`, `tabColor`, `conditionalFormatRules`, `filter`, `protections`,
 * `maxRows`, `maxCols`; per-cell formats via getRange(...).getNumberFormats() etc.
 */
export class SimSheet {
  static readonly simKind = 'Sheet';
  /** rows[r-1][c-1]; sparse. */
  rows: (Cell | undefined)[][] = [];
  maxRows = DEFAULT_ROWS;
  maxCols = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  columnWidths: Record<number, number> = {};
  hidden = false;
  tabColor: string | null = null;
  conditionalFormatRules: SimConditionalFormatRule[] = [];
  filter: SimFilter | null = null;
  charts: SimEmbeddedChart[] = [];
  private nextChartId = 1;
  protections: SimProtection[] = [];

  constructor(
    readonly spreadsheet: SimSpreadsheet,
    private sheetName: string,
    readonly sheetId: number,
  ) {}

  _cell(r: number, c: number): Cell | undefined {
    return this.rows[r - 1]?.[c - 1];
  }

  _ensureCell(r: number, c: number): Cell {
    const line = (this.rows[r - 1] ??= []);
    return (line[c - 1] ??= { value: '' });
  }

  _write(r: number, c: number, v: unknown, timeZone: string): void {
    const cell = this._ensureCell(r, c);
    const { value, formula } = coerceInput(v, cell.attrs?.numberFormat as string | undefined, timeZone);
    cell.value = value;
    if (formula === undefined) delete cell.formula;
    else cell.formula = formula;
  }

  // --- identity -------------------------------------------------------------
  getName(): string { return this.sheetName; }
  setName(name: string): this {
    this.spreadsheet._assertNameFree(name, this);
    this.sheetName = name;
    return this;
  }
  getSheetId(): number { return this.sheetId; }
  getIndex(): number { return this.spreadsheet.sheets.indexOf(this) + 1; }
  getParent(): SimSpreadsheet { return this.spreadsheet; }
  activate(): this { this.spreadsheet.setActiveSheet(this); return this; }
  setTabColor(color: string | null): this { this.tabColor = color; return this; }
  getTabColor(): string | null { return this.tabColor; }
  hideSheet(): this { this.hidden = true; return this; }
  showSheet(): this { this.hidden = false; return this; }
  isSheetHidden(): boolean { return this.hidden; }

  // --- ranges -----------------------------------------------------------------
  getRange(a: string | number, col?: number, numRows?: number, numCols?: number): SimRange {
    if (typeof a === 'string') {
      const box = parseA1(a, this.maxRows, this.maxCols);
      return this._range(box.row, box.col, box.numRows, box.numCols);
    }
    if (col === undefined) throw exception("The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    return this._range(a, col, numRows ?? 1, numCols ?? 1);
  }

  _range(row: number, col: number, numRows: number, numCols: number): SimRange {
    if (!Number.isInteger(row) || row < 1) throw exception('The starting row of the range is too small.');
    if (!Number.isInteger(col) || col < 1) throw exception('The starting column of the range is too small.');
    if (!Number.isInteger(numRows) || numRows < 1) throw exception('The number of rows in the range must be at least 1.');
    if (!Number.isInteger(numCols) || numCols < 1) throw exception('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols) {
      throw exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new SimRange(this, row, col, numRows, numCols);
  }

  getDataRange(): SimRange {
    return this._range(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  getLastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      if (this.rows[r - 1]?.some((cell) => cell && (cell.value !== '' || cell.formula))) return r;
    }
    return 0;
  }

  getLastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        const cell = line[c - 1];
        if (cell && (cell.value !== '' || cell.formula)) { last = c; break; }
      }
    }
    return last;
  }

  getMaxRows(): number { return this.maxRows; }
  getMaxColumns(): number { return this.maxCols; }

  // --- structure --------------------------------------------------------------
  appendRow(values: unknown[]): this {
    if (!Array.isArray(values)) throw exception("The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const r = this.getLastRow() + 1;
    if (r > this.maxRows) this.maxRows = r;
    if (values.length > this.maxCols) this.maxCols = values.length;
    const tz = this.spreadsheet.getSpreadsheetTimeZone();
    values.forEach((v, i) => this._write(r, i + 1, v, tz));
    return this;
  }

  /** Like Sheets, the new rows take the formatting of the row before them (number formats, colours, validation). */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    if (afterPosition < 1 || afterPosition > this.maxRows) throw exception('Those rows are out of bounds.');
    this._insertRows(afterPosition, howMany);
    this._inheritFormats(afterPosition, afterPosition + 1, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number): this { return this.insertRowsAfter(afterPosition, 1); }
  /** Like Sheets, the new rows take the formatting of the row they were inserted above. */
  insertRowsBefore(beforePosition: number, howMany: number): this {
    if (beforePosition < 1 || beforePosition > this.maxRows) throw exception('Those rows are out of bounds.');
    this._insertRows(beforePosition - 1, howMany);
    this._inheritFormats(beforePosition + howMany, beforePosition, howMany);
    return this;
  }

  /** Copies the formatting (not values, notes or formulas) of row `from` to `howMany` rows from `first`. */
  private _inheritFormats(from: number, first: number, howMany: number): void {
    const source = this.rows[from - 1];
    if (!source) return;
    source.forEach((cell, j) => {
      if (!cell?.attrs) return;
      const { note: _note, ...formats } = cell.attrs;
      if (!Object.keys(formats).length) return;
      for (let r = first; r < first + howMany; r++) this._ensureCell(r, j + 1).attrs = structuredClone(formats);
    });
  }
  insertRowBefore(beforePosition: number): this { return this.insertRowsBefore(beforePosition, 1); }

  private _insertRows(after: number, howMany: number): void {
    if (!Number.isInteger(howMany) || howMany < 1) throw exception('The number of rows to insert must be at least 1.');
    while (this.rows.length < after) this.rows.push([]);
    this.rows.splice(after, 0, ...Array.from({ length: howMany }, () => []));
    this.maxRows += howMany;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) throw exception('Those rows are out of bounds.');
    if (howMany >= this.maxRows - this.frozenRows) throw exception("Sorry, it is not possible to delete all non-frozen rows.");
    this.rows.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }
  deleteRow(rowPosition: number): this { this.deleteRows(rowPosition, 1); return this; }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    for (const line of this.rows) if (line && line.length > afterPosition) line.splice(afterPosition, 0, ...new Array<undefined>(howMany));
    this.maxCols += howMany;
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxCols) throw exception('Those columns are out of bounds.');
    if (howMany >= this.maxCols) throw exception("Sorry, it is not possible to delete all non-frozen columns.");
    for (const line of this.rows) if (line) line.splice(columnPosition - 1, howMany);
    this.maxCols -= howMany;
  }

  clear(): this { this.rows = []; return this; }
  clearContents(): this {
    for (const line of this.rows) for (const cell of line ?? []) if (cell) { cell.value = ''; delete cell.formula; }
    return this;
  }
  clearFormats(): this {
    for (const line of this.rows) for (const cell of line ?? []) if (cell?.attrs) cell.attrs = { dataValidation: cell.attrs.dataValidation, note: cell.attrs.note };
    return this;
  }

  setFrozenRows(n: number): void { this.frozenRows = n; }
  getFrozenRows(): number { return this.frozenRows; }
  setFrozenColumns(n: number): void { this.frozenColumns = n; }
  getFrozenColumns(): number { return this.frozenColumns; }
  setColumnWidth(column: number, width: number): this { this.columnWidths[column] = width; return this; }
  setColumnWidths(start: number, numColumns: number, width: number): this {
    for (let c = start; c < start + numColumns; c++) this.columnWidths[c] = width;
    return this;
  }
  getColumnWidth(column: number): number { return this.columnWidths[column] ?? DEFAULT_COLUMN_WIDTH; }
  autoResizeColumns(start: number, numColumns: number): this {
    for (let c = start; c < start + numColumns; c++) this.columnWidths[c] ??= DEFAULT_COLUMN_WIDTH;
    return this;
  }
  autoResizeColumn(column: number): this { return this.autoResizeColumns(column, 1); }

  getFilter(): SimFilter | null { return this.filter; }
  newChart(): SimEmbeddedChartBuilder { return new SimEmbeddedChartBuilder(); }
  insertChart(chart: SimEmbeddedChart): void {
    this.charts.push(new SimEmbeddedChart(this.nextChartId++, chart.spec));
  }
  updateChart(chart: SimEmbeddedChart): void {
    const i = this.charts.findIndex((c) => c.chartId === chart.chartId);
    if (i < 0) throw exception('The chart does not exist in this sheet.');
    this.charts[i] = chart;
  }
  removeChart(chart: SimEmbeddedChart): void { this.charts = this.charts.filter((c) => c.chartId !== chart.chartId); }
  getCharts(): SimEmbeddedChart[] { return [...this.charts]; }
  setConditionalFormatRules(rules: SimConditionalFormatRule[]): void { this.conditionalFormatRules = [...rules]; }
  getConditionalFormatRules(): SimConditionalFormatRule[] { return [...this.conditionalFormatRules]; }
  protect(): SimProtection { return this.getRange(1, 1).protect()._asSheet(); }
  getProtections(type: string): SimProtection[] { return this.protections.filter((p) => p.getProtectionType() === type); }

  /** Host helper (hidden from the bundle): all values of the data range, uncounted. */
  _values(): CellValue[][] {
    return this.getLastRow() === 0 ? [] : this.getDataRange().getValues();
  }
}
