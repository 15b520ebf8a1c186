import { formatDate, zonedToEpoch } from './format-date';
import { isDate } from './sim-exception';

export type CellValue = string | number | boolean | Date;

/** What a cell holds. Formatting lives in `attrs` (numberFormat, background, ...). */
export interface Cell {
  value: CellValue;
  formula?: string;
  attrs?: Record<string, unknown>;
}

/** What getValues() returns for a cell holding a formula (no evaluation in the simulator). */
export const FORMULA_RESULT = '#FORMULA';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([-+]?(\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Converts a value written by setValue(s)/appendRow the way Sheets does:
 * - a string starting with '=' becomes a formula, unless the cell's number format is '@' (plain text);
 * - a leading apostrophe forces text (the apostrophe is not stored);
 * - numeric-looking strings ('00123', '1,234', '5%') become numbers and 'TRUE'/'FALSE' booleans,
 *   'yyyy-mm-dd[ hh:mm[:ss]]' and 'm/d/yyyy[ hh:mm[:ss]]' Dates in the spreadsheet time zone
 *   (ISO strings with 'T'/'Z' stay text) — all unless the format is '@';
 * - null/undefined become ''; Dates are copied.
 */
export function coerceInput(v: unknown, numberFormat: string | undefined, timeZone: string): { value: CellValue; formula?: string } {
  if (v === null || v === undefined) return { value: '' };
  if (isDate(v)) return { value: new Date(v.getTime()) };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (typeof v !== 'string') return { value: String(v) };
  if (numberFormat === '@') return { value: v };
  if (v.startsWith("'")) return { value: v.slice(1) };
  if (v.startsWith('=') && v.length > 1) return { value: FORMULA_RESULT, formula: v };
  const t = v.trim();
  if (NUMBER.test(t)) return { value: Number(t) };
  if (GROUPED.test(t)) return { value: Number(t.replace(/,/g, '')) };
  const pct = PERCENT.exec(t);
  if (pct) return { value: Number(pct[1]) / 100 };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const iso = ISO_DATE.exec(t);
  const us = iso ? null : US_DATE.exec(t);
  const ymd = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null;
  const hms = (iso ?? us)?.slice(4, 7) ?? [];
  if (ymd) {
    const [y, mo, d] = ymd.map(Number) as [number, number, number];
    const [h, mi, s] = hms.map((x) => Number(x ?? 0)) as [number, number, number];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 60) {
      return { value: new Date(zonedToEpoch(y, mo, d, h, mi, s, timeZone)) };
    }
  }
  return { value: v };
}

/** Sheets number-format pattern -> Java pattern, for display of dates (minimal). */
function sheetsDatePattern(fmt: string): string {
  const ampm = /am\/pm/i.test(fmt);
  const tokens = fmt.match(/am\/pm|AM\/PM|y+|m+|d+|h+|s+|\.0+|[^ymdhs]+/gi) ?? [];
  let out = '';
  let lastWasHour = false;
  tokens.forEach((tok, i) => {
    const lower = tok.toLowerCase();
    const next = (tokens.slice(i + 1).find((x) => /^[ymdhs]/i.test(x)) ?? '').toLowerCase();
    if (lower === 'am/pm') out += 'a';
    else if (lower.startsWith('y')) out += lower.length <= 2 ? 'yy' : 'yyyy';
    else if (lower.startsWith('d')) out += lower.length >= 4 ? 'EEEE' : lower.length === 3 ? 'EEE' : 'd'.repeat(lower.length);
    else if (lower.startsWith('h')) { out += (ampm ? 'h' : 'H').repeat(lower.length); lastWasHour = true; return; }
    else if (lower.startsWith('s')) out += 's'.repeat(lower.length);
    else if (lower.startsWith('m')) {
      const minutes = lower.length <= 2 && (lastWasHour || next.startsWith('s'));
      out += minutes ? 'm'.repeat(lower.length) : lower.length >= 4 ? 'MMMM' : lower.length === 3 ? 'MMM' : 'M'.repeat(lower.length);
    } else if (lower.startsWith('.0')) out += `.${'S'.repeat(lower.length - 1)}`;
    else out += `'${tok.replace(/'/g, "''")}'`;
    if (!/^\s*$/.test(tok) && !/^[:]$/.test(tok)) lastWasHour = false;
  });
  return out;
}

function formatNumber(n: number, fmt: string): string {
  const m = /(#,##)?0(\.(0+))?/.exec(fmt);
  if (!m) return String(n);
  const decimals = m[3]?.length ?? 0;
  let s = Math.abs(n).toFixed(decimals);
  if (m[1]) {
    const [int, frac] = s.split('.');
    s = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  }
  const prefix = fmt.slice(0, m.index).replace(/"/g, '');
  let body = `${prefix}${s}`;
  if (fmt.includes('%')) body = `${prefix}${(Math.abs(n) * 100).toFixed(decimals)}%`;
  return n < 0 ? `-${body}` : body;
}

/** getDisplayValues(): a string per cell, honouring simple number/date formats. */
export function displayValue(cell: Cell | undefined, timeZone: string): string {
  if (!cell) return '';
  const v = cell.value;
  const fmt = (cell.attrs?.numberFormat as string | undefined) ?? '';
  if (isDate(v)) return formatDate(v, timeZone, fmt && fmt !== '@' ? sheetsDatePattern(fmt) : 'M/d/yyyy H:mm:ss');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return fmt && fmt !== '@' ? formatNumber(v, fmt) : String(v);
  return v;
}
