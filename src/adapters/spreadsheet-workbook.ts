import type { Tab, Workbook } from '../core/ports/workbook';

class SheetTab implements Tab {
  constructor(private readonly sheet: GoogleAppsScript.Spreadsheet.Sheet) {}

  get name(): string {
    return this.sheet.getName();
  }

  readAll(): unknown[][] {
    return this.sheet.getDataRange().getValues();
  }

  writeRows(startRow: number, rows: unknown[][]): void {
    if (rows.length === 0) return;
    const width = rows[0].length;
    // Sheets refuses a range below the sheet's last row (1,000 on a new tab): grow it first.
    const needed = startRow + rows.length - 1;
    const max = this.sheet.getMaxRows();
    if (needed > max) this.sheet.insertRowsAfter(max, needed - max);
    this.sheet.getRange(startRow, 1, rows.length, width).setValues(rows);
  }

  lastRow(): number {
    return this.sheet.getLastRow();
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
}

/** Workbook over the spreadsheet the script is bound to. */
export class SpreadsheetWorkbook implements Workbook {
  private readonly spreadsheet = SpreadsheetApp.getActiveSpreadsheet();

  tab(name: string): Tab | undefined {
    const sheet = this.spreadsheet.getSheetByName(name);
    return sheet ? new SheetTab(sheet) : undefined;
  }

  createTab(name: string): Tab {
    return new SheetTab(this.spreadsheet.insertSheet(name));
  }
}
