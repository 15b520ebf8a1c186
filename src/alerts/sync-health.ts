import type { KeyValueStore } from '../core/ports/key-value-store';

const KEY = {
  lastRun: 'health.lastRunAt',
  lastSuccess: 'health.lastSuccessAt',
  failures: 'health.failures',
  lastProblem: 'health.lastProblem',
};

export interface HealthView {
  /** The last cycle that ran (a run skipped by the lock does not count). */
  lastRunAt: number | null;
  /** The last cycle that ran to its end without stopping. */
  lastSuccessAt: number | null;
  /** Cycles that stopped in a row since the last success. */
  failures: number;
  /** Why the last one stopped (redacted), when it did. */
  lastProblem: string;
}

const num = (v: string | null) => {
  const n = Number(v);
  return v && Number.isFinite(n) && n > 0 ? n : null;
};

/** How the sync has been doing, in Script Properties: shared by the trigger, the menu and the sidebar. */
export class SyncHealth {
  constructor(private readonly store: KeyValueStore) {}

  /** After a cycle that ran: a success resets the failure count, a stop adds one. Returns the view after. */
  record(at: number, stopped: string | undefined): HealthView {
    const before = this.view();
    const failures = stopped === undefined ? 0 : before.failures + 1;
    const values: Record<string, string> = { [KEY.lastRun]: String(at), [KEY.failures]: String(failures), [KEY.lastProblem]: stopped ?? '' };
    if (stopped === undefined) values[KEY.lastSuccess] = String(at);
    this.store.setAll(values);
    return this.view();
  }

  /** A copy of the spreadsheet starts without the original's history. */
  forget(): void {
    for (const k of Object.values(KEY)) this.store.delete(k);
  }

  view(): HealthView {
    const all = this.store.getAll();
    return {
      lastRunAt: num(all[KEY.lastRun] ?? null),
      lastSuccessAt: num(all[KEY.lastSuccess] ?? null),
      failures: Number(all[KEY.failures]) || 0,
      lastProblem: all[KEY.lastProblem] ?? '',
    };
  }
}
