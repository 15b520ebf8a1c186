import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** 2026-03-02T15:00Z is 07:00 in US Pacific (PST): the full resend hour is set after the test's day by default. */
function setup(form: Record<string, unknown> = {}, opts: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness(opts);
  h.install({ sendInventory: true, inventoryWarehouseCode: 'WH1', inventoryFullHour: 23, ...form } as never);
  return h;
}
const sync = (h: Harness, after = 15 * MIN) => {
  h.clock.advance(after);
  return h.call<{ message: string }>('syncNow');
};
const edit = (h: Harness, rows: unknown[][], from = 2) => {
  const sheet = h.sim.spreadsheet.getSheetByName('Inventory')!;
  const needed = from + rows.length - 1;
  if (needed > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
  sheet.getRange(from, 1, rows.length, 4).setValues(rows);
};
const tab = (h: Harness) => h.sim.readSheet('Inventory').slice(1).map((r) => ({ sku: r[0], lastSent: r[4], result: String(r[5]) }));
const updates = (h: Harness) => h.dsco.requests.filter((r) => r.method === 'POST' && r.path === '/inventory/batch/small');
const sentSkus = (h: Harness, i: number) => (updates(h)[i]!.body as { sku: string }[]).map((x) => x.sku);

describe('inventory to DSCO', () => {
  it('is off by default: the Inventory tab is not read', () => {
    const h = createHarness();
    h.install();
    h.dsco.seedItem('A-1');
    edit(h, [['A-1', 5, '', '']]);
    sync(h);
    expect(updates(h)).toEqual([]);
  });

  it('sends the rows, confirms them in the change log, then sends only what changed', () => {
    const h = setup();
    for (const sku of ['A-1', 'B-2', 'C-3']) h.dsco.seedItem(sku);
    edit(h, [['A-1', 5, '', ''], ['B-2', 0, '', ''], ['C-3', 7, 'in stock', 'WH1']]);
    sync(h);
    expect(updates(h)).toHaveLength(1);
    expect(updates(h)[0]!.body).toEqual([
      { sku: 'A-1', status: 'in-stock', quantityAvailable: 5, warehouses: [{ code: 'WH1', quantity: 5 }] },
      { sku: 'B-2', status: 'out-of-stock', quantityAvailable: 0, warehouses: [{ code: 'WH1', quantity: 0 }] },
      { sku: 'C-3', status: 'in-stock', quantityAvailable: 7, warehouses: [{ code: 'WH1', quantity: 7 }] },
    ]);
    expect(tab(h).map((r) => r.result)).toEqual(Array(3).fill('Sent, waiting for DSCO to confirm'));
    sync(h);
    expect(tab(h).map((r) => r.result)).toEqual(Array(3).fill('Accepted by DSCO'));
    expect(tab(h)[0]!.lastSent).toBeInstanceOf(Date);
    expect(h.dsco.inventory.get('A-1')).toMatchObject({ quantityAvailable: 5, status: 'in-stock' });
    expect(updates(h)).toHaveLength(1); // nothing changed: nothing sent
    edit(h, [['B-2', 12, '', '']], 3);
    sync(h);
    expect(updates(h)).toHaveLength(2);
    expect(updates(h)[1]!.body).toEqual([{ sku: 'B-2', status: 'in-stock', quantityAvailable: 12, warehouses: [{ code: 'WH1', quantity: 12 }] }]);
    sync(h);
    expect(h.dsco.inventory.get('B-2')!.quantityAvailable).toBe(12);
    expect(h.dsco.violations).toEqual([]);
  });

  it('bad cells are refused on their row and never sent; the rest go through', () => {
    const h = setup();
    h.dsco.seedItem('OK-1');
    edit(h, [
      ['OK-1', 3, '', ''],
      ['', 4, '', ''],
      ['NEG-1', -2, '', ''],
      ['TXT-1', 'lots', '', ''],
      ['HALF-1', 1.5, '', ''],
      ['DISC-1', 4, 'discontinued', ''],
      ['ST-1', 1, 'maybe', ''],
      ['OK-1', 9, '', ''],
    ]);
    sync(h);
    expect(updates(h)).toHaveLength(1);
    expect(sentSkus(h, 0)).toEqual(['OK-1']);
    const results = tab(h).map((r) => r.result);
    expect(results[0]).toBe('Sent, waiting for DSCO to confirm');
    expect(results[1]).toMatch(/^Not sent: the SKU is blank/);
    expect(results[2]).toMatch(/^Not sent: the quantity -2 is negative/);
    expect(results[3]).toMatch(/^Not sent: the quantity "lots" is not a number/);
    expect(results[4]).toMatch(/^Not sent: the quantity 1.5 is not a whole number/);
    expect(results[5]).toMatch(/^Not sent: a discontinued SKU must have quantity 0/);
    expect(results[6]).toMatch(/^Not sent: the status "maybe" is not one DSCO knows/);
    expect(results[7]).toMatch(/^Not sent: the same SKU and warehouse as row 2/);
    expect(h.logs().some((l) => /Inventory from the Inventory tab: .*7 rows not sent because of bad cells/.test(l.message))).toBe(true);
  });

  it('an unknown SKU or a refused row is marked on its row; the others are accepted; the refusal is not resent until the row changes', () => {
    const h = setup();
    h.dsco.seedItem('GOOD-1');
    h.dsco.seedItem('RULE-1');
    h.dsco.refuseInventory((item) => (item.sku === 'RULE-1' ? 'item is on hold' : undefined));
    edit(h, [['GOOD-1', 2, '', ''], ['TYPO-1', 2, '', ''], ['RULE-1', 2, '', '']]);
    sync(h);
    sync(h);
    const results = tab(h).map((r) => r.result);
    expect(results[0]).toBe('Accepted by DSCO');
    expect(results[1]).toMatch(/^Refused: DSCO does not know this SKU \(sku TYPO-1 not found\)/);
    expect(results[2]).toMatch(/^Refused by DSCO: item is on hold/);
    expect(h.logs().some((l) => /2 refused by DSCO \(TYPO-1, RULE-1\)/.test(l.message))).toBe(true);
    sync(h);
    expect(updates(h)).toHaveLength(1);
    edit(h, [['TYPO-1', 2, '', '']], 3); // unchanged values: still not resent
    h.dsco.seedItem('TYPO-2');
    edit(h, [['TYPO-2', 2, '', '']], 3);
    sync(h);
    expect(sentSkus(h, 1)).toEqual(['TYPO-2']);
  });

  it('every row is sent again once a day at the set hour', () => {
    const h = setup({ inventoryFullHour: 8 }); // 07:00 Pacific now
    h.dsco.seedItem('A-1');
    h.dsco.seedItem('B-2');
    edit(h, [['A-1', 1, '', ''], ['B-2', 2, '', '']]);
    sync(h);
    sync(h);
    expect(updates(h)).toHaveLength(1);
    sync(h, HOUR); // 08:30 Pacific: the daily full update
    expect(updates(h)).toHaveLength(2);
    expect(sentSkus(h, 1)).toEqual(['A-1', 'B-2']);
    sync(h);
    sync(h, HOUR);
    expect(updates(h)).toHaveLength(2); // once a day
    sync(h, 24 * HOUR);
    expect(updates(h)).toHaveLength(3);
  });

  it('a lost answer or a 429: the rows are sent again, nothing is dropped', () => {
    const h = setup();
    h.dsco.seedItem('A-1');
    edit(h, [['A-1', 4, '', '']]);
    h.dsco.faults.enqueue({ method: 'POST', path: '/inventory/batch/small', status: 500, count: 5 });
    sync(h);
    expect(tab(h)[0]!.result).toMatch(/^Not confirmed: DSCO did not take the update/);
    h.dsco.faults.enqueue({ method: 'POST', path: '/inventory/batch/small', status: 429, count: 1 });
    sync(h);
    sync(h);
    expect(tab(h)[0]!.result).toBe('Accepted by DSCO');
    expect(h.dsco.inventory.get('A-1')!.quantityAvailable).toBe(4);
  });

  it('an item the change log does not mention is sent again', () => {
    const h = setup();
    h.dsco.seedItem('A-1');
    edit(h, [['A-1', 4, '', '']]);
    // DSCO drops the request's items silently: a COMPLETED log with no entry for the SKU.
    h.dsco.faults.enqueue({ method: 'POST', path: '/inventory/batch/small', status: 202, body: JSON.stringify({ status: 'pending', requestId: 'lost-request', eventDate: '2026-03-02T15:15:00Z' }) });
    sync(h);
    sync(h); // the log of an unknown request reads PROCESSING: waits
    expect(updates(h)).toHaveLength(1);
    sync(h, 7 * HOUR); // never completed: sent again
    sync(h);
    expect(updates(h)).toHaveLength(2);
    expect(tab(h)[0]!.result).toBe('Accepted by DSCO');
  });

  it('batches stay within the limits: 12,000 rows go in three updates', () => {
    const h = setup();
    const rows = Array.from({ length: 12_000 }, (_, i) => [`SKU-${i}`, i % 7, '', '']);
    for (const [sku] of rows) h.dsco.seedItem(String(sku));
    edit(h, rows);
    sync(h);
    expect(updates(h).map((u) => (u.body as unknown[]).length)).toEqual([5000, 5000, 2000]);
    sync(h);
    expect(tab(h).every((r) => r.result === 'Accepted by DSCO')).toBe(true);
  });
});
