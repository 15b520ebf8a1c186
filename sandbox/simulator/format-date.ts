import { exception } from './sim-exception';

/** Wall-clock fields of an instant in a time zone, computed with Intl. */
export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number; // local - UTC
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const dtfCache = new Map<string, Intl.DateTimeFormat>();

function dtf(timeZone: string, extra?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(extra ?? null)}`;
  let f = dtfCache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', extra ?? {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
      });
    } catch {
      throw exception('Invalid argument: timeZone');
    }
    dtfCache.set(key, f);
  }
  return f;
}

export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const p: Record<string, string> = {};
  for (const part of dtf(timeZone).formatToParts(epochMs)) p[part.type] = part.value;
  const year = Number(p.year), month = Number(p.month), day = Number(p.day);
  const hour = Number(p.hour) % 24, minute = Number(p.minute), second = Number(p.second);
  const base = Math.floor(epochMs / 1000) * 1000;
  const offsetMinutes = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - base) / 60000);
  return {
    year, month, day, hour, minute, second,
    ms: ((epochMs % 1000) + 1000) % 1000,
    weekday: DAYS.findIndex((d) => d.startsWith(p.weekday ?? '')),
    offsetMinutes,
  };
}

/** Epoch ms of a wall-clock time in a time zone (used to turn '2026-03-02' into a midnight Date). */
export function zonedToEpoch(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const off1 = zonedParts(guess, timeZone).offsetMinutes;
  const t = guess - off1 * 60000;
  const off2 = zonedParts(t, timeZone).offsetMinutes;
  return off1 === off2 ? t : guess - off2 * 60000;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function offset(minutes: number, colon: boolean, zForZero: boolean, hoursOnly = false): string {
  if (minutes === 0 && zForZero) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  const hh = pad(Math.floor(a / 60), 2), mm = pad(a % 60, 2);
  if (hoursOnly) return `${sign}${hh}`;
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

function zoneName(epochMs: number, timeZone: string, style: 'short' | 'long'): string {
  const part = dtf(timeZone, { timeZone, timeZoneName: style }).formatToParts(epochMs).find((x) => x.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * Utilities.formatDate: Java SimpleDateFormat letters y M d H h k K m s S a E z Z X and
 * 'quoted literals' ('' is a single quote). Any other unquoted letter throws, as Java does.
 */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw exception('Invalid argument: date');
  const z = zonedParts(ms, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      if (pattern.charAt(i + 1) === "'") { out += "'"; i += 2; continue; }
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw exception(`Invalid argument: pattern (unterminated quote in "${pattern}")`);
        if (pattern.charAt(j) === "'") {
          if (pattern.charAt(j + 1) === "'") { out += "'"; j += 2; continue; }
          break;
        }
        out += pattern.charAt(j++);
      }
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) { out += c; i++; continue; }
    let n = 1;
    while (pattern.charAt(i + n) === c) n++;
    i += n;
    switch (c) {
      case 'y': out += n === 2 ? pad(z.year % 100, 2) : pad(z.year, n); break;
      case 'M': out += n >= 4 ? MONTHS[z.month - 1] : n === 3 ? MONTHS[z.month - 1]!.slice(0, 3) : pad(z.month, n); break;
      case 'd': out += pad(z.day, n); break;
      case 'H': out += pad(z.hour, n); break;
      case 'k': out += pad(z.hour === 0 ? 24 : z.hour, n); break;
      case 'h': out += pad(z.hour % 12 === 0 ? 12 : z.hour % 12, n); break;
      case 'K': out += pad(z.hour % 12, n); break;
      case 'm': out += pad(z.minute, n); break;
      case 's': out += pad(z.second, n); break;
      case 'S': out += pad(z.ms, n); break;
      case 'a': out += z.hour < 12 ? 'AM' : 'PM'; break;
      case 'E': out += n >= 4 ? DAYS[z.weekday] : DAYS[z.weekday]!.slice(0, 3); break;
      case 'z': out += zoneName(ms, timeZone, n >= 4 ? 'long' : 'short'); break;
      case 'Z': out += offset(z.offsetMinutes, false, false); break;
      case 'X': out += offset(z.offsetMinutes, n >= 3, true, n === 1); break;
      default: throw exception(`Invalid argument: pattern (Illegal pattern character '${c}')`);
    }
  }
  return out;
}
