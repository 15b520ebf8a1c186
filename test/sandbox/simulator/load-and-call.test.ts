import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../sandbox/simulator/index';

describe('loadSource / call', () => {
  it('runs top-level functions and returns host-realm plain data', () => {
    const sim = createSimulator();
    sim.loadSource(`
      function add(a, b) { return a + b; }
      function obj(x) { return { got: x, list: [1, 2], when: new Date(0) }; }
      function nothing() {}
      const arrow = () => 'arrow';
    `);
    expect(sim.call<number>('add', 2, 3)).toBe(5);
    const o = sim.call<{ got: { n: number }; list: number[]; when: string }>('obj', { n: 1 });
    expect(o).toEqual({ got: { n: 1 }, list: [1, 2], when: '1970-01-01T00:00:00.000Z' });
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(sim.call('nothing')).toBeUndefined();
    expect(sim.call('arrow')).toBe('arrow');
  });

  it('rethrows script errors as host Errors with the same message', () => {
    const sim = createSimulator();
    sim.loadSource(`function boom() { throw new Error('bad thing'); }
      function typeErr() { return null.x; }
      function svc() { SpreadsheetApp.getActive().insertSheet('Sheet1'); }`);
    expect(() => sim.call('boom')).toThrowError(new Error('bad thing'));
    let caught: unknown;
    try { sim.call('typeErr'); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('TypeError');
    expect(() => sim.call('svc')).toThrow('Exception: A sheet with the name "Sheet1" already exists. Please enter another name.');
    expect(() => sim.call('missing')).toThrow('Script function not found: missing');
  });

  it('service errors are catchable Errors of the context realm', () => {
    const sim = createSimulator();
    sim.loadSource(`function f() {
      try { SpreadsheetApp.getActive().insertSheet('Sheet1'); } catch (e) { return [e instanceof Error, e.message]; }
    }`);
    expect(sim.call('f')).toEqual([true, 'Exception: A sheet with the name "Sheet1" already exists. Please enter another name.']);
  });

  it('provides no Node globals inside the context', () => {
    const sim = createSimulator();
    sim.loadSource(`function g() { return [typeof require, typeof process, typeof setTimeout, typeof fetch, typeof SpreadsheetApp]; }`);
    expect(sim.call('g')).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'object']);
  });

  it('captures console and Logger output without printing', () => {
    const sim = createSimulator();
    sim.loadSource(`function f() { console.log('a', 1); console.warn('w'); console.error('e'); console.info('i'); Logger.log('n=%s', 7); }`);
    sim.call('f');
    expect(sim.logs).toEqual([
      { level: 'log', message: 'a 1' },
      { level: 'warn', message: 'w' },
      { level: 'error', message: 'e' },
      { level: 'info', message: 'i' },
      { level: 'log', message: 'n=7' },
    ]);
  });

  it('loads a bundle file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    writeFileSync(join(dir, 'Code.js'), 'var global = this; (function(){ global.hello = function(n){ return "hi " + n; }; })();');
    const sim = createSimulator();
    sim.load(join(dir, 'Code.js'));
    expect(sim.call('hello', 'x')).toBe('hi x');
  });
});
