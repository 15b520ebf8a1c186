import type { SimClock } from '../../clock';
import { toDscoDate } from './dsco-dates';
import type { ApiResponseMessage } from './dsco-types';

/**
 * The order change log behind GET /order/log (spec operationId getOrderChangeLog, schema OrderChangeLogResponse):
 *   { scrollId?, status?: "PROCESSING" | "COMPLETED"  (only when requestId is given),
 *     logs: [ { payload, dateProcessed, status: "pending" | "success" | "failure", requestMethod: "api" | ...,
 *               requestMethodDetail?, requestId?, processId?, results?: ApiResponseMessage[] } ] }
 * Async requests (POST /order/acknowledge → 202 + requestId) are queued here and take effect `delayMs` after they
 * were accepted (by the SimClock), or at once with settle(true). Sync requests are logged already processed.
 */
export interface ChangeLogEntry {
  payload: unknown;
  dateProcessed: string;
  status: 'pending' | 'success' | 'failure';
  requestMethod: 'api';
  requestMethodDetail: string;
  requestId: string;
  results: ApiResponseMessage[];
}

/** Applies one item at time `atMs` (when it took effect); returns the failure messages, or [] on success. */
export type ApplyItem = (atMs: number) => ApiResponseMessage[];

interface Job {
  requestId: string;
  acceptedAt: number;
  dueAt: number;
  items: { entry: ChangeLogEntry; apply: ApplyItem }[];
  done: boolean;
}

export interface LogQuery {
  requestId?: string;
  startDate?: number;
  endDate?: number;
  status?: 'pending' | 'success' | 'failure' | 'success_or_failure';
}

export interface AsyncLog {
  /** Queues an async request; its items are applied in order once due. */
  submit(requestId: string, requestMethodDetail: string, items: { payload: unknown; apply: ApplyItem }[]): void;
  /** Logs a request processed synchronously. */
  record(requestId: string, requestMethodDetail: string, items: { payload: unknown; results: ApiResponseMessage[] }[]): void;
  /** Applies the due jobs (every pending job when `force`). Returns true if anything was applied. */
  settle(force?: boolean): boolean;
  query(q: LogQuery): { status?: 'PROCESSING' | 'COMPLETED'; logs: ChangeLogEntry[] };
}

export function createAsyncLog(clock: SimClock, delayMs: number): AsyncLog {
  const jobs: Job[] = [];
  let settling = false;
  const entryTime = (e: ChangeLogEntry): number => Date.parse(e.dateProcessed);
  return {
    submit(requestId, detail, items) {
      const now = clock.now();
      jobs.push({
        requestId,
        acceptedAt: now,
        dueAt: now + delayMs,
        done: false,
        items: items.map(({ payload, apply }) => ({
          // [inferred] pending entries carry the time the request was accepted: dateProcessed is required.
          entry: { payload, dateProcessed: toDscoDate(now), status: 'pending', requestMethod: 'api', requestMethodDetail: detail, requestId, results: [] },
          apply,
        })),
      });
    },
    record(requestId, detail, items) {
      const now = toDscoDate(clock.now());
      jobs.push({
        requestId,
        acceptedAt: clock.now(),
        dueAt: clock.now(),
        done: true,
        items: items.map(({ payload, results }) => ({
          entry: { payload, dateProcessed: now, status: results.length ? 'failure' : 'success', requestMethod: 'api', requestMethodDetail: detail, requestId, results },
          apply: () => [],
        })),
      });
    },
    settle(force = false) {
      if (settling) return false;
      settling = true;
      let applied = false;
      try {
        const now = clock.now();
        for (const job of jobs) {
          if (job.done || (!force && job.dueAt > now)) continue;
          const at = Math.min(job.dueAt, now);
          for (const item of job.items) {
            const failures = item.apply(at);
            item.entry.status = failures.length ? 'failure' : 'success';
            item.entry.results = failures;
            item.entry.dateProcessed = toDscoDate(at);
          }
          job.done = true;
          applied = true;
        }
      } finally {
        settling = false;
      }
      return applied;
    },
    query(q) {
      let selected = jobs;
      if (q.requestId !== undefined) selected = jobs.filter((j) => j.requestId === q.requestId);
      let logs = selected.flatMap((j) => j.items.map((i) => i.entry));
      if (q.startDate !== undefined) logs = logs.filter((e) => entryTime(e) >= (q.startDate as number));
      if (q.endDate !== undefined) logs = logs.filter((e) => entryTime(e) < (q.endDate as number));
      if (q.status === 'success_or_failure') logs = logs.filter((e) => e.status !== 'pending');
      else if (q.status !== undefined) logs = logs.filter((e) => e.status === q.status);
      const out: { status?: 'PROCESSING' | 'COMPLETED'; logs: ChangeLogEntry[] } = { logs: structuredClone(logs) };
      if (q.requestId !== undefined) {
        // "If the status value is PROCESSING it means that the transaction is not completely finished."
        // [inferred] an unknown (or not yet indexed) requestId reads PROCESSING with no logs.
        out.status = selected.length > 0 && selected.every((j) => j.done) ? 'COMPLETED' : 'PROCESSING';
      }
      return out;
    },
  };
}
