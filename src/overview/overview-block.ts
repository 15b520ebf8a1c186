import { SPREADSHEET_CELL_LIMIT, TABS } from '../storage/storage-map';
import type { OrderStatus, RecordView } from '../sync/orders/order-record';
import type { DayCount } from './daily-counts';
import type { TrackingLag } from './tracking-lag';

export interface OverviewFacts {
  records: readonly RecordView[];
  lastSuccessAt: number | null;
  nextDueAt: number | null;
  lag: TrackingLag;
  cellsUsed: number | null;
  days: DayCount[];
  updatedAt: number;
  formatTime: (epochMs: number) => string;
}

const STATUSES: OrderStatus[] = ['Received', 'Sent to SS', 'Shipped', 'Cancelled', 'Error'];
const letter = (column: number) => String.fromCharCode(64 + column);

/**
 * Late and due today are formulas over the Dashboard's Ship by and Status columns, with the same
 * test as its colours: they stay right as the day changes, between syncs, at no cost to the script.
 */
export function deadlineCountFormulas(): { late: string; dueToday: string } {
  const d = TABS.dashboard;
  const range = (column: number) => `'${d.name}'!${letter(column)}2:${letter(column)}`;
  const open = `${range(d.col.status)},"<>Shipped",${range(d.col.status)},"<>Cancelled"`;
  const shipBy = range(d.col.shipBy);
  return {
    late: `=COUNTIFS(${shipBy},"<"&TODAY(),${open})`,
    dueToday: `=COUNTIFS(${shipBy},">="&TODAY(),${shipBy},"<"&(TODAY()+1),${open})`,
  };
}

const hours = (h: number | null) => (h === null ? '—' : h);

/**
 * The Overview's rows below its header, in one block: figures in A:B, the 30 days in C:E (what the
 * chart draws). Counts by status are the Dashboard's orders (open ones, and finished ones until they
 * move to the Archive).
 */
export function overviewRows(f: OverviewFacts): unknown[][] {
  const count: Record<string, number> = {};
  for (const r of f.records) count[r.status] = (count[r.status] ?? 0) + 1;
  const formulas = deadlineCountFormulas();
  const figures: [string, unknown][] = [
    ...STATUSES.map((s): [string, unknown] => [s === 'Error' ? 'Error (waiting for a person)' : s, count[s] ?? 0]),
    ['Late: ship-by date passed, not shipped', formulas.late],
    ['Due today: ship-by today, not shipped', formulas.dueToday],
    ['Last successful sync', f.lastSuccessAt ? f.formatTime(f.lastSuccessAt) : 'none yet'],
    ['Next sync due', f.nextDueAt ? f.formatTime(f.nextDueAt) : 'not scheduled'],
    ['Tracking lag, median (hours, 7 days)', hours(f.lag.medianHours)],
    ['Tracking lag, 95th percentile (hours, 7 days)', hours(f.lag.p95Hours)],
    ['Packages measured (7 days)', f.lag.count],
    [
      'Spreadsheet size (cells)',
      f.cellsUsed === null ? 'measured once a day' : `${f.cellsUsed.toLocaleString('en-US')} of ${SPREADSHEET_CELL_LIMIT.toLocaleString('en-US')} (${Math.max(f.cellsUsed > 0 ? 1 : 0, Math.round((100 * f.cellsUsed) / SPREADSHEET_CELL_LIMIT))}%)`,
    ],
    ['Overview written', f.formatTime(f.updatedAt)],
  ];
  const height = Math.max(figures.length, f.days.length);
  return Array.from({ length: height }, (_, i) => {
    const fig = figures[i] ?? ['', ''];
    const day = f.days[i] ?? ['', '', ''];
    return [fig[0], fig[1], ...day];
  });
}
