import { CELL_CHAR_LIMIT } from './storage-map';

/** A text cell people read (Dashboard, Archive, Logs, ledger notes) holds at most this many characters. */
export const TEXT_CELL_MAX = 5_000;

/** `text` cut to `max` characters, ending with a marker that says so. */
export function capText(text: string, max = TEXT_CELL_MAX): string {
  if (text.length <= max) return text;
  const marker = ` … [${text.length - max + 40} characters cut]`;
  return text.slice(0, Math.max(0, max - marker.length)) + marker;
}

/** Every string of a row capped for a cell; other values unchanged. */
export function capRow(row: unknown[], max = TEXT_CELL_MAX): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v === 'string' && v.length > max) {
      out ??= [...row];
      out[i] = capText(v, max);
    }
  }
  return out ?? row;
}

/** The JSON of `value` with every string longer than `max` cut (object shape unchanged). */
export function jsonWithStringsCut(value: unknown, max: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > max ? capText(v, max) : v));
}

export { CELL_CHAR_LIMIT };
