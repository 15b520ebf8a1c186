import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../../sandbox/http';
import { createSimulator } from '../../../sandbox/simulator/index';

describe('fault injection extensions', () => {
  it('failSheets: matching calls throw "Service Spreadsheets timed out", after `skip`, `count` times', () => {
    const sim = createSimulator();
    sim.loadSource(`function write(v) {
      try { SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1).setValue(v); return 'ok'; } catch (e) { return e.message; }
    }
    function read() { return SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1).getValue(); }`);
    sim.faults.failSheets({ kind: 'write', skip: 1, count: 2 });
    expect(sim.call('write', 'a')).toBe('ok');
    expect(sim.call('write', 'b')).toMatch(/^Exception: Service Spreadsheets timed out while accessing document with id /);
    expect(sim.call('read')).toBe('a'); // reads are not matched; the failed write did nothing
    expect(sim.call('write', 'c')).toMatch(/timed out/);
    expect(sim.call('write', 'd')).toBe('ok');
    expect(sim.faults.pendingSheets()).toBe(0);
    expect(sim.faults.sheetsFired.map((f) => `${f.kind}.${f.method}`)).toEqual(['Range.setValue', 'Range.setValue']);
  });

  it('failSheets applied: the write happens, then the call throws; method filters by Kind.method', () => {
    const sim = createSimulator();
    sim.loadSource(`function write(v) {
      try { SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1).setValue(v); return 'ok'; } catch (e) { return e.message; }
    }`);
    sim.faults.failSheets({ method: /^Range\.setValue$/, applied: true, message: 'Service Spreadsheets failed while accessing document with id x.' });
    expect(sim.call('write', 'late')).toBe('Exception: Service Spreadsheets failed while accessing document with id x.');
    expect(sim.readSheet(sim.spreadsheet.getSheets()[0].getName())).toEqual([['late']]);
  });

  it('failSheets exhaustTime: the execution hits the time limit at that call', () => {
    const sim = createSimulator();
    sim.loadSource(`function f() { var s = SpreadsheetApp.getActive().getSheets()[0]; s.getRange(1, 1).setValue(1); s.getRange(2, 1).setValue(2); }`);
    sim.faults.failSheets({ method: 'setValue', skip: 1, exhaustTime: true });
    expect(() => sim.call('f')).toThrow(/Exceeded maximum execution time/);
    expect(sim.readSheet(sim.spreadsheet.getSheets()[0].getName())).toEqual([[1]]);
  });

  it('failNext delivered: the server processes the request, then UrlFetchApp times out', () => {
    const sim = createSimulator();
    let received = 0;
    sim.network.route('https://api.test', () => {
      received++;
      return jsonResponse(200, { ok: true });
    });
    sim.loadSource(`function get() { try { return UrlFetchApp.fetch('https://api.test/x').getContentText(); } catch (e) { return e.message; } }`);
    sim.network.failNext({ kind: 'timeout', delivered: true });
    const t0 = sim.clock.now();
    expect(sim.call('get')).toBe('Exception: Timeout: https://api.test/x');
    expect(received).toBe(1);
    expect(sim.clock.now() - t0).toBe(60_000);
    sim.network.failNext({ kind: 'timeout' });
    expect(sim.call('get')).toMatch(/Timeout/);
    expect(received).toBe(1);
  });
});

describe('inserted rows take the formatting of their neighbour, as in Sheets', () => {
  it('insertRowsAfter copies the row before; insertRowsBefore the row below', () => {
    const sim = createSimulator();
    const sheet = sim.spreadsheet.getSheets()[0]!;
    sheet.getRange(1, 1, sheet.getMaxRows(), 1).setNumberFormat('@');
    sheet.insertRowsAfter(sheet.getMaxRows(), 5);
    const last = sheet.getMaxRows();
    sheet.getRange(last, 1).setValue('=1+1');
    expect(sheet.getRange(last, 1).getFormula()).toBe('');
    expect(sheet.getRange(last, 1).getValue()).toBe('=1+1');
    sheet.getRange(3, 2).setBackground('#ff0000');
    sheet.insertRowsBefore(3, 1);
    expect(sheet.getRange(3, 2).getBackground()).toBe('#ff0000');
    expect(sheet.getRange(3, 2).getValue()).toBe('');
  });
});
