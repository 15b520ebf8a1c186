/** The role "the spreadsheet's tabs", as the sheet setup and the engine need them. */
export interface Tab {
  readonly name: string;
  /** All values of the used range, one Sheets call. */
  readAll(): unknown[][];
  /** Writes a block of rows starting at a 1-based row, one Sheets call. */
  writeRows(startRow: number, rows: unknown[][]): void;
  freezeRows(count: number): void;
  setColumnWidths(widthsPx: number[]): void;
  setPlainTextColumns(firstColumn: number, count: number): void;
  hide(): void;
}

export interface Workbook {
  tab(name: string): Tab | undefined;
  createTab(name: string): Tab;
}
