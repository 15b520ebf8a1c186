import {
  BooleanCriteria,
  DataValidationCriteria,
  SimConditionalFormatRuleBuilder,
  SimDataValidationBuilder,
} from './sheet-rules';
import { exception } from './sim-exception';
import type { SimSpreadsheet } from './spreadsheet';
import { SimUi, type UiRecord } from './ui';
import { SimFilterCriteriaBuilder } from './sheet-rules';

/** SpreadsheetApp for a bound script: the active spreadsheet is always the simulator's one. */
export class SimSpreadsheetApp {
  static readonly simKind = 'SpreadsheetApp';
  readonly BooleanCriteria = BooleanCriteria;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' };
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' };
  readonly BorderStyle = { SOLID: 'SOLID', DOTTED: 'DOTTED', DASHED: 'DASHED', SOLID_MEDIUM: 'SOLID_MEDIUM', SOLID_THICK: 'SOLID_THICK', DOUBLE: 'DOUBLE' };
  readonly flushes: number[] = [];
  private readonly ui: SimUi;

  constructor(private readonly spreadsheet: SimSpreadsheet, record: UiRecord, private readonly now: () => number) {
    this.ui = new SimUi(record);
  }

  getActiveSpreadsheet(): SimSpreadsheet { return this.spreadsheet; }
  getActive(): SimSpreadsheet { return this.spreadsheet; }
  getActiveSheet(): ReturnType<SimSpreadsheet['getActiveSheet']> { return this.spreadsheet.getActiveSheet(); }
  openById(id: string): SimSpreadsheet {
    if (id !== this.spreadsheet.getId()) throw exception('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return this.spreadsheet;
  }
  getUi(): SimUi { return this.ui; }
  flush(): void { this.flushes.push(this.now()); }
  newConditionalFormatRule(): SimConditionalFormatRuleBuilder { return new SimConditionalFormatRuleBuilder(); }
  newDataValidation(): SimDataValidationBuilder { return new SimDataValidationBuilder(); }
  newFilterCriteria(): SimFilterCriteriaBuilder { return new SimFilterCriteriaBuilder(); }
}
