import { HOUR_MS } from '../core/time/durations';
import { describeInterval } from '../schedule/cadence';
import type { HealthView } from './sync-health';
import { deadlinesAtRiskKind } from './deadlines-at-risk-kind';
import type { OrderAtRisk } from '../sync/orders/deadlines-at-risk';

/** One thing a person should hear about, e.g. one Error row. `key` identifies it across runs. */
export interface AlertItem {
  key: string;
  text: string;
}

/** What the alert kinds look at. Anything costly (reading a tab) is a function, called only when needed. */
export interface AlertFacts {
  now: number;
  intervalHours: number | null;
  health: HealthView;
  formatTime: (epochMs: number) => string;
  /** The Dashboard's Error rows: read only when a cycle reported new errors since the last check. */
  errorRows: () => AlertItem[];
  /** Whether Error rows may have appeared since the last check (saves reading the Dashboard). */
  errorsMayHaveChanged: boolean;
  /** Open orders near a retailer deadline, from the cycle's records; undefined when the cycle could not tell (it stopped early). */
  ordersAtRisk?: readonly OrderAtRisk[];
}

/**
 * A kind of alert. `detect` returns the problem's items now (empty: no problem), or undefined when
 * it cannot tell without work it decided to skip (nothing changed). Each kind is mailed at most once
 * an hour, and only for items not mailed before. To add a kind, add an entry to ALERT_KINDS.
 */
export interface AlertKind {
  id: string;
  /** The mail's section heading, e.g. "3 new Error rows". */
  heading: (newItems: number) => string;
  /** What to do, one sentence. */
  advice: string;
  detect: (facts: AlertFacts) => AlertItem[] | undefined;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const NEW_ERRORS: AlertKind = {
  id: 'errors',
  heading: (n) => plural(n, 'new Error row', 'new Error rows'),
  advice: 'Fix what each message says, then DSCO Sync → Retry failed orders.',
  detect: (f) => (f.errorsMayHaveChanged ? f.errorRows() : undefined),
};

export const NO_SUCCESSFUL_SYNC: AlertKind = {
  id: 'stale',
  heading: () => 'No successful sync for more than two intervals',
  advice: 'Open the Logs tab for the reason (credentials, settings or a damaged tab), fix it, then DSCO Sync → Sync now.',
  detect: (f) => {
    if (!f.intervalHours) return [];
    const since = f.health.lastSuccessAt;
    const limit = 2 * f.intervalHours * HOUR_MS;
    // Never synced: counted from the first run that stopped.
    const from = since ?? (f.health.failures > 0 ? f.health.lastRunAt : null);
    if (from === null || f.now - from <= limit) return [];
    const text = since
      ? `The last successful sync was ${f.formatTime(since)}; the sync is due ${describeInterval(f.intervalHours)}.`
      : 'No sync has succeeded since the schedule started.';
    return [{ key: `stale:${since ?? 'never'}`, text: f.health.lastProblem ? `${text} Last reason: ${f.health.lastProblem}` : text }];
  },
};

export const DEADLINES_AT_RISK = deadlinesAtRiskKind();

export const ALERT_KINDS: readonly AlertKind[] = [NEW_ERRORS, NO_SUCCESSFUL_SYNC, DEADLINES_AT_RISK];
