import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../sandbox/simulator/index';

const SRC = `
  function every(fn, m) { return ScriptApp.newTrigger(fn).timeBased().everyMinutes(m).create().getUniqueId(); }
  function hourly(fn, h) { ScriptApp.newTrigger(fn).timeBased().everyHours(h).create(); }
  function later(fn, ms) { ScriptApp.newTrigger(fn).timeBased().after(ms).create(); }
  function atTime(fn, iso) { ScriptApp.newTrigger(fn).timeBased().at(new Date(iso)).create(); }
  function list() { return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), t.getEventType() === ScriptApp.EventType.CLOCK, t.getTriggerSource()]; }); }
  function removeAll(fn) { ScriptApp.getProjectTriggers().forEach(function (t) { if (t.getHandlerFunction() === fn) ScriptApp.deleteTrigger(t); }); }
  function sync(e) { return { uid: e.triggerUid, who: Session.getEffectiveUser().getEmail() }; }`;

describe('ScriptApp triggers', () => {
  it('validates everyMinutes and everyHours', () => {
    const sim = createSimulator();
    sim.loadSource(SRC);
    for (const m of [1, 5, 10, 15, 30]) sim.call('every', 'sync', m);
    expect(() => sim.call('every', 'sync', 2)).toThrow('Exception: The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
    sim.call('hourly', 'sync', 1);
    sim.call('hourly', 'sync', 24);
    expect(() => sim.call('hourly', 'sync', 25)).toThrow('Exception: ');
    expect(() => sim.call('hourly', 'sync', 1.5)).toThrow('Exception: ');
    expect(sim.triggers.list().map((t) => t.everyMinutes ?? t.everyHours)).toEqual([1, 5, 10, 15, 30, 1, 24]);
  });

  it('records after/at, lists, deletes, and owns triggers by the effective user', () => {
    const sim = createSimulator({ activeUser: 'ed@example.com', effectiveUser: 'owner@example.com' });
    sim.loadSource(SRC);
    sim.call('later', 'continueSync', 60_000);
    sim.call('atTime', 'sync', '2026-03-03T00:00:00Z');
    expect(sim.triggers.list()).toEqual([
      expect.objectContaining({ handlerFunction: 'continueSync', type: 'CLOCK', afterMs: 60_000, owner: 'owner@example.com' }),
      expect.objectContaining({ handlerFunction: 'sync', atMs: Date.parse('2026-03-03T00:00:00Z') }),
    ]);
    expect(sim.call('list')).toEqual([['continueSync', true, 'CLOCK'], ['sync', true, 'CLOCK']]);
    sim.call('removeAll', 'continueSync');
    expect(sim.triggers.list().map((t) => t.handlerFunction)).toEqual(['sync']);
  });

  it('enforces 20 triggers per user', () => {
    const sim = createSimulator();
    sim.loadSource(SRC);
    for (let i = 0; i < 20; i++) sim.call('every', 'sync', 5);
    expect(() => sim.call('every', 'sync', 5)).toThrow(
      'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });

  it('fire() runs the handler as a new execution with a clock event, as the owner', () => {
    const sim = createSimulator({ effectiveUser: 'owner@example.com' });
    sim.loadSource(SRC);
    const id = sim.call<string>('every', 'sync', 5);
    expect(sim.triggers.fire('sync')).toEqual({ uid: id, who: 'owner@example.com' });
    expect(() => sim.triggers.fire('nope')).toThrow();
  });

  it('exposes script id, OAuth token and AuthMode', () => {
    const sim = createSimulator();
    sim.loadSource(`function f() { return [typeof ScriptApp.getScriptId(), typeof ScriptApp.getOAuthToken(), ScriptApp.AuthMode.FULL]; }`);
    expect(sim.call('f')).toEqual(['string', 'string', 'FULL']);
  });
});
