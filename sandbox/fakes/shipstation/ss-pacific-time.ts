/**
 * US Pacific local time, as ShipStation V1 reports and accepts it (notes §12: "The time zone represented in all
 * API responses is PST/PDT"; request dates are to be sent in PST/PDT as `yyyy-mm-dd hh:mm:ss`).
 *
 * The fake keeps instants (epoch ms, UTC) and converts only at the wire. All conversions go through Node's Intl
 * with the IANA zone America/Los_Angeles; no DST rule is written here, so this module is an independent oracle for
 * the client's own conversion.
 */

const TIME_ZONE = 'America/Los_Angeles';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface PacificWallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Intl formatting is slow (microseconds a call) and the fake formats the same instants over and over (every list
 * call checks each record's stored text against its instant), so results are remembered, a bounded number of them.
 */
const memo = new Map<number, PacificWallClock>();
const MEMO_LIMIT = 200_000;

export function pacificWallClock(epochMs: number): PacificWallClock {
  const hit = memo.get(epochMs);
  if (hit) return { ...hit };
  const w = computeWallClock(epochMs);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(epochMs, w);
  return { ...w };
}

function computeWallClock(epochMs: number): PacificWallClock {
  const parts = formatter.formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`Intl gave no ${type} part`);
    return Number(part.value);
  };
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function datePart(w: PacificWallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

function timePart(w: PacificWallClock): string {
  return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** Order-level form, e.g. `2015-06-29T08:46:27.0000000` (seven fraction digits, no offset). */
export function formatPacificTimestamp(epochMs: number): string {
  const w = pacificWallClock(epochMs);
  return `${datePart(w)}T${timePart(w)}.${pad(w.millisecond, 3)}0000`;
}

/**
 * Item/store form, e.g. `2015-07-16T14:00:34.823` or `2015-08-17T09:24:14.78` (the S1 examples trim trailing zeros,
 * as .NET does for SQL datetime values; with zero milliseconds there is no fraction at all).
 */
export function formatPacificTimestampShort(epochMs: number): string {
  const w = pacificWallClock(epochMs);
  const fraction = pad(w.millisecond, 3).replace(/0+$/, '');
  return `${datePart(w)}T${timePart(w)}${fraction ? `.${fraction}` : ''}`;
}

/** Pacific calendar date, `yyyy-mm-dd` (shipment and order `shipDate`). */
export function formatPacificDate(epochMs: number): string {
  return datePart(pacificWallClock(epochMs));
}

/** Fulfillment `shipDate` form: `2016-06-07T00:00:00.0000000`. */
export function pacificDateAtMidnight(date: string): string {
  return `${date}T00:00:00.0000000`;
}

/** The Pacific wall clock read as if it were UTC (a plain number to compare wall clocks). */
function wallAsUtc(epochMs: number): number {
  const w = pacificWallClock(epochMs);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

const DAY_MS = 86_400_000;

/**
 * The instant at which Pacific wall clocks show `wall` (given as Date.UTC of its fields).
 * Ambiguous (fall-back) wall times resolve to the earlier instant (PDT); non-existent (spring-forward gap) wall times
 * are read with the offset in force before the gap, i.e. pushed forward by the gap (the "compatible" rule of
 * Temporal and of java.time). The offsets come from Intl at instants a day either side.
 */
export function pacificWallToInstant(wall: number): number {
  const offsetBefore = wallAsUtc(wall - DAY_MS) - (wall - DAY_MS);
  const offsetAfter = wallAsUtc(wall + DAY_MS) - (wall + DAY_MS);
  const candidates = [...new Set([wall - offsetBefore, wall - offsetAfter])]
    .filter((t) => wallAsUtc(t) === wall)
    .sort((a, b) => a - b);
  return candidates.length > 0 ? candidates[0] : wall - offsetBefore;
}

const DATE_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;

export interface ParsedPacific {
  instant: number; // epoch ms
  date: string; // the Pacific calendar date as written, yyyy-mm-dd
  hasTime: boolean;
}

/**
 * Parses a request date as Pacific local time. Accepts `yyyy-MM-dd`, `yyyy-MM-dd HH:mm[:ss[.fffffff]]` and the same
 * with `T`. A trailing `Z` or numeric offset is accepted but IGNORED: the wall-clock fields are read as Pacific.
 * Whether ShipStation honours an offset is [unknown] (notes §12, §17.5); ignoring it is the strict choice, so a client
 * that sends UTC strings gets visibly wrong results here instead of passing by luck.
 * Returns undefined when the text is not a valid date.
 */
export function parsePacific(text: string): ParsedPacific | undefined {
  const m = DATE_RE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return {
    instant: pacificWallToInstant(wall),
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    hasTime: m[4] !== undefined,
  };
}
