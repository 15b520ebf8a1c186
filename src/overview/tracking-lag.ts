import { DAY_MS, HOUR_MS } from '../core/time/durations';
import type { RecordView } from '../sync/orders/order-record';

export const TRACKING_LAG_WINDOW_MS = 7 * DAY_MS;

export interface TrackingLag {
  /** Packages sent to DSCO in the window whose label time is known. */
  count: number;
  /** Hours from the label's creation in ShipStation to the shipment in DSCO, one decimal; null without packages. */
  medianHours: number | null;
  p95Hours: number | null;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const oneDecimal = (h: number) => Math.round(h * 10) / 10;

/** The tracking lag over the packages of these records sent to DSCO in the last 7 days. */
export function trackingLag(records: readonly RecordView[], now: number): TrackingLag {
  const hours: number[] = [];
  for (const r of records) {
    for (const p of r.packages ?? []) {
      if (p.labelAt === undefined || now - p.at > TRACKING_LAG_WINDOW_MS) continue;
      hours.push(Math.max(0, p.at - p.labelAt) / HOUR_MS);
    }
  }
  if (!hours.length) return { count: 0, medianHours: null, p95Hours: null };
  hours.sort((a, b) => a - b);
  return { count: hours.length, medianHours: oneDecimal(percentile(hours, 50)), p95Hours: oneDecimal(percentile(hours, 95)) };
}
