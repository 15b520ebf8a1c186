import type { SimRange } from './range';
import type { SimSheet } from './sheet';
import { SimUser } from './session';

/** SpreadsheetApp.BooleanCriteria (subset), as strings. */
export const BooleanCriteria = {
  CELL_EMPTY: 'CELL_EMPTY',
  CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;

/** SpreadsheetApp.DataValidationCriteria (subset). */
export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;

export interface ConditionalRuleSpec {
  criteriaType: string | null;
  criteriaValues: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  ranges: SimRange[];
}

export class SimBooleanCondition {
  static readonly simKind = 'BooleanCondition';
  constructor(readonly spec: ConditionalRuleSpec) {}
  getCriteriaType(): string | null { return this.spec.criteriaType; }
  getCriteriaValues(): unknown[] { return [...this.spec.criteriaValues]; }
  getBackground(): string | null { return this.spec.background; }
  getFontColor(): string | null { return this.spec.fontColor; }
  getBold(): boolean | null { return this.spec.bold; }
  getItalic(): boolean | null { return this.spec.italic; }
}

/** A built rule; `spec` holds what was recorded, for host assertions. */
export class SimConditionalFormatRule {
  static readonly simKind = 'ConditionalFormatRule';
  constructor(readonly spec: ConditionalRuleSpec) {}
  getRanges(): SimRange[] { return [...this.spec.ranges]; }
  getBooleanCondition(): SimBooleanCondition | null { return this.spec.criteriaType ? new SimBooleanCondition(this.spec) : null; }
  getGradientCondition(): null { return null; }
  copy(): SimConditionalFormatRuleBuilder { return new SimConditionalFormatRuleBuilder({ ...this.spec, ranges: [...this.spec.ranges] }); }
}

export class SimConditionalFormatRuleBuilder {
  static readonly simKind = 'ConditionalFormatRuleBuilder';
  readonly spec: ConditionalRuleSpec;
  constructor(spec?: ConditionalRuleSpec) {
    this.spec = spec ?? { criteriaType: null, criteriaValues: [], background: null, fontColor: null, bold: null, italic: null, ranges: [] };
  }
  private _when(type: string, values: unknown[]): this { this.spec.criteriaType = type; this.spec.criteriaValues = values; return this; }
  whenTextEqualTo(text: string): this { return this._when(BooleanCriteria.TEXT_EQUAL_TO, [text]); }
  whenTextContains(text: string): this { return this._when(BooleanCriteria.TEXT_CONTAINS, [text]); }
  whenTextDoesNotContain(text: string): this { return this._when(BooleanCriteria.TEXT_DOES_NOT_CONTAIN, [text]); }
  whenTextStartsWith(text: string): this { return this._when(BooleanCriteria.TEXT_STARTS_WITH, [text]); }
  whenFormulaSatisfied(formula: string): this { return this._when(BooleanCriteria.CUSTOM_FORMULA, [formula]); }
  whenCellEmpty(): this { return this._when(BooleanCriteria.CELL_EMPTY, []); }
  whenCellNotEmpty(): this { return this._when(BooleanCriteria.CELL_NOT_EMPTY, []); }
  whenNumberGreaterThan(n: number): this { return this._when(BooleanCriteria.NUMBER_GREATER_THAN, [n]); }
  whenNumberLessThan(n: number): this { return this._when(BooleanCriteria.NUMBER_LESS_THAN, [n]); }
  whenNumberEqualTo(n: number): this { return this._when(BooleanCriteria.NUMBER_EQUAL_TO, [n]); }
  setBackground(color: string | null): this { this.spec.background = color; return this; }
  setFontColor(color: string | null): this { this.spec.fontColor = color; return this; }
  setBold(b: boolean | null): this { this.spec.bold = b; return this; }
  setItalic(b: boolean | null): this { this.spec.italic = b; return this; }
  setRanges(ranges: SimRange[]): this { this.spec.ranges = [...ranges]; return this; }
  getRanges(): SimRange[] { return [...this.spec.ranges]; }
  build(): SimConditionalFormatRule {
    return new SimConditionalFormatRule({ ...this.spec, criteriaValues: [...this.spec.criteriaValues], ranges: [...this.spec.ranges] });
  }
}

export interface DataValidationSpec {
  criteriaType: string | null;
  criteriaValues: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export class SimDataValidation {
  static readonly simKind = 'DataValidation';
  constructor(readonly spec: DataValidationSpec) {}
  getCriteriaType(): string | null { return this.spec.criteriaType; }
  getCriteriaValues(): unknown[] { return [...this.spec.criteriaValues]; }
  getAllowInvalid(): boolean { return this.spec.allowInvalid; }
  getHelpText(): string { return this.spec.helpText; }
  copy(): SimDataValidationBuilder { return new SimDataValidationBuilder({ ...this.spec }); }
}

export class SimDataValidationBuilder {
  static readonly simKind = 'DataValidationBuilder';
  readonly spec: DataValidationSpec;
  constructor(spec?: DataValidationSpec) {
    this.spec = spec ?? { criteriaType: null, criteriaValues: [], allowInvalid: true, helpText: '' };
  }
  requireValueInList(values: string[], showDropdown = true): this {
    this.spec.criteriaType = DataValidationCriteria.VALUE_IN_LIST;
    this.spec.criteriaValues = [[...values], showDropdown];
    return this;
  }
  requireValueInRange(range: SimRange, showDropdown = true): this {
    this.spec.criteriaType = DataValidationCriteria.VALUE_IN_RANGE;
    this.spec.criteriaValues = [range, showDropdown];
    return this;
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    this.spec.criteriaType = DataValidationCriteria.CHECKBOX;
    this.spec.criteriaValues = checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this;
  }
  requireFormulaSatisfied(formula: string): this {
    this.spec.criteriaType = DataValidationCriteria.CUSTOM_FORMULA;
    this.spec.criteriaValues = [formula];
    return this;
  }
  setAllowInvalid(allow: boolean): this { this.spec.allowInvalid = allow; return this; }
  setHelpText(text: string): this { this.spec.helpText = text; return this; }
  build(): SimDataValidation { return new SimDataValidation({ ...this.spec, criteriaValues: [...this.spec.criteriaValues] }); }
}

/** FilterCriteria (subset): what a filter column shows. */
export class SimFilterCriteria {
  static readonly simKind = 'FilterCriteria';
  constructor(readonly criteriaType: string | null, readonly criteriaValues: unknown[]) {}
  getCriteriaType(): string | null { return this.criteriaType; }
  getCriteriaValues(): unknown[] { return [...this.criteriaValues]; }
}

export class SimFilterCriteriaBuilder {
  static readonly simKind = 'FilterCriteriaBuilder';
  private type: string | null = null;
  private values: unknown[] = [];
  whenFormulaSatisfied(formula: string): this { this.type = BooleanCriteria.CUSTOM_FORMULA; this.values = [formula]; return this; }
  whenCellNotEmpty(): this { this.type = BooleanCriteria.CELL_NOT_EMPTY; this.values = []; return this; }
  build(): SimFilterCriteria { return new SimFilterCriteria(this.type, this.values); }
}

export class SimFilter {
  static readonly simKind = 'Filter';
  readonly columnCriteria: Record<number, unknown> = {};
  constructor(readonly range: SimRange) {}
  getRange(): SimRange { return this.range; }
  remove(): void { if (this.range.sheet.filter === this) this.range.sheet.filter = null; }
  setColumnFilterCriteria(column: number, criteria: unknown): this { this.columnCriteria[column] = criteria; return this; }
  getColumnFilterCriteria(column: number): unknown { return this.columnCriteria[column] ?? null; }
  removeColumnFilterCriteria(column: number): this { delete this.columnCriteria[column]; return this; }
  sort(): this { return this; }
}

export class SimProtection {
  static readonly simKind = 'Protection';
  description = '';
  warningOnly = false;
  editors: string[] = [];
  domainEdit = true;
  type: 'RANGE' | 'SHEET' = 'RANGE';
  unprotected: SimRange[] = [];
  constructor(readonly sheet: SimSheet, readonly range: SimRange) {}
  _asSheet(): this { this.type = 'SHEET'; return this; }
  getProtectionType(): string { return this.type; }
  getRange(): SimRange { return this.range; }
  setDescription(d: string): this { this.description = d; return this; }
  getDescription(): string { return this.description; }
  setWarningOnly(w: boolean): this { this.warningOnly = w; return this; }
  isWarningOnly(): boolean { return this.warningOnly; }
  addEditor(user: string | { getEmail(): string }): this { return this.addEditors([user]); }
  addEditors(users: (string | { getEmail(): string })[]): this {
    for (const u of users) { const e = typeof u === 'string' ? u : u.getEmail(); if (!this.editors.includes(e)) this.editors.push(e); }
    return this;
  }
  removeEditor(user: string | { getEmail(): string }): this { return this.removeEditors([user]); }
  removeEditors(users: (string | { getEmail(): string })[]): this {
    const drop = new Set(users.map((u) => (typeof u === 'string' ? u : u.getEmail())));
    this.editors = this.editors.filter((e) => !drop.has(e));
    return this;
  }
  getEditors(): SimUser[] { return this.editors.map((e) => new SimUser(e)); }
  setDomainEdit(edit: boolean): this { this.domainEdit = edit; return this; }
  canDomainEdit(): boolean { return this.domainEdit; }
  canEdit(): boolean { return true; }
  setUnprotectedRanges(ranges: SimRange[]): this { this.unprotected = [...ranges]; return this; }
  getUnprotectedRanges(): SimRange[] { return [...this.unprotected]; }
  remove(): void { this.sheet.protections = this.sheet.protections.filter((p) => p !== this); }
}
