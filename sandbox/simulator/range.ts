import { a1Notation } from './a1';
import { displayValue, type CellValue } from './cell-value';
import { SimFilter, SimProtection, type SimDataValidation } from './sheet-rules';
import type { SimSheet } from './sheet';
import { exception, isDate } from './sim-exception';

type Grid<T> = T[][];

function typeName(v: unknown): string {
  if (Array.isArray(v)) return `${v.length ? typeName(v[0]) : 'Object'}[]`;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  return 'Object';
}

/** A rectangle on a sheet. Host-side calls are uncounted; the bundle sees it through the bridge. */
export class SimRange {
  static readonly simKind = 'Range';

  constructor(
    readonly sheet: SimSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {}

  private _each<T>(fn: (r: number, c: number) => T): Grid<T> {
    const out: Grid<T> = [];
    for (let i = 0; i < this.numRows; i++) {
      const line: T[] = [];
      for (let j = 0; j < this.numCols; j++) line.push(fn(this.row + i, this.col + j));
      out.push(line);
    }
    return out;
  }

  _checkGrid(values: unknown, method: string): asserts values is unknown[][] {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) {
      throw exception(`The parameters (${typeName(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    }
    if (values.length !== this.numRows) {
      throw exception(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`);
    }
    for (const r of values as unknown[][]) {
      if (r.length !== this.numCols) {
        throw exception(`The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${this.numCols}.`);
      }
    }
  }

  private _readValue(r: number, c: number): CellValue {
    const v = this.sheet._cell(r, c)?.value ?? '';
    return isDate(v) ? new Date(v.getTime()) : v;
  }

  private _attr<T>(name: string, dflt: T): Grid<T> {
    return this._each((r, c) => (this.sheet._cell(r, c)?.attrs?.[name] as T | undefined) ?? dflt);
  }

  private _setAttr(name: string, value: unknown): this {
    this._each((r, c) => {
      const cell = this.sheet._ensureCell(r, c);
      cell.attrs = { ...cell.attrs, [name]: value };
    });
    return this;
  }

  private _setAttrs(name: string, values: unknown, method: string): this {
    this._checkGrid(values, method);
    this._each((r, c) => {
      const cell = this.sheet._ensureCell(r, c);
      cell.attrs = { ...cell.attrs, [name]: values[r - this.row]![c - this.col] };
    });
    return this;
  }

  // --- values ---------------------------------------------------------------
  getValues(): CellValue[][] { return this._each((r, c) => this._readValue(r, c)); }
  getValue(): CellValue { return this._readValue(this.row, this.col); }
  getDisplayValues(): string[][] {
    const tz = this.sheet.spreadsheet.getSpreadsheetTimeZone();
    return this._each((r, c) => displayValue(this.sheet._cell(r, c), tz));
  }
  getDisplayValue(): string { return this.getDisplayValues()[0]![0]!; }
  getFormulas(): string[][] { return this._each((r, c) => this.sheet._cell(r, c)?.formula ?? ''); }
  getFormula(): string { return this.sheet._cell(this.row, this.col)?.formula ?? ''; }

  setValues(values: unknown[][]): this {
    this._checkGrid(values, 'setValues');
    const tz = this.sheet.spreadsheet.getSpreadsheetTimeZone();
    this._each((r, c) => this.sheet._write(r, c, values[r - this.row]![c - this.col], tz));
    return this;
  }
  setValue(value: unknown): this {
    const tz = this.sheet.spreadsheet.getSpreadsheetTimeZone();
    this._each((r, c) => this.sheet._write(r, c, value, tz));
    return this;
  }
  setFormula(formula: string): this { return this.setValue(formula); }
  setFormulas(formulas: string[][]): this { return this.setValues(formulas); }
  isBlank(): boolean {
    return this._each((r, c) => this.sheet._cell(r, c)).every((line) => line.every((cell) => !cell || (cell.value === '' && !cell.formula)));
  }
  clearContent(): this {
    this._each((r, c) => {
      const cell = this.sheet._cell(r, c);
      if (cell) { cell.value = ''; delete cell.formula; }
    });
    return this;
  }
  clearFormat(): this {
    this._each((r, c) => {
      const cell = this.sheet._cell(r, c);
      if (cell?.attrs) cell.attrs = { dataValidation: cell.attrs.dataValidation, note: cell.attrs.note };
    });
    return this;
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    if (!options?.formatOnly) this.clearContent();
    if (!options?.contentsOnly) this.clearFormat();
    return this;
  }

  // --- formats ----------------------------------------------------------------
  setNumberFormat(f: string): this { return this._setAttr('numberFormat', f); }
  setNumberFormats(f: string[][]): this { return this._setAttrs('numberFormat', f, 'setNumberFormats'); }
  getNumberFormat(): string { return this.getNumberFormats()[0]![0]!; }
  getNumberFormats(): string[][] { return this._attr('numberFormat', ''); }
  setBackground(c: string | null): this { return this._setAttr('background', c ?? '#ffffff'); }
  setBackgrounds(c: string[][]): this { return this._setAttrs('background', c, 'setBackgrounds'); }
  getBackground(): string { return this.getBackgrounds()[0]![0]!; }
  getBackgrounds(): string[][] { return this._attr('background', '#ffffff'); }
  setFontColor(c: string | null): this { return this._setAttr('fontColor', c ?? '#000000'); }
  setFontColors(c: string[][]): this { return this._setAttrs('fontColor', c, 'setFontColors'); }
  getFontColor(): string { return this.getFontColors()[0]![0]!; }
  getFontColors(): string[][] { return this._attr('fontColor', '#000000'); }
  setFontWeight(w: string | null): this { return this._setAttr('fontWeight', w ?? 'normal'); }
  setFontWeights(w: string[][]): this { return this._setAttrs('fontWeight', w, 'setFontWeights'); }
  getFontWeight(): string { return this.getFontWeights()[0]![0]!; }
  getFontWeights(): string[][] { return this._attr('fontWeight', 'normal'); }
  setFontStyle(s: string | null): this { return this._setAttr('fontStyle', s ?? 'normal'); }
  getFontStyle(): string { return this._attr('fontStyle', 'normal')[0]![0]!; }
  setFontSize(n: number): this { return this._setAttr('fontSize', n); }
  getFontSize(): number { return this._attr('fontSize', 10)[0]![0]!; }
  setFontFamily(f: string | null): this { return this._setAttr('fontFamily', f ?? 'Arial'); }
  getFontFamily(): string { return this._attr('fontFamily', 'Arial')[0]![0]!; }
  setWrap(w: boolean): this { return this._setAttr('wrap', w); }
  setWraps(w: boolean[][]): this { return this._setAttrs('wrap', w, 'setWraps'); }
  getWrap(): boolean { return this.getWraps()[0]![0]!; }
  getWraps(): boolean[][] { return this._attr('wrap', true); }
  setHorizontalAlignment(a: string | null): this { return this._setAttr('horizontalAlignment', a ?? 'general'); }
  setHorizontalAlignments(a: string[][]): this { return this._setAttrs('horizontalAlignment', a, 'setHorizontalAlignments'); }
  getHorizontalAlignment(): string { return this._attr('horizontalAlignment', 'general')[0]![0]!; }
  setVerticalAlignment(a: string | null): this { return this._setAttr('verticalAlignment', a ?? 'bottom'); }
  getVerticalAlignment(): string { return this._attr('verticalAlignment', 'bottom')[0]![0]!; }
  setNote(n: string | null): this { return this._setAttr('note', n ?? ''); }
  setNotes(n: string[][]): this { return this._setAttrs('note', n, 'setNotes'); }
  getNote(): string { return this.getNotes()[0]![0]!; }
  getNotes(): string[][] { return this._attr('note', ''); }
  clearNote(): this { return this._setAttr('note', ''); }
  setDataValidation(rule: SimDataValidation | null): this { return this._setAttr('dataValidation', rule); }
  setDataValidations(rules: (SimDataValidation | null)[][]): this { return this._setAttrs('dataValidation', rules, 'setDataValidations'); }
  getDataValidation(): SimDataValidation | null { return this.getDataValidations()[0]![0]!; }
  getDataValidations(): (SimDataValidation | null)[][] { return this._attr<SimDataValidation | null>('dataValidation', null); }
  clearDataValidations(): this { return this._setAttr('dataValidation', null); }
  setBorder(...args: unknown[]): this { return this._setAttr('border', args); }

  // --- geometry -----------------------------------------------------------------
  getRow(): number { return this.row; }
  getColumn(): number { return this.col; }
  getNumRows(): number { return this.numRows; }
  getNumColumns(): number { return this.numCols; }
  getLastRow(): number { return this.row + this.numRows - 1; }
  getLastColumn(): number { return this.col + this.numCols - 1; }
  getA1Notation(): string { return a1Notation(this.row, this.col, this.numRows, this.numCols); }
  getSheet(): SimSheet { return this.sheet; }
  getCell(row: number, column: number): SimRange { return this.sheet.getRange(this.row + row - 1, this.col + column - 1); }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): SimRange {
    return this.sheet.getRange(this.row + rowOffset, this.col + columnOffset, numRows ?? this.numRows, numColumns ?? this.numCols);
  }
  activate(): this { this.sheet.activate(); return this; }

  // --- filters / protection -----------------------------------------------------
  createFilter(): SimFilter {
    if (this.sheet.filter) throw exception("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = new SimFilter(this);
    return this.sheet.filter;
  }
  getFilter(): SimFilter | null { return this.sheet.filter; }
  protect(): SimProtection {
    const p = new SimProtection(this.sheet, this);
    this.sheet.protections.push(p);
    return p;
  }
}
