import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../sandbox/simulator/index';

describe('Spreadsheet and Sheet structure', () => {
  it('insertSheet rejects duplicates with the Apps Script message', () => {
    const sim = createSimulator();
    sim.loadSource(`function add(n) { return SpreadsheetApp.getActive().insertSheet(n).getName(); }`);
    expect(sim.call('add', 'Orders')).toBe('Orders');
    expect(() => sim.call('add', 'Orders')).toThrow('Exception: A sheet with the name "Orders" already exists. Please enter another name.');
    expect(sim.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Orders']);
    expect(sim.spreadsheet.getSheetByName('Orders')!.getMaxColumns()).toBe(26);
  });

  it('records formats, widths, frozen rows, validation, conditional rules, filters, hidden', () => {
    const sim = createSimulator();
    sim.loadSource(`function setup() {
      var ss = SpreadsheetApp.getActiveSpreadsheet();
      var sh = ss.insertSheet('Dashboard', 0);
      var header = sh.getRange('A1:C1');
      header.setValues([['Order', 'Status', 'Total']]).setFontWeight('bold').setBackground('#eeeeee');
      sh.setFrozenRows(1);
      sh.setColumnWidth(2, 180);
      sh.getRange('C2:C').setNumberFormat('$#,##0.00');
      var rule = SpreadsheetApp.newDataValidation().requireValueInList(['open', 'shipped'], true).setAllowInvalid(false).build();
      sh.getRange('B2:B10').setDataValidation(rule);
      var cf = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('ERROR').setBackground('#f4cccc').setFontColor('#990000')
        .setRanges([sh.getRange('B2:B')]).build();
      sh.setConditionalFormatRules(sh.getConditionalFormatRules().concat([cf]));
      sh.getRange('A1:C10').createFilter();
      sh.setTabColor('#ff0000');
      ss.insertSheet('Hidden').hideSheet();
      return [sh.getFrozenRows(), sh.getColumnWidth(2), sh.getRange('B3').getDataValidation().getCriteriaType(), sh.getFilter().getRange().getA1Notation()];
    }`);
    expect(sim.call('setup')).toEqual([1, 180, 'VALUE_IN_LIST', 'A1:C10']);
    const sh = sim.spreadsheet.getSheetByName('Dashboard')!;
    expect(sim.spreadsheet.getSheets()[0]).toBe(sh);
    expect(sh.frozenRows).toBe(1);
    expect(sh.getColumnWidth(2)).toBe(180);
    expect(sh.getRange('A1:C1').getFontWeights()).toEqual([['bold', 'bold', 'bold']]);
    expect(sh.getRange('C500').getNumberFormat()).toBe('$#,##0.00');
    const dv = sh.getRange('B5').getDataValidation()!;
    expect([dv.getCriteriaValues(), dv.getAllowInvalid()]).toEqual([[['open', 'shipped'], true], false]);
    expect(sh.getRange('B11').getDataValidation()).toBeNull();
    const [rule] = sh.getConditionalFormatRules();
    expect(rule!.spec).toMatchObject({ criteriaType: 'TEXT_EQUAL_TO', criteriaValues: ['ERROR'], background: '#f4cccc', fontColor: '#990000' });
    expect(rule!.getRanges()[0]!.getA1Notation()).toBe('B2:B1000');
    expect(sh.filter?.getRange().getA1Notation()).toBe('A1:C10');
    expect(sh.tabColor).toBe('#ff0000');
    expect(sim.spreadsheet.getSheetByName('Hidden')!.isSheetHidden()).toBe(true);
  });

  it('exposes id, url, time zone, toast and deleteSheet', () => {
    const sim = createSimulator({ timeZone: 'America/Chicago' });
    sim.loadSource(`function f() {
      var ss = SpreadsheetApp.getActive();
      ss.toast('Synced 3 orders', 'Sync', 5);
      ss.toast('plain');
      ss.deleteSheet(ss.insertSheet('Tmp'));
      return [ss.getId(), ss.getUrl(), ss.getSpreadsheetTimeZone(), ss.getSheets().length];
    }`);
    const [id, url, tz, n] = sim.call<[string, string, string, number]>('f');
    expect(url).toBe(`https://docs.google.com/spreadsheets/d/${id}/edit`);
    expect([tz, n]).toEqual(['America/Chicago', 1]);
    expect(sim.ui.toasts).toEqual([{ message: 'Synced 3 orders', title: 'Sync' }, { message: 'plain' }]);
  });
});
