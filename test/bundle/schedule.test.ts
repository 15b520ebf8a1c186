import { describe, expect, it } from 'vitest';
import { createHarness, SETTINGS_FORM } from '../support/harness';

const MIN = 60_000;
const HOUR = 60 * MIN;

function installed(interval: string) {
  const h = createHarness();
  h.install({ pollIntervalHours: interval });
  return h;
}

/** Fires the installed trigger every `cadenceMs` for `totalMs`; returns the minutes (from start) at which a sync ran. */
function runTrigger(h: ReturnType<typeof createHarness>, cadenceMs: number, totalMs: number): number[] {
  const start = h.clock.now();
  const ran: number[] = [];
  for (let t = 0; t <= totalMs; t += cadenceMs) {
    if (t > 0) h.clock.advance(cadenceMs);
    const res = h.sim.triggers.fire('runScheduledSync') as { ran: boolean };
    if (res.ran) ran.push(Math.round((h.clock.now() - start) / MIN));
  }
  return ran;
}

describe('the schedule', () => {
  it('saving settings creates one time-driven trigger for runScheduledSync, owned by the person who saved', () => {
    const h = installed('1');
    const triggers = h.sim.triggers.list();
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ handlerFunction: 'runScheduledSync', everyHours: 1, owner: 'ops@example.com' });
    const view = h.call<{ description: string; owner: string; active: boolean }>('getSchedule');
    expect(view).toMatchObject({ owner: 'ops@example.com', active: true });
    expect(view.description).toBe('Every hour, run by ops@example.com.');
  });

  it.each([
    ['0.25', { everyMinutes: 15 }],
    ['0.5', { everyMinutes: 30 }],
    ['0.75', { everyMinutes: 15 }],
    ['1.5', { everyMinutes: 30 }],
    ['2', { everyHours: 2 }],
    ['3', { everyHours: 1 }],
    ['12', { everyHours: 12 }],
    ['24', { everyHours: 12 }],
  ])('interval %s h runs on an accepted cadence that divides it (%o)', (interval, cadence) => {
    const h = installed(interval);
    const triggers = h.sim.triggers.list();
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject(cadence);
  });

  it('changing the interval rebuilds the trigger (new one first, old one deleted), without a restart', () => {
    const h = installed('1');
    const first = h.sim.triggers.list()[0].id;
    const res = h.call<{ ok: boolean; scheduleNote: string }>('saveSettings', { ...SETTINGS_FORM, pollIntervalHours: '0.25' });
    expect(res.scheduleNote).toBe('Scheduled sync: every 15 minutes, run by ops@example.com.');
    const triggers = h.sim.triggers.list();
    expect(triggers).toHaveLength(1);
    expect(triggers[0].id).not.toBe(first);
    expect(triggers[0].everyMinutes).toBe(15);
    // saving again with the same interval leaves the trigger alone
    h.call('saveSettings', { ...SETTINGS_FORM, pollIntervalHours: '0.25' });
    expect(h.sim.triggers.list()[0].id).toBe(triggers[0].id);
  });

  it('a 3-hour interval on an hourly trigger syncs every 3 hours', () => {
    const h = installed('3');
    expect(h.call<{ description: string }>('getSchedule').description).toBe(
      'Every 3 hours (the trigger fires every hour and skips runs that are not due), run by ops@example.com.',
    );
    expect(runTrigger(h, HOUR, 9 * HOUR)).toEqual([0, 180, 360, 540]);
  });

  it('a 0.75-hour interval on a 15-minute trigger syncs every 45 minutes', () => {
    const h = installed('0.75');
    expect(runTrigger(h, 15 * MIN, 3 * HOUR)).toEqual([0, 45, 90, 135, 180]);
  });

  it('pause stops scheduled syncs (Sync now still works); resume starts them again', () => {
    const h = installed('1');
    h.call('pauseSchedule');
    expect(h.sim.triggers.list()).toHaveLength(0);
    expect(h.call<{ description: string }>('getSchedule').description).toMatch(/^Paused/);
    expect((h.call('syncNow') as { ran: boolean }).ran).toBe(true);
    h.call('resumeSchedule');
    expect(h.sim.triggers.list()).toHaveLength(1);
    expect(h.call<{ active: boolean }>('getSchedule').active).toBe(true);
  });

  it('a second editor saving settings does not create a second schedule, and is told who runs it', () => {
    const h = installed('1');
    h.sim.setUser('colleague@example.com');
    const res = h.call<{ ok: boolean; scheduleNote: string; schedule: { owner: string } }>('saveSettings', { ...SETTINGS_FORM, pollIntervalHours: '2' });
    expect(res.ok).toBe(true);
    expect(res.scheduleNote).toMatch(/run by ops@example.com's trigger/);
    expect(res.schedule.owner).toBe('ops@example.com');
    expect(h.sim.triggers.list()).toHaveLength(1);
    expect(h.sim.triggers.list()[0].owner).toBe('ops@example.com');
    // the owner's hourly trigger follows the new 2-hour interval through the due-time check
    expect(runTrigger(h, HOUR, 4 * HOUR)).toEqual([0, 120, 240]);
  });

  it('a failure of the trigger itself is written to the Logs tab, then thrown so Apps Script e-mails the owner', () => {
    const h = installed('1');
    h.sim.spreadsheet.deleteSheet(h.sim.spreadsheet.getSheetByName('_Orders')!);
    expect(() => h.sim.triggers.fire('runScheduledSync')).toThrow(/DSCO Sync stopped: The "_Orders" tab is missing/);
    expect(h.logs().some((l) => l.level === 'ERROR' && /"_Orders" tab is missing: use DSCO Sync → Set up sheet/.test(l.message))).toBe(true);
  });
});
