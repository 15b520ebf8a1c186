/** Plain-text tables and colours for the terminal. */

export interface TableColumn {
  header: string;
  /** The column never gets narrower than this (default: 4, or the header's length when shorter). */
  min?: number;
  /** Nor wider than this. */
  max?: number;
  align?: 'left' | 'right';
}

/** Shortens text to `width` characters, ending with '…' when something was cut. Newlines become spaces. */
export function fit(text: string, width: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  if (flat.length <= width) return flat;
  return width <= 1 ? flat.slice(0, width) : `${flat.slice(0, width - 1)}…`;
}

/**
 * Lays rows out in columns within `width` characters: each column starts at its natural width
 * (longest cell, capped by `max`), then the widest columns give up characters until the table fits.
 * Cells that do not fit are cut with '…'. `paint` may colour a cell after it has been padded.
 */
export function renderTable(
  columns: TableColumn[],
  rows: string[][],
  width: number,
  paint: (column: number, cell: string, raw: string) => string = (_c, cell) => cell,
): string[] {
  const gap = 2;
  const widths = columns.map((c, i) => {
    const natural = Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').replace(/\s*\n\s*/g, ' ').length));
    return Math.min(natural, c.max ?? Infinity);
  });
  const mins = columns.map((c, i) => Math.min(widths[i], c.min ?? Math.min(4, c.header.length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i] > mins[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
    if (widest < 0) break;
    widths[widest]--;
  }
  const line = (cells: string[], painted: boolean) =>
    cells
      .map((cell, i) => {
        const text = fit(cell ?? '', widths[i]);
        const padded = columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]);
        return painted ? paint(i, padded, cell ?? '') : padded;
      })
      .join(' '.repeat(gap))
      .trimEnd();
  return [
    line(columns.map((c) => c.header), false),
    widths.map((w) => '─'.repeat(w)).join(' '.repeat(gap)),
    ...rows.map((r) => line(r, true)),
  ];
}

/** Wraps text into lines of at most `width` characters, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = '';
    }
    let w = word;
    while (w.length > width) {
      if (current) {
        out.push(current);
        current = '';
      }
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    current = current ? `${current} ${w}` : w;
  }
  if (current) out.push(current);
  return out;
}

const CODES = { bold: '1', dim: '2', strike: '9', red: '31', green: '32', yellow: '33', blue: '34', grey: '90' } as const;
export type Style = keyof typeof CODES;

/** ANSI styling, or none when `enabled` is false (not a terminal, or NO_COLOR is set). */
export function painter(enabled: boolean): (text: string, ...styles: Style[]) => string {
  return (text, ...styles) => (enabled && styles.length ? `\u001b[${styles.map((s) => CODES[s]).join(';')}m${text}\u001b[0m` : text);
}

export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/** Terminal styles of the Dashboard statuses, matching the sheet's colours. */
export const STATUS_STYLE: Record<string, Style[]> = {
  Received: ['grey'],
  'Sent to SS': ['blue'],
  Shipped: ['green'],
  Cancelled: ['dim', 'strike'],
  Error: ['red', 'bold'],
};
