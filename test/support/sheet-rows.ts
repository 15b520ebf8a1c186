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
}

export interface LogRow {
  time: unknown;
  level: string;
  flow: string;
  dscoOrderId: string;
  message: string;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Rows of the Dashboard (or the Archive, which has the same columns). */
export function dashboardRows(values: unknown[][]): DashboardRow[] {
  return values
    .slice(1)
    .filter((r) => text(r[1]) !== '')
    .map((r) => ({
      flow: text(r[0]),
      dscoOrderId: text(r[1]),
      poRetailer: text(r[2]),
      ssOrderNumber: text(r[3]),
      status: text(r[4]),
      tracking: text(r[5]),
      received: r[6],
      updated: r[7],
      error: text(r[8]),
      units: text(r[9]),
    }));
}

export function logRows(values: unknown[][]): LogRow[] {
  return values
    .slice(1)
    .filter((r) => text(r[4]) !== '')
    .map((r) => ({ time: r[0], level: text(r[1]), flow: text(r[2]), dscoOrderId: text(r[3]), message: text(r[4]) }));
}
