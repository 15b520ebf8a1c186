import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';

const MIN = 60_000;

function withOrders() {
  const h = createHarness();
  h.install();
  const orders = [h.dsco.seedOrder(), h.dsco.seedOrder()];
  h.clock.advance(MIN);
  h.call('syncNow');
  return { h, orders };
}

describe('sheet repair never loses orders', () => {
  it('Set up sheet refuses to create an empty _Orders while the Dashboard lists orders, and says how to get the tab back', () => {
    const { h } = withOrders();
    const ss = h.sim.spreadsheet;
    ss.getSheetByName('_Orders')!.setName('Orders backup');
    const res = h.call<{ refused?: string; created: string[] }>('setupSheet');
    expect(res.created).toEqual([]);
    expect(res.refused).toMatch(/the hidden "_Orders" tab.* is missing, and the Dashboard lists 2 orders/);
    expect(res.refused).toMatch(/rename it back to "_Orders".*Edit → Undo, or File → Version history/);
    expect(h.sim.ui.alerts.at(-1)).toMatchObject({ title: 'Set up sheet did not run', prompt: res.refused });
    expect(ss.getSheetByName('_Orders')).toBeNull();
    expect(h.dashboard()).toHaveLength(2);
    // renamed back: Set up sheet runs, and the sync knows its orders again
    ss.getSheetByName('Orders backup')!.setName('_Orders');
    expect(h.call<{ refused?: string }>('setupSheet').refused).toBeUndefined();
    expect(h.call<{ message: string }>('syncNow').message).toMatch(/^0 new/);
    expect(h.dashboard()).toHaveLength(2);
  });

  it('on a sheet without orders Set up sheet still creates _Orders', () => {
    const h = createHarness();
    h.install();
    h.sim.spreadsheet.deleteSheet(h.sim.spreadsheet.getSheetByName('_Orders')!);
    expect(h.call<{ created: string[] }>('setupSheet').created).toEqual(['_Orders']);
  });

  it('a missing Logs tab is recreated by the next sync, which says so, instead of dropping every log line', () => {
    const { h } = withOrders();
    h.sim.spreadsheet.getSheetByName('Logs')!.setName('Old logs');
    h.dsco.seedOrder();
    h.clock.advance(MIN);
    h.call('syncNow');
    const logs = h.logs();
    expect(logs[0]).toMatchObject({ level: 'WARN', message: expect.stringMatching(/^The "Logs" tab was missing \(deleted or renamed\) and has been recreated/) });
    expect(logs.some((l) => /^Sync finished \(manual\): 1 new/.test(l.message))).toBe(true);
    expect(h.sim.readSheet('Logs')[0]).toEqual(['Time', 'Level', 'Flow', 'DSCO Order ID', 'Message']);
  });
});

describe('the copy guard', () => {
  it('a copy of the Sheet (which keeps the script and its properties) refuses to sync until its settings are saved', () => {
    const { h } = withOrders();
    h.sim.makeCopy();
    const requests = h.dsco.requests.length + h.ss.requests.length;
    expect(() => h.call('syncNow')).toThrow(/This spreadsheet is a copy of the one DSCO Sync was set up in, so it does not sync/);
    expect(h.logs().at(-1)).toMatchObject({ level: 'ERROR', message: expect.stringMatching(/is a copy/) });
    expect(h.dsco.requests.length + h.ss.requests.length).toBe(requests);
    // saving the settings in the copy makes it the one that syncs, with its own schedule
    h.install();
    expect(h.sim.triggers.list()).toHaveLength(1);
    // its own schedule and history, not the original's
    expect(h.call<{ owner: string; lastRunAt: number | null; lastSuccessAt: number | null }>('getSchedule')).toMatchObject({ owner: 'ops@example.com', lastRunAt: null, lastSuccessAt: null });
    expect(h.call<{ ran: boolean }>('syncNow').ran).toBe(true);
  });
});
