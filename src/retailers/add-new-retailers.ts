import type { Workbook } from '../core/ports/workbook';
import { TABS } from '../storage/storage-map';
import type { CycleContext } from '../sync/cycle/cycle-context';

/**
 * A retailer seen for the first time gets a row on the Retailers tab with the defaults (the Cancel
 * code setting, requests accepted), so a person finds it there to change: one append, only when
 * there is a new one. The run's rules then include it. Nothing happens without the tab.
 */
export function addNewRetailers(ctx: CycleContext, workbook: Workbook): void {
  const tab = workbook.tab(TABS.retailers.name);
  if (!tab) return;
  const rows = ctx.retailers.newRows(ctx.book.view());
  if (!rows.length) return;
  const last = tab.lastRow();
  tab.writeRows(Math.max(2, last + 1), rows);
  ctx.retailers = ctx.retailers.with(rows);
  ctx.log.info('', '', `New retailer${rows.length === 1 ? '' : 's'} on the Retailers tab: ${rows.map((r) => r[1] || r[0]).join(', ')} (cancel code from Settings, cancel requests accepted; change them there).`);
}
