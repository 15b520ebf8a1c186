import type { KeyValueStore } from '../core/ports/key-value-store';
import { DAY_MS } from '../core/time/durations';
import { PROPERTIES } from '../storage/storage-map';

export const DAILY_DAYS = 30;

/** One day of the Overview's chart: its label in the spreadsheet's time zone ("3 Dec"), orders in, shipments sent to DSCO. */
export type DayCount = [label: string, ordersIn: number, shipped: number];

/**
 * Orders in and shipped per day for the last 30 days, kept in one Script Property (a few hundred
 * characters) and added to by each run from its own summary: the working book forgets finished
 * orders after the archive age, so the counts cannot be read back from it. Days are the
 * spreadsheet's, from its time formatting ("3 Dec 09:02" → "3 Dec").
 */
export class DailyCounts {
  constructor(
    private readonly store: KeyValueStore,
    private readonly formatTime: (epochMs: number) => string,
  ) {}

  private dayOf(ms: number): string {
    return this.formatTime(ms).replace(/\s+\d{1,2}:\d{2}$/, '');
  }

  private load(): Record<string, [number, number]> {
    try {
      const v = JSON.parse(this.store.get(PROPERTIES.overviewDaily) ?? '{}') as unknown;
      return v && typeof v === 'object' ? (v as Record<string, [number, number]>) : {};
    } catch {
      return {};
    }
  }

  /** Adds a run's counts to today, forgets days older than 30, and returns the 30 days oldest first. */
  add(now: number, ordersIn: number, shipped: number): DayCount[] {
    const kept = this.load();
    const days = Array.from({ length: DAILY_DAYS }, (_, i) => this.dayOf(now - (DAILY_DAYS - 1 - i) * DAY_MS));
    const today = days[days.length - 1];
    const cur = kept[today] ?? [0, 0];
    const next: Record<string, [number, number]> = {};
    for (const d of days) if (kept[d]) next[d] = [Number(kept[d][0]) || 0, Number(kept[d][1]) || 0];
    next[today] = [(Number(cur[0]) || 0) + ordersIn, (Number(cur[1]) || 0) + shipped];
    if (ordersIn || shipped || !kept[today]) this.store.set(PROPERTIES.overviewDaily, JSON.stringify(next));
    return days.map((d) => [d, next[d]?.[0] ?? 0, next[d]?.[1] ?? 0]);
  }
}
