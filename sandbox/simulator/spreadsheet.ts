import { parseA1 } from './a1';
import type { SimRange } from './range';
import { SimSheet } from './sheet';
import { exception } from './sim-exception';
import type { UiRecord } from './ui';

export interface SpreadsheetOptions {
  id?: string;
  name?: string;
  timeZone: string;
  ui: UiRecord;
}

/** The bound spreadsheet. A new one has a single empty 'Sheet1', as in Google Sheets. */
export class SimSpreadsheet {
  static readonly simKind = 'Spreadsheet';
  readonly sheets: SimSheet[] = [];
  activeSheet: SimSheet;
  timeZone: string;
  private nextSheetId = 0;
  private id: string;
  private name: string;
  private readonly ui: UiRecord;

  constructor(opts: SpreadsheetOptions) {
    this.id = opts.id ?? '1SimSpreadsheetId0000000000000000000000000000';
    this.name = opts.name ?? 'DSCO ShipStation Sync';
    this.timeZone = opts.timeZone;
    this.ui = opts.ui;
    this.activeSheet = new SimSheet(this, 'Sheet1', this.nextSheetId++);
    this.sheets.push(this.activeSheet);
  }

  _assertNameFree(name: string, except?: SimSheet): void {
    if (typeof name !== 'string' || name.trim() === '') throw exception('Invalid argument: sheetName');
    if (this.sheets.some((s) => s !== except && s.getName().toLowerCase() === name.toLowerCase())) {
      throw exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  getId(): string { return this.id; }
  /** Host-only (sim.makeCopy): the copy's new ID. */
  _setId(id: string): void { this.id = id; }
  getName(): string { return this.name; }
  rename(name: string): void { this.name = name; }
  getUrl(): string { return `https://docs.google.com/spreadsheets/d/${this.id}/edit`; }
  getSpreadsheetTimeZone(): string { return this.timeZone; }
  setSpreadsheetTimeZone(tz: string): void { this.timeZone = tz; }
  getSpreadsheetLocale(): string { return 'en_US'; }
  getSheets(): SimSheet[] { return [...this.sheets]; }
  getNumSheets(): number { return this.sheets.length; }
  getSheetByName(name: string): SimSheet | null { return this.sheets.find((s) => s.getName() === name) ?? null; }
  getSheetById(id: number): SimSheet | null { return this.sheets.find((s) => s.sheetId === id) ?? null; }
  getActiveSheet(): SimSheet { return this.activeSheet; }
  getSheet(): SimSheet { return this.activeSheet; }
  setActiveSheet(sheet: SimSheet): SimSheet {
    if (!this.sheets.includes(sheet)) throw exception('Invalid argument: sheet');
    this.activeSheet = sheet;
    return sheet;
  }

  /** Moves the active sheet to a 1-based position in the tab order. */
  moveActiveSheet(pos: number): void {
    if (!Number.isInteger(pos) || pos < 1 || pos > this.sheets.length) throw exception(`Invalid argument: pos`);
    const sheet = this.activeSheet;
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(pos - 1, 0, sheet);
  }

  /** insertSheet(), insertSheet(name), insertSheet(index), insertSheet(name, index). The new sheet becomes active. */
  insertSheet(nameOrIndex?: string | number, index?: number): SimSheet {
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    if (name === undefined) {
      let n = this.sheets.length + 1;
      while (this.sheets.some((s) => s.getName().toLowerCase() === `sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    this._assertNameFree(name);
    const sheet = new SimSheet(this, name, this.nextSheetId++ * 1000 + 17);
    if (at === undefined || at >= this.sheets.length) this.sheets.push(sheet);
    else this.sheets.splice(Math.max(0, at), 0, sheet);
    this.activeSheet = sheet;
    return sheet;
  }

  deleteSheet(sheet: SimSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw exception('Invalid argument: sheet');
    if (this.sheets.length === 1) throw exception("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0]!;
  }

  /** getRange('Sheet!A1:B2') or getRange('A1') on the active sheet. */
  getRange(a1: string): SimRange {
    const bang = a1.lastIndexOf('!');
    let sheet = this.activeSheet;
    let ref = a1;
    if (bang >= 0) {
      const sheetName = a1.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
      const found = this.getSheetByName(sheetName);
      if (!found) throw exception('Range not found');
      sheet = found;
      ref = a1.slice(bang + 1);
    }
    parseA1(ref, sheet.maxRows, sheet.maxCols);
    return sheet.getRange(ref);
  }

  toast(message: string, title?: string, _timeoutSeconds?: number): void {
    this.ui.toasts.push(title === undefined || title === null ? { message: String(message) } : { message: String(message), title: String(title) });
  }
}
