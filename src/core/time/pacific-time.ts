/**
 * ShipStation V1 sends and expects dates as US Pacific local time with no offset
 * ("2015-06-29T08:46:27.0000000", "2016-11-29 23:59:59"). Apps Script's `new Date(str)` would read
 * such a string in the script's own time zone, so conversion is done here, by the US rules in force
 * since 2007: daylight time (UTC-7) from the second Sunday of March, 02:00 local, to the first Sunday
 * of November, 02:00 local; standard time (UTC-8) otherwise. Pure arithmetic: no Intl, no Node APIs.
 */
import { HOUR_MS as HOUR } from './durations';
const PST = -8;
const PDT = -7;

/** Day of month of the n-th Sunday of a month (month 0-based). */
function nthSunday(year: number, month: number, n: number): number {
  const firstDow = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - firstDow) % 7) + 7 * (n - 1);
}

/** Whether the instant falls inside Pacific daylight time. */
/** Daylight time's [start, end) in epoch ms, by year: computed once per year (a hot spot when converting every date of a large page). */
const dstByYear = new Map<number, [number, number]>();

export function isPacificDaylightTime(epochMs: number): boolean {
  const year = new Date(epochMs + PST * HOUR).getUTCFullYear();
  let bounds = dstByYear.get(year);
  if (!bounds) {
    // 02:00 PST = 10:00 UTC; 02:00 PDT = 09:00 UTC.
    bounds = [Date.UTC(year, 2, nthSunday(year, 2, 2), 10), Date.UTC(year, 10, nthSunday(year, 10, 1), 9)];
    dstByYear.set(year, bounds);
  }
  return epochMs >= bounds[0] && epochMs < bounds[1];
}

export function pacificOffsetHours(epochMs: number): number {
  return isPacificDaylightTime(epochMs) ? PDT : PST;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "yyyy-MM-dd HH:mm:ss" in Pacific time, the format ShipStation V1 asks for. */
export function toPacificLocal(epochMs: number): string {
  const d = new Date(epochMs + pacificOffsetHours(epochMs) * HOUR);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** "yyyy-MM-dd" of the instant in Pacific time. */
export function toPacificDate(epochMs: number): string {
  return toPacificLocal(epochMs).slice(0, 10);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

/**
 * Reads a ShipStation date (Pacific local, no offset) as an instant. A string that carries its own
 * offset or "Z" is read as such. In the repeated hour when clocks fall back, the earlier (PDT)
 * instant is chosen; a time in the skipped spring hour is read as standard time.
 * Returns NaN for text that is not a date.
 */
export function fromPacificLocal(text: string): number {
  const s = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(s) && /T/.test(s)) return Date.parse(s);
  const m = LOCAL.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', se = '0', frac = ''] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const asUtc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se, ms);
  const daylight = asUtc - PDT * HOUR;
  if (isPacificDaylightTime(daylight)) return daylight;
  return asUtc - PST * HOUR;
}
