import { describe, expect, it } from 'vitest';
import { createClock } from '../../../sandbox/clock';
import { createSimulator } from '../../../sandbox/simulator/index';

describe('Date inside the context', () => {
  it('new Date() and Date.now() read the simulated clock', () => {
    const clock = createClock('2026-03-02T15:00:00Z');
    const sim = createSimulator({ clock });
    sim.loadSource(`function now() { return [Date.now(), new Date().toISOString(), typeof Date(), Date().length > 10]; }`);
    expect(sim.call('now')).toEqual([Date.parse('2026-03-02T15:00:00Z'), '2026-03-02T15:00:00.000Z', 'string', true]);
    clock.advance(90_000);
    expect(sim.call<unknown[]>('now')[1]).toBe('2026-03-02T15:01:30.000Z');
  });

  it('leaves explicit construction, parse and UTC alone; instanceof works', () => {
    const sim = createSimulator();
    sim.loadSource(`function f() {
      var d = new Date(2020, 0, 2, 3, 4, 5);
      return [new Date(0).getTime(), new Date('2021-05-06T00:00:00Z').getTime(), Date.parse('2021-05-06T00:00:00Z'),
        Date.UTC(2021, 4, 6), new Date() instanceof Date, d.constructor === Date, Object.prototype.toString.call(d), d.getFullYear()];
    }`);
    expect(sim.call('f')).toEqual([0, Date.parse('2021-05-06T00:00:00Z'), Date.parse('2021-05-06T00:00:00Z'), Date.UTC(2021, 4, 6), true, true, '[object Date]', 2020]);
  });

  it('Dates read from a sheet are context-realm Dates', () => {
    const sim = createSimulator();
    sim.spreadsheet.getSheets()[0]!.getRange('A1').setValue(new Date('2026-01-01T00:00:00Z'));
    sim.loadSource(`function f() { var v = SpreadsheetApp.getActive().getSheets()[0].getRange('A1').getValue(); return [v instanceof Date, v.getTime()]; }`);
    expect(sim.call('f')).toEqual([true, Date.parse('2026-01-01T00:00:00Z')]);
  });
});
