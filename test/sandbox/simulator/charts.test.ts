import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../sandbox/simulator/index';
import type { SimEmbeddedChart } from '../../../sandbox/simulator/charts';

describe('embedded charts and the tab order', () => {
  it('builds, inserts, lists, modifies and removes an embedded chart as Apps Script does', () => {
    const sim = createSimulator();
    sim.loadSource(`function add() {
      var sh = SpreadsheetApp.getActive().insertSheet('Overview');
      sh.getRange('C1:E3').setValues([['Day', 'In', 'Out'], ['1 Mar', 2, 1], ['2 Mar', 3, 3]]);
      sh.insertChart(sh.newChart().asColumnChart().addRange(sh.getRange(1, 3, 3, 3)).setNumHeaders(1).setOption('title', 'Per day').setPosition(5, 1, 0, 0).build());
      return sh.getCharts().length;
    }
    function retitle() { var sh = SpreadsheetApp.getActive().getSheetByName('Overview'); var c = sh.getCharts()[0]; sh.updateChart(c.modify().setOption('title', 'Daily').build()); return sh.getCharts()[0].getOptions().get('title'); }
    function remove() { var sh = SpreadsheetApp.getActive().getSheetByName('Overview'); sh.removeChart(sh.getCharts()[0]); return sh.getCharts().length; }
    function noType() { var sh = SpreadsheetApp.getActive().getSheetByName('Overview'); sh.newChart().addRange(sh.getRange('C1:E3')).build(); }
    function noData() { var sh = SpreadsheetApp.getActive().getSheetByName('Overview'); sh.newChart().asColumnChart().build(); }`);
    expect(sim.call('add')).toBe(1);
    const chart = sim.spreadsheet.getSheetByName('Overview')!.getCharts()[0] as SimEmbeddedChart;
    expect(chart.spec).toMatchObject({ type: 'COLUMN', numHeaders: 1, options: { title: 'Per day' }, position: { row: 5, column: 1 } });
    expect(chart.getRanges()[0].getA1Notation()).toBe('C1:E3');
    expect(sim.call('retitle')).toBe('Daily');
    expect(sim.spreadsheet.getSheetByName('Overview')!.getCharts()).toHaveLength(1);
    expect(() => sim.call('noType')).toThrow(/Chart type/);
    expect(() => sim.call('noData')).toThrow(/no data/);
    expect(sim.call('remove')).toBe(0);
  });

  it('moveActiveSheet moves the active sheet to a 1-based position and refuses one outside the tabs', () => {
    const sim = createSimulator();
    sim.loadSource(`function move(name, pos) { var ss = SpreadsheetApp.getActive(); ss.setActiveSheet(ss.getSheetByName(name)); ss.moveActiveSheet(pos); return ss.getSheets().map(function (s) { return s.getName(); }); }
      function add(n) { SpreadsheetApp.getActive().insertSheet(n); }`);
    sim.call('add', 'Dashboard');
    sim.call('add', 'Overview');
    expect(sim.call('move', 'Overview', 1)).toEqual(['Overview', 'Sheet1', 'Dashboard']);
    expect(sim.call('move', 'Sheet1', 3)).toEqual(['Overview', 'Dashboard', 'Sheet1']);
    expect(() => sim.call('move', 'Sheet1', 4)).toThrow(/Invalid argument/);
  });
});
