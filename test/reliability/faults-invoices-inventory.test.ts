import { describe, expect } from 'vitest';
import { MIN, type Rig } from './support/rig';
import { ssOrderOf } from './support/invariants';
import { checkAfterFault, reliabilityTest, settleAndCheck, stageWorkload, UPS } from './support/scenario';

/**
 * The invoice and inventory feeds under faults: lost answers (the request took effect, the answer
 * never came), partial refusals, 429s and a run that dies mid-way. Never billed twice, and nothing
 * dropped silently: every invoice ends created once or as an Error row, every inventory row ends
 * accepted or refused on its row.
 */

const invoicePosts = (r: Rig) => r.dsco.requests.filter((q) => q.method === 'POST' && q.path === '/invoice');
const shippedIds = (r: Rig) => r.dashboard().filter((row) => row.status === 'Shipped').map((row) => row.dscoOrderId);

function expectBilledOnce(r: Rig): void {
  const shipped = shippedIds(r);
  expect(shipped.length).toBeGreaterThan(0);
  expect([...r.dsco.invoices.keys()].sort()).toEqual(shipped.map((id) => `DSCO-${id}`).sort());
  for (const id of shipped) expect(r.row(id)!.units).toMatch(/· invoiced$/);
}

describe('invoices under faults', () => {
  reliabilityTest('faults', 'invoices: a lost answer, 429s and a run killed after DSCO created one; every shipped order is billed exactly once', ({ rig }) => {
    const r = rig({ dscoInvoiceVisibleAfterMs: 20 * MIN });
    const w = stageWorkload(r);
    r.install({ sendInvoices: true });
    r.dsco.faults.enqueue({ method: 'POST', path: '/invoice', status: 504, applyRequest: true });
    r.dsco.faults.enqueue({ method: 'POST', path: '/invoice', status: 429, count: 2 });
    r.sync();
    checkAfterFault(r);
    expect(r.dsco.invoices.size).toBe(2);
    // A new order ships; the run dies right after DSCO created its invoice.
    const late = [...w.expected].filter(([, status]) => status === 'Sent to SS').map(([id]) => id).pop()!;
    r.ss.shipOrder(ssOrderOf(r, late)!.orderId, { trackingNumber: `1ZLATE${late}`, ...UPS });
    r.clock.advance(MIN);
    r.killAfter((req) => req.method === 'POST' && req.url.includes('/invoice'));
    expect(r.sync().killed).toBe(true);
    checkAfterFault(r);
    expect(r.dsco.invoices.has(`DSCO-${late}`)).toBe(true);
    settleAndCheck(r, { cycles: 6 });
    expectBilledOnce(r);
    expect(r.dsco.invoices.size).toBe(3);
    expect(r.dashboard().filter((row) => row.status === 'Error')).toEqual([]);
    expect(r.logs().filter((l) => /already has invoice .* from an earlier attempt/.test(l.message))).toHaveLength(2);
    expect(r.logs().some((l) => /refused invoice/.test(l.message))).toBe(false);
  });

  reliabilityTest('faults', 'invoices: a partial refusal is an Error row saying why; the others go through; Retry sends it once it is fixed', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    r.install({ sendInvoices: true });
    const [first] = [...w.tracking.keys()];
    let refuse = true;
    r.dsco.refuseInvoices((inv) => (refuse && inv.dscoOrderId === first ? 'the retailer requires payment terms' : undefined));
    r.sync();
    expect(r.row(first!)).toMatchObject({ status: 'Error', error: expect.stringMatching(/DSCO refused invoice .*payment terms/) });
    settleAndCheck(r, { allowError: (id) => id === first });
    expect(r.dsco.invoices.has(`DSCO-${first}`)).toBe(false);
    refuse = false;
    r.clock.advance(MIN);
    r.sync('retryFailed');
    settleAndCheck(r);
    expectBilledOnce(r);
    expect(invoicePosts(r).filter((q) => (q.body as { invoiceId: string }).invoiceId === `DSCO-${first}`)).toHaveLength(2);
  });
});

describe('inventory under faults', () => {
  const editInventory = (r: Rig, rows: unknown[][]) => r.sim.spreadsheet.getSheetByName('Inventory')!.getRange(2, 1, rows.length, 4).setValues(rows);
  const results = (r: Rig) => r.sim.readSheet('Inventory').slice(1).map((row) => String(row[5]));

  reliabilityTest('faults', 'inventory: lost answers, 429s on the change log and an unknown SKU; the rest reach DSCO, nothing is dropped', ({ rig }) => {
    const r = rig();
    r.install({ sendInventory: true, inventoryWarehouseCode: 'WH1', inventoryFullHour: 23 });
    for (const sku of ['A-1', 'B-2', 'C-3']) r.dsco.seedItem(sku);
    editInventory(r, [['A-1', 5, '', ''], ['B-2', 0, '', ''], ['NOPE-9', 3, '', ''], ['C-3', 8, '', '']]);
    r.dsco.faults.enqueue({ method: 'POST', path: '/inventory/batch/small', status: 504, applyRequest: true, count: 6 });
    r.clock.advance(MIN);
    r.sync();
    checkAfterFault(r);
    r.dsco.faults.enqueue({ method: 'GET', path: '/inventory/log', status: 429, count: 3 });
    r.clock.advance(15 * MIN);
    r.sync();
    settleAndCheck(r);
    const res = results(r);
    expect(res[0]).toBe('Accepted by DSCO');
    expect(res[1]).toBe('Accepted by DSCO');
    expect(res[2]).toMatch(/^Refused: DSCO does not know this SKU/);
    expect(res[3]).toBe('Accepted by DSCO');
    expect(r.dsco.inventory.get('A-1')!.quantityAvailable).toBe(5);
    expect(r.dsco.inventory.get('C-3')!.quantityAvailable).toBe(8);
  });
});
