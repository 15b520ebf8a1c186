import type { Workbook } from '../../core/ports/workbook';
import { SHEET_TEMPLATE } from '../../sheet/sheet-template';
import { cellsUsed, describeCellsUsed } from '../../storage/cells-used';
import { ARCHIVE_MAX_ROWS, PROPERTIES, TABS, WORKING_FINISHED_MAX } from '../../storage/storage-map';
import type { CycleContext } from '../cycle/cycle-context';
import { invoiceStillOwed } from '../../invoices/send-invoices';
import { cellText } from './sheet-text';
import { DAY_MS as DAY, HOUR_MS as HOUR } from '../../core/time/durations';
import { SHIPMENT_OVERLAP_MS } from '../tracking/push-tracking';

/** Housekeeping runs on the first cycle at least this long after the last one: once a day. */
export const HOUSEKEEPING_EVERY_MS = 20 * HOUR;
/**
 * Ledger entries of finished orders are kept this long: three times the shipments' 2-hour overlap,
 * the only window in which a label is read again. The trim runs once a day, so an entry lives 6 to
 * 30 hours; open orders keep theirs, and an order still in the working book also has its packages
 * on its record. (Two days, before, kept three days of labels: 30,000 ledger rows read every run
 * at 10,000 orders a day.)
 */
export const LEDGER_KEEP_MS = 3 * SHIPMENT_OVERLAP_MS;

/** The row of the How it works tab that shows the spreadsheet's size: below the help text and a blank row. */
export function sizeStatusRow(): number {
  const help = SHEET_TEMPLATE.tabs.find((t) => t.name === TABS.help.name);
  return (help?.managedRows?.length ?? 0) + 3;
}

/**
 * Once a day: finished orders older than the archive age (and the oldest beyond
 * WORKING_FINISHED_MAX) leave the working book for good
 * (appended to the Archive in one block, then the remaining working rows rewritten in one block
 * per tab, never row by row); the shipment ledger drops what no order in the working book needs;
 * the Archive keeps its latest ARCHIVE_MAX_ROWS rows (the oldest leave in one call); and the
 * spreadsheet's size is measured, shown on the How it works tab and logged, with a warning well
 * before Google's limit. Between two of these a cycle costs what its orders cost.
 */
export function archiveFinished(ctx: CycleContext, workbook: Workbook, save: () => void): void {
  const now = ctx.clock.now();
  const last = Number(ctx.store.get(PROPERTIES.housekeepingLastRun));
  // The first cycle only starts the clock: nothing can have finished an archive age ago yet.
  if (!Number.isFinite(last) || last <= 0) {
    ctx.store.set(PROPERTIES.housekeepingLastRun, String(now));
    return;
  }
  if (now - last < HOUSEKEEPING_EVERY_MS) return;
  const days = ctx.settings.archiveAfterDays;
  const archive = workbook.tab(TABS.archive.name);
  if (!archive) {
    ctx.log.warn('', '', `Finished orders stay on the Dashboard: the "${TABS.archive.name}" tab is missing; use DSCO Sync → Set up sheet.`);
  } else {
    // An order still owing an invoice stays until it is billed.
    const rows = ctx.book.takeFinishedBefore(now - days * DAY, WORKING_FINISHED_MAX, invoiceStillOwed(ctx));
    if (rows.length) {
      // Archive first, then the working book: a run stopped in between shows the order twice, never
      // nowhere. The next run archives the same orders again, so it skips those the interrupted run
      // already appended: they are among the Archive's last rows.
      const end = archive.lastRow();
      const tail = Math.min(rows.length, Math.max(0, end - 1));
      const idCol = TABS.archive.col.dscoOrderId - 1;
      const archived = new Set(archive.readRows(end - tail + 1, tail, TABS.archive.width).map((r) => cellText(r[idCol])));
      const fresh = rows.filter((r) => !archived.has(cellText(r[idCol])));
      if (fresh.length) archive.writeRows(end + 1, fresh);
      save();
      ctx.log.info('', '', `Moved ${rows.length} finished order(s) to the Archive tab (older than ${days} days, or beyond the latest ${WORKING_FINISHED_MAX.toLocaleString('en-US')} finished).`);
      const total = end - 1 + fresh.length;
      if (total > ARCHIVE_MAX_ROWS) {
        archive.deleteRows(2, total - ARCHIVE_MAX_ROWS);
        ctx.log.info('', '', `The Archive keeps its latest ${ARCHIVE_MAX_ROWS.toLocaleString('en-US')} orders: the ${(total - ARCHIVE_MAX_ROWS).toLocaleString('en-US')} oldest left it (DSCO and ShipStation keep every order).`);
      }
    }
  }
  const dropped = ctx.book.trimLedger(now - LEDGER_KEEP_MS);
  if (dropped) ctx.log.info('', '', `Trimmed ${dropped} sent-shipment record(s) no open or recent order needs.`);
  const size = cellsUsed(workbook);
  ctx.store.set(PROPERTIES.cellsUsed, String(size.total));
  const line = describeCellsUsed(size, new Date(now));
  workbook.tab(TABS.help.name)?.writeRows(sizeStatusRow(), [[line]]);
  if (size.warn) ctx.log.warn('', '', line);
  else ctx.log.info('', '', line);
  ctx.store.set(PROPERTIES.housekeepingLastRun, String(now));
}
