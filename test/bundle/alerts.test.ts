import { describe, expect, it } from 'vitest';
import { createHarness, SECRETS, SETTINGS_FORM } from '../support/harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SHEET_URL = 'https://docs.google.com/spreadsheets/d/1SimSpreadsheetId0000000000000000000000000000/edit';

function installed(form: Partial<typeof SETTINGS_FORM> & { alertEmails?: string } = {}) {
  const h = createHarness();
  h.install(form as Partial<typeof SETTINGS_FORM>);
  return h;
}

const fire = (h: ReturnType<typeof createHarness>) => h.sim.triggers.fire('runScheduledSync') as { ran: boolean; message: string };
const note = (h: ReturnType<typeof createHarness>) => h.sim.spreadsheet.getSheetByName('Dashboard')!.getRange(1, 1).getNote();
const tabColor = (h: ReturnType<typeof createHarness>) => h.sim.spreadsheet.getSheetByName('Dashboard')!.getTabColor();
/** ShipStation refuses the key from now on, echoing it in the body (as some proxies do). */
const expireShipStationKey = (h: ReturnType<typeof createHarness>) =>
  h.ss.faults.enqueue({ status: 401, body: `{"Message":"Authorization has been denied for key ${SETTINGS_FORM.ssApiKey}"}`, count: Infinity });

describe('a scheduled run that cannot go on is never silent', () => {
  it('an expired ShipStation key: the run logs the reason, then fails (redacted) so Apps Script e-mails the trigger owner', () => {
    const h = installed();
    expect(fire(h).ran).toBe(true);
    h.clock.advance(HOUR);
    expireShipStationKey(h);
    let thrown: Error | undefined;
    try {
      fire(h);
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.message).toMatch(/^DSCO Sync stopped: ShipStation .*HTTP 401.*Check the ShipStation API Key/);
    for (const s of SECRETS) expect(thrown!.message).not.toContain(s);
    const errors = h.logs().filter((l) => l.level === 'ERROR');
    expect(errors.map((l) => l.message)).toEqual([expect.stringMatching(/^Sync stopped: ShipStation .*HTTP 401/)]);
    for (const s of SECRETS) expect(JSON.stringify(h.logs())).not.toContain(s);
    // the sheet says so at a glance: the Dashboard tab turns red, its header note says why
    expect(tabColor(h)).toBe('#d93025');
    expect(note(h)).toMatch(/^DSCO Sync: Last successful sync \d+ \w+ \d\d:\d\d · next due \d+ \w+ \d\d:\d\d\nThe last sync stopped: ShipStation/);
    for (const s of SECRETS) expect(note(h)).not.toContain(s);
  });

  it('a run that stops for a passing reason (Sheets timed out) does not fail, unless it happens three times in a row', () => {
    const h = installed();
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.sim.faults.failSheets({ method: /^Range\.getValues$/, count: 1 });
      try {
        outcomes.push(fire(h).message.startsWith('Sync stopped') ? 'stopped' : 'ok');
      } catch (e) {
        outcomes.push(`threw: ${(e as Error).message}`);
      }
      h.clock.advance(HOUR);
    }
    expect(outcomes).toEqual(['stopped', 'stopped', expect.stringMatching(/^threw: DSCO Sync stopped \(3 scheduled syncs in a row stopped\): Google Sheets or the script failed/)]);
    // one good run clears it
    expect(fire(h).message).not.toMatch(/stopped/);
    expect(tabColor(h)).toBeNull();
  });

  it('"Last successful sync … · next due …" is a note on the Dashboard header after every sync, at the cost of one small write', () => {
    const h = installed();
    fire(h);
    // 2026-03-02 15:00 UTC is 10:00 in New York (the sheet's time zone)
    expect(note(h)).toBe('DSCO Sync: Last successful sync 2 Mar 10:00 · next due 2 Mar 11:00');
    h.clock.advance(HOUR);
    const trace = h.sim.startTrace();
    fire(h);
    h.sim.stopTrace();
    expect(note(h)).toBe('DSCO Sync: Last successful sync 2 Mar 11:00 · next due 2 Mar 12:00');
    // after the cycle (its lock released): one small write, and the tab colour only when the health changes
    const after = trace.slice(trace.lastIndexOf('LockService.releaseLock'));
    // then the Overview tab, in one block (test/overview/overview.test.ts)
    expect(after.filter((c) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(c))).toEqual(['Spreadsheet.getRange', 'Range.setNote', 'Spreadsheet.getSheetByName', 'Sheet.getMaxRows', 'Sheet.getRange', 'Range.setValues']);
    const schedule = h.call<{ lastSuccessAt: number; failures: number }>('getSchedule');
    expect(schedule).toMatchObject({ lastSuccessAt: h.clock.now(), failures: 0 });
  });
});

describe('the alert e-mail (opt-in: Settings → Alert e-mails)', () => {
  it('sends nothing when no address is set', () => {
    const h = installed();
    h.dsco.seedOrder({ shipping: { city: '', postal: '' } });
    h.clock.advance(MIN);
    fire(h);
    expect(h.sim.mail).toHaveLength(0);
  });

  it('mails new Error rows with a link to the Sheet, at most once an hour, never the same row twice', () => {
    const h = installed({ alertEmails: 'ops@example.com, Boss@Example.com' });
    const a = h.dsco.seedOrder({ shipping: { city: '', postal: '' } });
    h.clock.advance(MIN);
    fire(h);
    expect(h.sim.mail).toHaveLength(1);
    const first = h.sim.mail[0];
    expect(first.to).toEqual(['ops@example.com', 'boss@example.com']);
    expect(first.from).toBe('ops@example.com');
    expect(first.subject).toBe('DSCO Sync: 1 new Error row');
    expect(first.body).toContain(`Order ${a.dscoOrderId}`);
    expect(first.body).toMatch(/incomplete ship-to address/);
    expect(first.body).toContain(SHEET_URL);
    expect(h.logs().some((l) => /^Alert e-mail sent to 2 address\(es\): 1 new Error row\.$/.test(l.message))).toBe(true);

    // a second error 15 minutes later waits for the hour; the first is never mailed again
    h.clock.advance(HOUR + 15 * MIN);
    fire(h); // nothing new
    const b = h.dsco.seedOrder({ shipping: { city: '', postal: '' } });
    h.clock.advance(HOUR);
    fire(h);
    expect(h.sim.mail).toHaveLength(2);
    expect(h.sim.mail[1].body).toContain(`Order ${b.dscoOrderId}`);
    expect(h.sim.mail[1].body).not.toContain(`Order ${a.dscoOrderId}`);
    const c = h.dsco.seedOrder({ shipping: { city: '', postal: '' } });
    h.clock.advance(30 * MIN);
    h.call('syncNow'); // a manual sync finds the error; the mail waits for the hour
    h.clock.advance(15 * MIN);
    fire(h);
    expect(h.sim.mail).toHaveLength(2);
    h.clock.advance(HOUR);
    fire(h);
    expect(h.sim.mail).toHaveLength(3);
    expect(h.sim.mail[2].body).toContain(`Order ${c.dscoOrderId}`);
    expect(h.sim.mail[2].body).not.toMatch(new RegExp(`${a.dscoOrderId}|${b.dscoOrderId}`));
    h.clock.advance(3 * HOUR);
    fire(h);
    expect(h.sim.mail).toHaveLength(3);
  });

  it('mails once when no sync succeeded for more than two intervals, redacted, and not again for the same outage', () => {
    const h = installed({ alertEmails: 'ops@example.com' });
    fire(h);
    expireShipStationKey(h);
    const subjects = () => h.sim.mail.map((m) => m.subject);
    for (let i = 0; i < 6; i++) {
      h.clock.advance(HOUR);
      expect(() => fire(h)).toThrow(/HTTP 401/);
    }
    expect(subjects()).toEqual(['DSCO Sync: No successful sync for more than two intervals']);
    const mail = h.sim.mail[0];
    expect(mail.body).toMatch(/The last successful sync was 2 Mar 10:00.*Last reason: ShipStation .*HTTP 401/s);
    for (const s of SECRETS) expect(mail.body + mail.subject).not.toContain(s);
    // fixed, then broken again later: a new outage, a new mail
    h.ss.faults.clear();
    h.clock.advance(HOUR);
    fire(h);
    expireShipStationKey(h);
    for (let i = 0; i < 3; i++) {
      h.clock.advance(HOUR);
      expect(() => fire(h)).toThrow();
    }
    expect(subjects()).toHaveLength(2);
  });

  it('an address that is not one is refused beside the field, and nothing is saved', () => {
    const h = createHarness();
    const res = h.call<{ ok: boolean; errors: Record<string, string> }>('saveSettings', { ...SETTINGS_FORM, alertEmails: 'ops@example.com, not-an-address' });
    expect(res.ok).toBe(false);
    expect(res.errors.alertEmails).toMatch(/"not-an-address" is not an e-mail address/);
    expect(h.sim.properties.script.getProperty('settings.ssApiKey')).toBeNull();
  });
});
