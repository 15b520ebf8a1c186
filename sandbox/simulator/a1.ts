import { exception } from './sim-exception';

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface A1Box {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

const PART = /^\$?([A-Za-z]*)\$?(\d*)$/;

/**
 * Parses 'A1', 'A1:I1', 'B2:C' (rows to the end), 'A:A' (whole columns),
 * '2:5' (whole rows) against a sheet of maxRows × maxCols.
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): A1Box {
  const [from, to, extra] = a1.trim().split(':');
  if (!from || extra !== undefined) throw exception('Range not found');
  const a = PART.exec(from), b = PART.exec(to ?? from);
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) throw exception('Range not found');
  const c1 = a[1] ? columnNumber(a[1]) : 1;
  const r1 = a[2] ? Number(a[2]) : 1;
  const c2 = b[1] ? columnNumber(b[1]) : maxCols;
  const r2 = b[2] ? Number(b[2]) : maxRows;
  if (r1 < 1 || r2 < 1) throw exception('Range not found');
  const row = Math.min(r1, r2), col = Math.min(c1, c2);
  return { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}

export function a1Notation(row: number, col: number, numRows: number, numCols: number): string {
  const start = `${columnLetter(col)}${row}`;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnLetter(col + numCols - 1)}${row + numRows - 1}`;
}
