import type { Workbook } from '../core/ports/workbook';
import { DAY_MS } from '../core/time/durations';
import type { CycleContext } from './cycle-context';
import { cellText } from './sheet-text';
import { ARCHIVE_TAB, DASHBOARD_WIDTH } from './tabs';

/**
 * Moves Shipped and Cancelled orders last updated more than `archiveAfterDays` ago from the
 * working book to the Archive tab. Archive first, then the Dashboard: a run stopped in between shows
 * the order twice, never nowhere. The next run archives the same orders again, so it skips those the
 * interrupted run already appended: they are among the Archive's last rows.
 */
export function archiveFinished(ctx: CycleContext, workbook: Workbook): void {
  const archive = workbook.tab(ARCHIVE_TAB);
  if (!archive) {
    ctx.log.warn('', '', 'Finished orders stay on the Dashboard: the "Archive" tab is missing; use DSCO Sync → Set up sheet.');
    return;
  }
  const rows = ctx.book.takeFinishedBefore(ctx.clock.now() - ctx.settings.archiveAfterDays * DAY_MS);
  if (!rows.length) return;
  const last = archive.lastRow();
  const tail = Math.min(rows.length, Math.max(0, last - 1));
  const archived = new Set(archive.readRows(last - tail + 1, tail, DASHBOARD_WIDTH).map((r) => cellText(r[1])));
  const fresh = rows.filter((r) => !archived.has(cellText(r[1])));
  if (fresh.length) archive.writeRows(last + 1, fresh);
  ctx.book.save();
  ctx.log.info('', '', `Moved ${rows.length} finished order(s) older than ${ctx.settings.archiveAfterDays} days to the Archive tab.`);
}
