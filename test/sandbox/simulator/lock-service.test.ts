import { describe, expect, it } from 'vitest';
import { createClock } from '../../../sandbox/clock';
import { createSimulator } from '../../../sandbox/simulator/index';

const SRC = `
  function tryIt(ms) { var l = LockService.getScriptLock(); var ok = l.tryLock(ms); return [ok, l.hasLock()]; }
  function waitIt(ms) { LockService.getScriptLock().waitLock(ms); return 'locked'; }
  function lockAndRelease() { var l = LockService.getScriptLock(); l.waitLock(1000); SpreadsheetApp.flush(); l.releaseLock(); return l.hasLock(); }
  function twice() { var a = LockService.getScriptLock(); var b = LockService.getScriptLock(); return [a.tryLock(0), b.tryLock(0), b.hasLock()]; }`;

describe('LockService', () => {
  it('acquires, and releases when the execution ends', () => {
    const sim = createSimulator();
    sim.loadSource(SRC);
    expect(sim.call('tryIt', 1000)).toEqual([true, true]);
    expect(sim.call('tryIt', 1000)).toEqual([true, true]); // released at the end of the previous call
    expect(sim.call('lockAndRelease')).toBe(false);
    expect(sim.call('twice')).toEqual([true, true, true]); // same execution
  });

  it('fails after the timeout while another execution holds the script lock', () => {
    const clock = createClock();
    const sim = createSimulator({ clock });
    sim.loadSource(SRC);
    sim.locks.holdScriptLock();
    const t0 = clock.now();
    expect(sim.call('tryIt', 5000)).toEqual([false, false]);
    expect(clock.now() - t0).toBe(5000);
    expect(() => sim.call('waitIt', 30_000)).toThrow('Exception: Lock timeout: another process was holding the lock for too long.');
    expect(clock.now() - t0).toBe(35_000);
    sim.locks.releaseHeldScriptLock();
    expect(sim.call('waitIt', 30_000)).toBe('locked');
  });

  it('user and document locks are separate from the script lock', () => {
    const sim = createSimulator();
    sim.loadSource(`function f() { return [LockService.getUserLock().tryLock(0), LockService.getDocumentLock().tryLock(0)]; }`);
    sim.locks.holdScriptLock();
    expect(sim.call('f')).toEqual([true, true]);
  });
});
