import type { Workbook } from '../core/ports/workbook';
import { ORDERS_TAB as ORDERS_TAB_NAME } from '../sync/book/tabs';
import { DASHBOARD_TAB } from './sheet-template';

/**
 * Set up sheet must never create an empty `_Orders` while orders are on the Dashboard: the sync
 * would forget them (no tracking, no cancellations for open orders) and redraw an empty Dashboard.
 * Rebuilding the records from the Dashboard would guess their acknowledgement and shipment state,
 * which could send something twice, so it refuses and says how to get the tab back.
 * Returns the refusal, or null when setting up is safe.
 */
export function ordersTabRefusal(workbook: Workbook): string | null {
  if (workbook.tab(ORDERS_TAB_NAME)) return null;
  const dashboard = workbook.tab(DASHBOARD_TAB);
  if (!dashboard) return null;
  const orders = dashboard
    .readAll()
    .slice(1)
    .filter((r) => String(r[1] ?? '').trim() !== '').length;
  if (orders === 0) return null;
  return (
    `Set up sheet did not run: the hidden "${ORDERS_TAB_NAME}" tab, where the sync keeps the state of each order, is missing, ` +
    `and the Dashboard lists ${orders} order${orders === 1 ? '' : 's'}. A new, empty "${ORDERS_TAB_NAME}" would make the sync forget them. ` +
    `Get the tab back first: if it was renamed, rename it back to "${ORDERS_TAB_NAME}" (View → Hidden sheets shows it); ` +
    'if it was deleted, use Edit → Undo, or File → Version history to restore a version that has it. Then run Set up sheet again. ' +
    'Syncing stays stopped until then, so nothing is sent twice.'
  );
}
