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
    this.sheet.getRange(startRow, 1, rows.length, width).setValues(rows);
  }

  freezeRows(count: number): void {
    this.sheet.setFrozenRows(count);
  }

  setColumnWidths(widthsPx: number[]): void {
    widthsPx.forEach((w, i) => this.sheet.setColumnWidth(i + 1, w));
  }

  setPlainTextColumns(firstColumn: number, count: number): void {
    // '@' (plain text) keeps retailer-supplied text such as "=SUM(...)" from becoming a formula.
    this.sheet.getRange(1, firstColumn, this.sheet.getMaxRows(), count).setNumberFormat('@');
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
