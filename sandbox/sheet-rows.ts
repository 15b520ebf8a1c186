import { TABS } from '../src/storage/storage-map';

/** The Dashboard and Logs tabs as plain objects, read from raw tab values (header row first). */
export interface DashboardRow {
  flow: string;
  dscoOrderId: string;
  poRetailer: string;
  ssOrderNumber: string;
  status: string;
  tracking: string;
  received: unknown;
  updated: unknown;
  error: string;
  units: string;
  retailer: string;
  shipBy: unknown;
  ackBy: unknown;
  cancelAfter: unknown;
}

export interface LogRow {
  time: unknown;
  level: string;
  flow: string;
  dscoOrderId: string;
  message: string;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** A row as an object keyed by the storage map's column names. */
function byColumn(columns: readonly string[], r: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  columns.forEach((c, i) => (o[c] = r[i]));
  return o;
}

const DATE_COLUMNS = new Set<string>(['received', 'updated', 'shipBy', 'ackBy', 'cancelAfter']);

/** Rows of the Dashboard (or the Archive, which has the same columns), by the storage map's layout. */
export function dashboardRows(values: unknown[][]): DashboardRow[] {
  const { columns, col } = TABS.dashboard;
  return values
    .slice(1)
    .filter((r) => text(r[col.dscoOrderId - 1]) !== '')
    .map((r) => {
      const o = byColumn(columns, r);
      for (const k of columns) if (!DATE_COLUMNS.has(k)) o[k] = text(o[k]);
      return o as unknown as DashboardRow;
    });
}

export function logRows(values: unknown[][]): LogRow[] {
  const { columns, col } = TABS.logs;
  return values
    .slice(1)
    .filter((r) => text(r[col.message - 1]) !== '')
    .map((r) => {
      const o = byColumn(columns, r);
      for (const k of columns) if (k !== 'time') o[k] = text(o[k]);
      return o as unknown as LogRow;
    });
}
