import { describe, expect, it } from 'vitest';
import { createClock } from '../../../sandbox/clock';
import { createSimulator, formatDate } from '../../../sandbox/simulator/index';

describe('Utilities and Session', () => {
  it('base64 round trips with signed bytes', () => {
    const sim = createSimulator();
    sim.loadSource(`function f() {
      var enc = Utilities.base64Encode('user:päss');
      var bytes = Utilities.base64Decode(enc);
      return [enc, bytes.some(function (b) { return b < 0; }), Utilities.newBlob(bytes).getDataAsString(),
        Utilities.base64Encode([-1, 0, 1]), Array.isArray(bytes)];
    }`);
    expect(sim.call('f')).toEqual([Buffer.from('user:päss').toString('base64'), true, 'user:päss', Buffer.from([255, 0, 1]).toString('base64'), true]);
  });

  it('formatDate supports the common SimpleDateFormat letters', () => {
    const d = new Date('2026-03-02T15:04:05.007Z');
    expect(formatDate(d, 'America/New_York', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2026-03-02T10:04:05.007-05:00');
    expect(formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-03-02T15:04:05Z');
    expect(formatDate(d, 'America/New_York', 'EEE, MMM d, yy h:mm a z Z')).toBe('Mon, Mar 2, 26 10:04 AM EST -0500');
    expect(formatDate(d, 'America/Los_Angeles', "dd/MM/yyyy H 'o''clock'")).toBe("02/03/2026 7 o'clock");
    expect(() => formatDate(d, 'UTC', 'yyyy-MM-ddTHH')).toThrow('Exception: ');
  });

  it('sleep advances the clock; Session reports users and time zone', () => {
    const clock = createClock();
    const sim = createSimulator({ clock, timeZone: 'Europe/Paris', activeUser: 'a@x.com', effectiveUser: 'e@x.com' });
    sim.loadSource(`function f() {
      var t0 = Date.now(); Utilities.sleep(1500);
      return [Date.now() - t0, Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone(),
        Utilities.formatDate(new Date(0), Session.getScriptTimeZone(), 'HH:mm'), Utilities.getUuid().length];
    }`);
    expect(sim.call('f')).toEqual([1500, 'a@x.com', 'e@x.com', 'Europe/Paris', '01:00', 36]);
  });
});
