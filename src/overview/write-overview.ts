import type { KeyValueStore } from '../core/ports/key-value-store';
import type { Workbook } from '../core/ports/workbook';
import { PROPERTIES, TABS } from '../storage/storage-map';
import type { RecordView } from '../sync/orders/order-record';
import { DailyCounts } from './daily-counts';
import { overviewRows } from './overview-block';
import { trackingLag } from './tracking-lag';

export interface OverviewInput {
  records: readonly RecordView[];
  summary: { pulled: number; shipped: number };
  lastSuccessAt: number | null;
  nextDueAt: number | null;
  now: number;
}

/**
 * After a cycle that finished: the Overview tab's figures and 30 days, from the records the run
 * already holds, in one Sheets write (plus one Script Property for the days). The spreadsheet size
 * is the one the daily housekeeping measured. Nothing happens without the tab.
 */
export function writeOverview(deps: { workbook: Workbook; store: KeyValueStore; formatTime: (ms: number) => string }, input: OverviewInput): void {
  const tab = deps.workbook.tab(TABS.overview.name);
  if (!tab) return;
  const days = new DailyCounts(deps.store, deps.formatTime).add(input.now, input.summary.pulled, input.summary.shipped);
  const cells = Number(deps.store.get(PROPERTIES.cellsUsed));
  tab.writeRows(
    2,
    overviewRows({
      records: input.records,
      lastSuccessAt: input.lastSuccessAt,
      nextDueAt: input.nextDueAt,
      lag: trackingLag(input.records, input.now),
      cellsUsed: Number.isFinite(cells) && cells > 0 ? cells : null,
      days,
      updatedAt: input.now,
      formatTime: deps.formatTime,
    }),
  );
}
