import { describe, expect, it } from 'vitest';
import { createHarness, SETTINGS_FORM } from '../support/harness';

const HOUR = 3_600_000;

function ownedByOps() {
  const h = createHarness();
  h.install();
  return h;
}

type View = { owner: string; description: string; notRunning: boolean; active: boolean; lastRunAt: number | null };

describe('handing the schedule over', () => {
  it("another editor takes it over after a confirmation naming the owner; the old owner's trigger then exits without syncing and removes itself", () => {
    const h = ownedByOps();
    h.sim.setUser('colleague@example.com');
    const message = h.call<string>('takeOverSchedule');
    expect(h.sim.ui.alerts.at(-1)).toMatchObject({
      title: 'Take over scheduled sync',
      prompt: expect.stringMatching(/^The scheduled sync is run by ops@example.com\. Take it over\? It will run as you \(colleague@example.com\) \(every hour\), and ops@example.com's trigger stops syncing\.$/),
    });
    expect(message).toMatch(/^You now run the scheduled sync from ops@example.com: every hour\./);
    expect(h.sim.triggers.list().map((t) => t.owner).sort()).toEqual(['colleague@example.com', 'ops@example.com']);
    expect(h.call<View>('getSchedule')).toMatchObject({ owner: 'colleague@example.com', active: true });

    // the old trigger fires first: no sync, and it is gone
    const requests = h.ss.requests.length + h.dsco.requests.length;
    // sim.triggers.fire runs the first installed trigger: the old owner's
    expect(h.sim.triggers.list()[0].owner).toBe('ops@example.com');
    const res = h.sim.triggers.fire('runScheduledSync') as { ran: boolean; message: string };
    expect(res).toMatchObject({ ran: false, message: expect.stringMatching(/belongs to colleague@example.com/) });
    expect(h.ss.requests.length + h.dsco.requests.length).toBe(requests);
    expect(h.sim.triggers.list().map((t) => t.owner)).toEqual(['colleague@example.com']);
    // the new owner's trigger syncs
    expect((h.sim.triggers.fire('runScheduledSync') as { ran: boolean }).ran).toBe(true);
  });

  it('with no schedule yet there is nothing to take over: it says to save the settings, and makes no trigger', () => {
    const h = createHarness();
    expect(h.call('takeOverSchedule')).toMatch(/^There is no schedule to take over yet: save the settings/);
    expect(h.sim.triggers.list()).toHaveLength(0);
  });

  it('answering No changes nothing', () => {
    const h = ownedByOps();
    h.sim.setUser('colleague@example.com');
    h.sim.ui.answers.push('NO');
    expect(h.call('takeOverSchedule')).toBe('Nothing was changed.');
    expect(h.call<View>('getSchedule').owner).toBe('ops@example.com');
    expect(h.sim.triggers.list().map((t) => t.owner)).toEqual(['ops@example.com']);
  });

  it('the sidebar says "not running" when no run happened for more than two intervals, and who runs it', () => {
    const h = ownedByOps();
    h.sim.triggers.fire('runScheduledSync');
    h.sim.setUser('colleague@example.com');
    h.clock.advance(2 * HOUR);
    expect(h.call<View>('getSchedule')).toMatchObject({ notRunning: false, owner: 'ops@example.com' });
    h.clock.advance(2 * HOUR);
    const view = h.call<View>('getSchedule');
    expect(view.notRunning).toBe(true);
    expect(view.description).toMatch(/^Not running: no scheduled sync for more than two intervals \(every hour, run by ops@example.com\)\. ops@example.com's trigger may be gone: use DSCO Sync → Take over scheduled sync/);
  });

  it('a run skipped by the lock does not count as a run: the next trigger run syncs', () => {
    const h = createHarness();
    h.install({ pollIntervalHours: '3' });
    h.sim.locks.holdScriptLock();
    const skipped = h.sim.triggers.fire('runScheduledSync') as { ran: boolean };
    expect(skipped.ran).toBe(false);
    h.sim.locks.releaseHeldScriptLock();
    h.clock.advance(HOUR);
    expect((h.sim.triggers.fire('runScheduledSync') as { ran: boolean }).ran).toBe(true);
  });

  it('saveSettings, the take-over and the trigger work under the settings lock: while another holds it, nothing changes', () => {
    const h = createHarness();
    h.sim.locks.holdDocumentLock();
    const res = h.call<{ ok: boolean; errors: Record<string, string> }>('saveSettings', SETTINGS_FORM);
    expect(res).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/being saved right now; try again in a moment\. Nothing was saved\./) } });
    expect(h.sim.triggers.list()).toHaveLength(0);
    expect(h.sim.properties.script.getProperty('settings.dscoClientId')).toBeNull();
    h.sim.locks.releaseHeldDocumentLock();
    h.install();
    h.sim.locks.holdDocumentLock();
    h.sim.setUser('colleague@example.com');
    expect(h.call('takeOverSchedule')).toMatch(/being saved right now/);
    expect(h.call<View>('getSchedule').owner).toBe('ops@example.com');
    const fired = h.sim.triggers.fire('runScheduledSync') as { ran: boolean; message: string };
    expect(fired).toMatchObject({ ran: false, message: expect.stringMatching(/^Skipped/) });
    h.sim.locks.releaseHeldDocumentLock();
    expect((h.sim.triggers.fire('runScheduledSync') as { ran: boolean }).ran).toBe(true);
  });
});
