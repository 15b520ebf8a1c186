import { HOUR_MS } from '../core/time/durations';
import type { HealthView } from './sync-health';

export interface StatusLine {
  text: string;
  /** False when the last sync stopped, or none succeeded for more than two intervals. */
  healthy: boolean;
}

/**
 * "Last successful sync 3 Dec 09:02 · next due 10:02": shown in the sheet (a note on the Dashboard's
 * first header cell, and the Dashboard tab turns red when unhealthy) and, from the same facts, in the sidebar.
 */
export function statusLine(health: HealthView, nextDueAt: number | null, intervalHours: number | null, now: number, formatTime: (ms: number) => string): StatusLine {
  const last = health.lastSuccessAt ? `Last successful sync ${formatTime(health.lastSuccessAt)}` : 'No successful sync yet';
  const next = nextDueAt ? `next due ${formatTime(nextDueAt)}` : 'no scheduled sync';
  const stale = !!intervalHours && !!health.lastSuccessAt && now - health.lastSuccessAt > 2 * intervalHours * HOUR_MS;
  const parts = [`DSCO Sync: ${last} · ${next}`];
  if (health.failures > 0) parts.push(`The last sync stopped: ${health.lastProblem} See the Logs tab.`);
  return { text: parts.join('\n'), healthy: health.failures === 0 && !stale };
}
