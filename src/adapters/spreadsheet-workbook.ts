import type { CellNotes, ColumnChart, FormulaHighlight, Tab, Workbook } from '../core/ports/workbook';

class SheetTab implements Tab {
  constructor(private readonly sheet: GoogleAppsScript.Spreadsheet.Sheet) {}

  get name(): string {
    return this.sheet.getName();
  }

  readAll(): unknown[][] {
    return this.sheet.getDataRange().getValues();
  }

  readRows(startRow: number, count: number, width: number): unknown[][] {
    return count > 0 ? this.sheet.getRange(startRow, 1, count, width).getValues() : [];
  }

  writeRows(startRow: number, rows: unknown[][], startColumn = 1): void {
    if (rows.length === 0) return;
    const width = rows[0].length;
    // Sheets refuses a range below the sheet's last row (1,000 on a new tab): grow it first.
    const needed = startRow + rows.length - 1;
    const max = this.sheet.getMaxRows();
    if (needed > max) this.sheet.insertRowsAfter(max, needed - max);
    this.sheet.getRange(startRow, startColumn, rows.length, width).setValues(rows);
  }

  lastRow(): number {
    return this.sheet.getLastRow();
  }

  deleteRows(startRow: number, count: number): void {
    if (count > 0) this.sheet.deleteRows(startRow, count);
  }

  clearRows(startRow: number, count: number, width: number): void {
    if (count > 0) this.sheet.getRange(startRow, 1, count, width).clearContent();
  }

  freezeRows(count: number): void {
    this.sheet.setFrozenRows(count);
  }

  setColumnWidths(widthsPx: number[]): void {
    widthsPx.forEach((w, i) => this.sheet.setColumnWidth(i + 1, w));
  }

  setPlainTextColumns(columns: number[]): void {
    // '@' (plain text): IDs and tracking numbers keep their digits, and text such as "=SUM(...)" stays text.
    const rows = this.sheet.getMaxRows();
    for (const c of columns) this.sheet.getRange(1, c, rows, 1).setNumberFormat('@');
  }

  hide(): void {
    this.sheet.hideSheet();
  }

  setNumberFormat(columns: number[], format: string): void {
    const rows = this.sheet.getMaxRows() - 1;
    for (const c of columns) this.sheet.getRange(2, c, rows, 1).setNumberFormat(format);
  }

  setValueColors(column: number, colors: Record<string, { background: string; font: string }>, highlights: readonly FormulaHighlight[] = []): void {
    // An open-ended A1 range ("E2:E") keeps covering rows added later.
    const openRange = (c: number) => this.sheet.getRange(`${String.fromCharCode(64 + c)}2:${String.fromCharCode(64 + c)}`);
    const range = openRange(column);
    const formulaRules = highlights.map((h) =>
      SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(h.formula).setBackground(h.background).setFontColor(h.font).setRanges([openRange(h.column)]).build(),
    );
    const valueRules = Object.keys(colors).map((value) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo(value)
        .setBackground(colors[value].background)
        .setFontColor(colors[value].font)
        .setRanges([range])
        .build(),
    );
    this.sheet.setConditionalFormatRules([...formulaRules, ...valueRules]);
  }

  ensureFilter(width: number): void {
    const existing = this.sheet.getFilter();
    if (existing && existing.getRange().getNumColumns() >= width) return;
    // A filter made before columns were added stops short of them: it is replaced (its criteria are a person's passing view).
    if (existing) existing.remove();
    this.sheet.getRange(`A1:${String.fromCharCode(64 + width)}`).createFilter();
  }

  setWrap(width: number): void {
    this.sheet.getRange(1, 1, this.sheet.getMaxRows(), width).setWrap(true);
  }

  activate(): void {
    this.sheet.activate();
  }

  ensureColumnChart(c: ColumnChart): void {
    if (this.sheet.getCharts().length) return;
    const chart = this.sheet
      .newChart()
      .asColumnChart()
      .addRange(this.sheet.getRange(c.row, c.column, c.rows, c.columns))
      .setNumHeaders(1)
      .setOption('title', c.title)
      .setOption('width', c.widthPx)
      .setOption('height', c.heightPx)
      .setPosition(c.anchorRow, c.anchorColumn, 0, 0)
      .build();
    this.sheet.insertChart(chart);
  }

  showOnly(column: number, formula: string | null, width: number): void {
    let filter = this.sheet.getFilter();
    if (!filter) {
      if (formula === null) return;
      filter = this.sheet.getRange(`A1:${String.fromCharCode(64 + width)}`).createFilter();
    }
    if (formula === null) filter.removeColumnFilterCriteria(column);
    else filter.setColumnFilterCriteria(column, SpreadsheetApp.newFilterCriteria().whenFormulaSatisfied(formula).build());
  }

  addColumns(count: number): void {
    if (count > 0) this.sheet.insertColumnsAfter(this.sheet.getMaxColumns(), count);
  }

  moveToFirst(): void {
    const book = this.sheet.getParent();
    book.setActiveSheet(this.sheet);
    book.moveActiveSheet(1);
  }

  setTabColor(color: string | null): void {
    this.sheet.setTabColor(color as string);
  }

  gridSize(): { rows: number; columns: number } {
    return { rows: this.sheet.getMaxRows(), columns: this.sheet.getMaxColumns() };
  }

  deleteColumns(start: number, count: number): void {
    if (count > 0) this.sheet.deleteColumns(start, count);
  }
}

/** Workbook (and cell notes) over the spreadsheet the script is bound to. */
export class SpreadsheetWorkbook implements Workbook, CellNotes {
  private readonly spreadsheet = SpreadsheetApp.getActiveSpreadsheet();

  tab(name: string): Tab | undefined {
    const sheet = this.spreadsheet.getSheetByName(name);
    return sheet ? new SheetTab(sheet) : undefined;
  }

  createTab(name: string): Tab {
    return new SheetTab(this.spreadsheet.insertSheet(name));
  }

  noteCell(tabName: string, a1: string, note: string): boolean {
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      range = this.spreadsheet.getRange(`'${tabName.replace(/'/g, "''")}'!${a1}`);
    } catch (e) {
      if (/Range not found/i.test(String(e))) return false;
      throw e;
    }
    range.setNote(note);
    return true;
  }

  tabNames(): string[] {
    return this.spreadsheet.getSheets().map((s) => s.getName());
  }

  deleteTab(name: string): boolean {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet || this.spreadsheet.getSheets().length < 2) return false;
    this.spreadsheet.deleteSheet(sheet);
    return true;
  }
}
