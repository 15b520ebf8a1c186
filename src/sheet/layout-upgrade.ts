import type { KeyValueStore } from '../core/ports/key-value-store';
import type { Workbook } from '../core/ports/workbook';
import { fnv1a } from '../core/text/fnv1a';
import { PROPERTIES, TABS } from '../storage/storage-map';
import { applyTemplate } from './apply-template';
import { SHEET_TEMPLATE } from './sheet-template';

/** A fingerprint of the tabs and their headers: it changes when a version adds a tab or a column. */
export const LAYOUT_SIGNATURE = fnv1a(JSON.stringify(SHEET_TEMPLATE.tabs.map((t) => [t.name, t.headers])));

/** Set up sheet (or an upgrade) laid the sheet out as this version expects. */
export function markLayoutCurrent(store: KeyValueStore): void {
  store.set(PROPERTIES.sheetLayout, LAYOUT_SIGNATURE);
}

/**
 * Before a sync: a sheet set up by an earlier version (fewer Dashboard columns, no Overview or
 * Retailers tab) is brought to this version's layout once, as Set up sheet would, so an update
 * never needs a person to remember Set up sheet. Costs one Script Property read when nothing changed;
 * a sheet never set up is left to the sync's own "run Set up sheet" message. Returns whether it ran.
 */
export function upgradeLayoutIfNeeded(workbook: Workbook, store: KeyValueStore): boolean {
  if (store.get(PROPERTIES.sheetLayout) === LAYOUT_SIGNATURE) return false;
  if (!workbook.tab(TABS.orders.name)) return false;
  applyTemplate(workbook, SHEET_TEMPLATE);
  markLayoutCurrent(store);
  return true;
}
