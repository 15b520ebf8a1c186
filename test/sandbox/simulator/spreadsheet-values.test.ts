import { describe, expect, it } from 'vitest';
import { createSimulator, FORMULA_RESULT } from '../../../sandbox/simulator/index';

function setup() {
  const sim = createSimulator();
  sim.loadSource(`
    function sheet() { var ss = SpreadsheetApp.getActiveSpreadsheet(); return ss.getSheetByName('Data') || ss.insertSheet('Data'); }
    function write(a1, values) { sheet().getRange(a1).setValues(values); }
    function writeText(a1, values) { sheet().getRange(a1).setNumberFormat('@').setValues(values); }
    function read(a1) { return sheet().getRange(a1).getValues(); }
    function append(values) { sheet().appendRow(values); return sheet().getLastRow(); }
  `);
  return sim;
}

describe('Range values', () => {
  it('throws the Apps Script dimension errors', () => {
    const sim = setup();
    expect(() => sim.call('write', 'A1:B3', [[1, 2], [3, 4]])).toThrow(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(() => sim.call('write', 'A1:C2', [[1, 2], [3, 4]])).toThrow(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  it('stores strings starting with = as formulas unless the format is plain text', () => {
    const sim = setup();
    sim.call('write', 'A1:B1', [['=HYPERLINK("http://x")', '=1+1']]);
    sim.call('writeText', 'A2:B2', [['=IMPORTXML("evil")', "'quoted"]]);
    const data = sim.spreadsheet.getSheetByName('Data')!;
    expect(data.getRange('A1:B2').getValues()).toEqual([[FORMULA_RESULT, FORMULA_RESULT], ['=IMPORTXML("evil")', "'quoted"]]);
    expect(data.getRange('A1:B2').getFormulas()).toEqual([['=HYPERLINK("http://x")', '=1+1'], ['', '']]);
    expect(data.getRange('A2').getNumberFormat()).toBe('@');
  });

  it('coerces like Sheets: numbers, booleans, ISO dates, apostrophe text', () => {
    const sim = setup();
    sim.call('write', 'A1:F1', [['00123', '1,234.5', 'TRUE', '2026-03-02', "'00123", 'PO-1']]);
    const [row] = sim.readSheet('Data') as unknown[][];
    expect(row!.slice(0, 3)).toEqual([123, 1234.5, true]);
    expect(row![3]).toEqual(new Date('2026-03-02T05:00:00Z')); // midnight New York
    expect(row!.slice(4)).toEqual(['00123', 'PO-1']);
    sim.call('write', 'A3:C3', [['2026-03-02 14:30', '3/2/2026', '2026-03-02T15:00:00Z']]);
    expect(sim.readSheet('Data')[2]).toEqual([new Date('2026-03-02T19:30:00Z'), new Date('2026-03-02T05:00:00Z'), '2026-03-02T15:00:00Z', '', '', '']);
    sim.call('writeText', 'A2', [['00123']]);
    expect(sim.readSheet('Data')[1]![0]).toBe('00123');
  });

  it('appendRow grows the sheet; setValues past the edge throws', () => {
    const sim = setup();
    const data = sim.spreadsheet.insertSheet('Data');
    data.getRange(1000, 1).setValue('last');
    expect(sim.call('append', ['x', 'y'])).toBe(1001);
    expect(data.getMaxRows()).toBe(1001);
    expect(() => sim.call('write', 'A1002:B1002', [[1, 2]])).toThrow('Exception: ');
    expect(() => sim.call('write', 'AA1', [[1]])).toThrow('Exception: ');
    data.insertRowsAfter(1, 5);
    expect(data.getMaxRows()).toBe(1006);
    expect(data.getRange(1006, 1).getValue()).toBe('x');
  });

  it('getLastRow/getLastColumn/getDataRange and A1 forms', () => {
    const sim = setup();
    const s = sim.spreadsheet.insertSheet('Data');
    expect(s.getLastRow()).toBe(0);
    s.getRange('B2:C3').setValues([[1, 2], [3, '']]);
    expect([s.getLastRow(), s.getLastColumn(), s.getDataRange().getA1Notation()]).toEqual([3, 3, 'A1:C3']);
    expect(s.getRange('A:A').getNumRows()).toBe(1000);
    expect(s.getRange('B2:C').getA1Notation()).toBe('B2:C1000');
    expect(s.getRange('A1:I1').getNumColumns()).toBe(9);
    expect(s.getRange(2, 2, 2, 2).getValues()).toEqual([[1, 2], [3, '']]);
    s.deleteRows(2, 1);
    expect(s.getRange('B2:C2').getValues()).toEqual([[3, '']]);
    expect(s.getMaxRows()).toBe(999);
  });

  it('getDisplayValues formats numbers, booleans and dates', () => {
    const sim = createSimulator({ timeZone: 'UTC' });
    const s = sim.spreadsheet.getSheets()[0]!;
    s.getRange('A1:C1').setValues([[1234.5, true, new Date('2026-03-02T15:04:05Z')]]);
    s.getRange('D1').setNumberFormat('yyyy-mm-dd hh:mm').setValue(new Date('2026-03-02T15:04:05Z'));
    s.getRange('E1').setNumberFormat('#,##0.00').setValue(1234.5);
    expect(s.getRange('A1:E1').getDisplayValues()).toEqual([['1234.5', 'TRUE', '3/2/2026 15:04:05', '2026-03-02 15:04', '1,234.50']]);
  });
});
