import { describe, expect, it } from 'vitest';
import { createClock } from '../../../sandbox/clock';
import { createSimulator } from '../../../sandbox/simulator/index';

describe('execution time limit', () => {
  it('throws Exceeded maximum execution time once the budget is spent, even if the bundle catches it', () => {
    const clock = createClock();
    const sim = createSimulator({ clock, executionLimitMs: 10_000 });
    sim.loadSource(`
      function loop() { var n = 0; while (true) { Utilities.sleep(1000); n++; } }
      function swallow() { for (var i = 0; i < 30; i++) { try { Utilities.sleep(1000); } catch (e) { Logger; } } return 'finished'; }
      function quick() { Utilities.sleep(1000); return 'ok'; }`);
    expect(() => sim.call('loop')).toThrow('Exception: Exceeded maximum execution time');
    expect(() => sim.call('swallow')).toThrow('Exception: Exceeded maximum execution time');
    expect(sim.call('quick')).toBe('ok'); // each call() is a fresh execution
  });

  it('does not apply the limit when the host calls context functions directly', () => {
    const clock = createClock();
    const sim = createSimulator({ clock, executionLimitMs: 1000 });
    sim.loadSource(`function quick() { return Utilities.formatDate(new Date(0), 'UTC', 'yyyy'); }`);
    clock.advance(60_000);
    expect((sim.context.quick as () => string)()).toBe('1970');
  });

  it('charges Sheets costs per call and per cell', () => {
    const clock = createClock();
    const sim = createSimulator({ clock, costs: { sheetsCallMs: 10, sheetsPerCellMs: 1 } });
    sim.loadSource(`function f() { SpreadsheetApp.getActive().getSheets()[0].getRange('A1:B5').getValues(); }`);
    const t0 = clock.now();
    sim.call('f');
    // getActive, getSheets, getRange, getValues = 4 calls, plus 10 cells
    expect(clock.now() - t0).toBe(4 * 10 + 10);
  });
});

describe('counts', () => {
  it('counts every service call by kind and aggregate, and host access is uncounted', () => {
    const sim = createSimulator();
    sim.network.route('https://x.test/', () => ({ status: 200, headers: {}, body: 'ok' }));
    sim.loadSource(`function f() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Log');
      sh.appendRow(['a']);
      sh.getRange(1, 1, 1, 1).setValues([['b']]);
      sh.getDataRange().getValues();
      var p = PropertiesService.getScriptProperties();
      p.setProperty('k', 'v'); p.getProperty('k');
      CacheService.getScriptCache().put('c', 'd');
      UrlFetchApp.fetch('https://x.test/');
      Utilities.sleep(10);
    }`);
    sim.call('f');
    expect(sim.counts).toMatchObject({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.insertSheet': 1,
      'Sheet.appendRow': 1,
      'Sheet.getRange': 1,
      'Sheet.getDataRange': 1,
      'Range.setValues': 1,
      'Range.getValues': 1,
      sheets: 7,
      'PropertiesService.getScriptProperties': 1,
      'PropertiesService.setProperty': 1,
      'PropertiesService.getProperty': 1,
      properties: 2,
      'CacheService.put': 1,
      cache: 1,
      'UrlFetchApp.fetch': 1,
      urlfetch: 1,
      'Utilities.sleep': 1,
    });
    const before = { ...sim.counts };
    sim.readSheet('Log');
    sim.spreadsheet.getSheetByName('Log')!.getDataRange().getValues();
    sim.properties.script.getProperties();
    expect(sim.counts).toEqual(before);
    sim.resetCounts();
    expect(sim.counts).toEqual({});
  });
});
