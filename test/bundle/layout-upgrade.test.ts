import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';
import { TABS } from '../../src/storage/storage-map';

const MIN = 60_000;
const OLD_HEADERS = ['Flow', 'DSCO Order ID', 'PO / Retailer', 'SS Order #', 'Status', 'Tracking', 'Received', 'Updated', 'Error', 'Units'];

/** The sheet as the previous version left it: ten Dashboard and Archive columns (the grid trimmed to them), no Overview or Retailers tab. */
function previousVersionSheet() {
  const h = createHarness();
  h.install();
  const book = h.sim.spreadsheet;
  for (const name of [TABS.dashboard.name, TABS.archive.name]) {
    const sheet = book.getSheetByName(name)!;
    sheet.getFilter()?.remove();
    sheet.deleteColumns(11, sheet.getMaxColumns() - 10);
    sheet.getRange(1, 1, 1, 10).setValues([OLD_HEADERS]);
  }
  for (const name of [TABS.overview.name, TABS.retailers.name]) book.deleteSheet(book.getSheetByName(name)!);
  h.sim.properties.script.deleteProperty('sheet.layout');
  return h;
}

describe('an update that adds columns and tabs', () => {
  it('the first sync after it lays the sheet out as this version does, then syncs: no Set up sheet to remember', () => {
    const h = previousVersionSheet();
    const o = h.dsco.seedOrder({ dscoTradingPartnerName: 'Big Box' });
    h.clock.advance(MIN);
    const result = h.call<{ message: string; fatal?: string }>('syncNow');
    expect(result.fatal).toBeUndefined();
    expect(h.sim.readSheet('Dashboard')[0]).toHaveLength(TABS.dashboard.width);
    expect(h.sim.spreadsheet.getSheetByName('Dashboard')!.getMaxColumns()).toBe(TABS.dashboard.width);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', retailer: 'Big Box' });
    expect(h.sim.spreadsheet.getSheets()[0].getName()).toBe('Overview');
    expect(h.sim.spreadsheet.getSheetByName('Retailers')).not.toBeNull();
    expect(h.logs().some((l) => /brought up to this version/.test(l.message))).toBe(true);
    // Once: the next sync does not lay it out again.
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(h.logs().filter((l) => /brought up to this version/.test(l.message))).toHaveLength(1);
  });

  it('Set up sheet on such a sheet adds the missing columns before writing the headers', () => {
    const h = previousVersionSheet();
    h.call('setupSheet');
    expect(h.sim.readSheet('Archive')[0]).toEqual([...OLD_HEADERS, 'Retailer', 'Ship by', 'Ack by', 'Cancel after']);
  });
});
