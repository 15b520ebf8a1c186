import { describe, expect, it } from 'vitest';
import { fromPacificLocal, isPacificDaylightTime, toPacificDate, toPacificLocal } from '../../../src/core/time/pacific-time';

/** Independent oracle: Node's ICU time-zone data. */
const PACIFIC = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function intlPacific(ms: number): string {
  const f = PACIFIC;
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

describe('Pacific time (ShipStation V1 dates)', () => {
  it('formats instants around the 2026 spring-forward change (8 March, 02:00 PST)', () => {
    expect(toPacificLocal(Date.parse('2026-03-08T09:59:59Z'))).toBe('2026-03-08 01:59:59');
    expect(toPacificLocal(Date.parse('2026-03-08T10:00:00Z'))).toBe('2026-03-08 03:00:00');
  });

  it('formats instants around the 2026 fall-back change (1 November, 02:00 PDT)', () => {
    expect(toPacificLocal(Date.parse('2026-11-01T08:59:59Z'))).toBe('2026-11-01 01:59:59');
    expect(toPacificLocal(Date.parse('2026-11-01T09:00:00Z'))).toBe('2026-11-01 01:00:00');
  });

  it('agrees with the ICU time-zone database every 37 minutes across 2024-2027', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const end = Date.parse('2028-01-01T00:00:00Z');
    const mismatches: string[] = [];
    let checked = 0;
    for (let t = start; t < end; t += 37 * 60_000) {
      if (toPacificLocal(t) !== intlPacific(t)) mismatches.push(new Date(t).toISOString());
      checked++;
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });

  it('reads ShipStation response formats as Pacific local time', () => {
    expect(fromPacificLocal('2015-06-29T08:46:27.0000000')).toBe(Date.parse('2015-06-29T15:46:27Z'));
    expect(fromPacificLocal('2016-11-29 23:59:59')).toBe(Date.parse('2016-11-30T07:59:59Z'));
    expect(fromPacificLocal('2015-07-16T14:00:34.823')).toBe(Date.parse('2015-07-16T21:00:34.823Z'));
    expect(fromPacificLocal('2015-07-02')).toBe(Date.parse('2015-07-02T07:00:00Z'));
    expect(fromPacificLocal('2026-01-15')).toBe(Date.parse('2026-01-15T08:00:00Z'));
  });

  it('round-trips every 37 minutes, except inside the repeated fall-back hour, where it picks the earlier instant', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    for (let t = start; t < start + 2 * 365 * 86_400_000; t += 37 * 60_000) {
      const local = toPacificLocal(t);
      const back = fromPacificLocal(local);
      if (back !== t) {
        // Only the second pass through 01:xx on a fall-back day may differ, by exactly one hour.
        expect(t - back).toBe(3_600_000);
        expect(local.slice(11, 13)).toBe('01');
      }
    }
  });

  it('reads the ambiguous 01:30 on fall-back day as PDT and the skipped 02:30 in spring as PST', () => {
    expect(fromPacificLocal('2026-11-01 01:30:00')).toBe(Date.parse('2026-11-01T08:30:00Z'));
    expect(fromPacificLocal('2026-03-08 02:30:00')).toBe(Date.parse('2026-03-08T10:30:00Z'));
  });

  it('honours an explicit offset and rejects text that is not a date', () => {
    expect(fromPacificLocal('2026-05-01T12:00:00Z')).toBe(Date.parse('2026-05-01T12:00:00Z'));
    expect(fromPacificLocal('2026-05-01T12:00:00+02:00')).toBe(Date.parse('2026-05-01T10:00:00Z'));
    expect(Number.isNaN(fromPacificLocal('yesterday'))).toBe(true);
  });

  it('gives the Pacific calendar date, which differs from UTC in the evening', () => {
    expect(toPacificDate(Date.parse('2026-07-04T05:00:00Z'))).toBe('2026-07-03');
    expect(isPacificDaylightTime(Date.parse('2026-07-04T05:00:00Z'))).toBe(true);
    expect(isPacificDaylightTime(Date.parse('2026-12-04T05:00:00Z'))).toBe(false);
  });
});
