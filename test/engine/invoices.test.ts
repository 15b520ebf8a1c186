import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

const MIN = 60_000;
const HOUR = 60 * MIN;

function setup(form: Record<string, unknown> = { sendInvoices: true }, dsco: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness(dsco);
  h.install(form as never);
  return h;
}
const ssOrderId = (h: Harness, id: string) => [...h.ss.orders.values()].find((o) => o.orderKey === id)!.orderId!;
const sync = (h: Harness, after = 15 * MIN, fn = 'syncNow') => {
  h.clock.advance(after);
  return h.call<{ message: string }>(fn);
};
const ship = (h: Harness, id: string, tracking: string, items?: { lineItemKey: string; quantity: number }[]) =>
  h.ss.shipOrder(ssOrderId(h, id), { trackingNumber: tracking, carrierCode: 'ups', serviceCode: 'ups_ground', ...(items ? { items } : {}) });
const invoicePosts = (h: Harness) => h.dsco.requests.filter((r) => r.method === 'POST' && r.path === '/invoice');
const lookups = (h: Harness) => h.dsco.requests.filter((r) => r.method === 'GET' && r.path === '/invoice');

describe('invoices to DSCO', () => {
  it('are off by default: nothing is invoiced', () => {
    const h = setup({});
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZOFF');
    sync(h);
    expect(h.row(o.dscoOrderId)!.status).toBe('Shipped');
    expect(invoicePosts(h)).toEqual([]);
  });

  it('per order: one invoice once every unit shipped, priced from DSCO line costs × shipped units, shown on the Dashboard', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, expectedCost: 7.7 }, { quantity: 2, expectedCost: 3.335 }] });
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZPART1', [{ lineItemKey: '1', quantity: 1 }]);
    sync(h);
    expect(invoicePosts(h)).toEqual([]); // line 2 is still open
    ship(h, o.dscoOrderId, '1ZPART2', [{ lineItemKey: '2', quantity: 2 }]);
    sync(h);
    sync(h);
    expect(invoicePosts(h)).toHaveLength(1);
    const inv = h.dsco.invoices.get(`DSCO-${o.dscoOrderId}`)!;
    expect(inv).toMatchObject({ dscoOrderId: o.dscoOrderId, poNumber: o.poNumber, totalAmount: 14.37, lineItemsSubtotal: 14.37, numberOfLineItems: 2 });
    expect(inv.lineItems).toEqual([
      expect.objectContaining({ lineNumber: 1, quantity: 1, unitPrice: 7.7, subtotal: 7.7 }),
      expect.objectContaining({ lineNumber: 2, quantity: 2, unitPrice: 3.335, subtotal: 6.67 }),
    ]);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', units: '3 ordered · 3 shipped · invoiced' });
    expect(h.logs().some((l) => l.dscoOrderId === o.dscoOrderId && /Invoice DSCO-\d+ sent to DSCO: 3 units, 14\.37/.test(l.message))).toBe(true);
    expect(h.dsco.violations).toEqual([]);
  });

  it('per order after a partial cancel bills only the shipped units; a fully cancelled order is never invoiced', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1 }, { quantity: 1 }] });
    const gone = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZHALF', [{ lineItemKey: '1', quantity: 1 }]);
    sync(h);
    h.ss.cancelOrder(ssOrderId(h, o.dscoOrderId));
    h.ss.cancelOrder(ssOrderId(h, gone.dscoOrderId));
    sync(h);
    sync(h);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', units: '2 ordered · 1 shipped · 1 cancelled · invoiced' });
    expect(h.dsco.invoices.get(`DSCO-${o.dscoOrderId}`)).toMatchObject({ totalAmount: 7.7, lineItems: [expect.objectContaining({ lineNumber: 1, quantity: 1 })] });
    expect(h.row(gone.dscoOrderId)!.status).toBe('Cancelled');
    expect(h.dsco.invoices.has(`DSCO-${gone.dscoOrderId}`)).toBe(false);
    expect(invoicePosts(h)).toHaveLength(1);
  });

  it('per shipment: one invoice for each package, its ID from the order and the tracking number', () => {
    const h = setup({ sendInvoices: true, invoicePer: 'shipment' });
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1 }, { quantity: 1 }] });
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZFIRST', [{ lineItemKey: '1', quantity: 1 }]);
    sync(h);
    expect([...h.dsco.invoices.keys()]).toEqual([`DSCO-${o.dscoOrderId}-1ZFIRST`]);
    ship(h, o.dscoOrderId, '1ZSECOND', [{ lineItemKey: '2', quantity: 1 }]);
    sync(h);
    sync(h);
    expect([...h.dsco.invoices.keys()].sort()).toEqual([`DSCO-${o.dscoOrderId}-1ZFIRST`, `DSCO-${o.dscoOrderId}-1ZSECOND`]);
    expect(invoicePosts(h)).toHaveLength(2);
    expect(h.row(o.dscoOrderId)!.units).toBe('2 ordered · 2 shipped · invoiced');
  });

  it('a refusal becomes an Error row that says what to fix; Retry failed orders looks it up, then sends it once', () => {
    const h = setup();
    let refuse = true;
    h.dsco.refuseInvoices(() => (refuse ? 'invoiceDate is required by this retailer' : undefined));
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZREF');
    sync(h);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Error', error: expect.stringMatching(/DSCO refused invoice DSCO-\d+: .*invoiceDate is required by this retailer.*Retry failed orders/) });
    sync(h);
    expect(invoicePosts(h)).toHaveLength(1); // not resent by itself
    refuse = false;
    sync(h, HOUR, 'retryFailed');
    expect(lookups(h)).toHaveLength(1);
    expect(invoicePosts(h)).toHaveLength(2);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', error: '', units: '1 ordered · 1 shipped · invoiced' });
    expect(h.dsco.invoices.size).toBe(1);
  });

  it('a line without a cost in DSCO is not guessed: the row says so', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, expectedCost: null }] });
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZNOCOST');
    sync(h);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Error', error: expect.stringMatching(/line 1 .*has no cost \(expectedCost\) in DSCO/) });
    expect(invoicePosts(h)).toEqual([]);
  });

  it('test orders are invoiced only while test orders are included', () => {
    const h = setup({ sendInvoices: true, includeTestOrders: true });
    const t = h.dsco.seedOrder({ testFlag: true });
    sync(h, MIN);
    h.install({ sendInvoices: true, includeTestOrders: false } as never);
    ship(h, t.dscoOrderId, '1ZTEST');
    sync(h);
    sync(h);
    expect(h.row(t.dscoOrderId)!.status).toBe('Shipped');
    expect(invoicePosts(h)).toEqual([]);
    h.install({ sendInvoices: true, includeTestOrders: true } as never);
    sync(h);
    expect(h.dsco.invoices.has(`DSCO-${t.dscoOrderId}`)).toBe(true);
  });

  it('orders that shipped before invoicing was turned on are not invoiced (they may have been invoiced by hand)', () => {
    const h = setup({});
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZBEFORE');
    sync(h);
    h.install({ sendInvoices: true } as never);
    sync(h, HOUR);
    expect(invoicePosts(h)).toEqual([]);
  });
});

describe('invoices: never billed twice', () => {
  it('a lost answer: the invoice is looked up, not sent again, while DSCO finishes processing it', () => {
    const h = setup({ sendInvoices: true }, { dsco: { invoiceVisibleAfterMs: 30 * MIN } });
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZLOST');
    h.dsco.faults.enqueue({ method: 'POST', path: '/invoice', status: 504, applyRequest: true });
    sync(h);
    expect(h.dsco.invoices.size).toBe(1);
    expect(h.row(o.dscoOrderId)!.units).toBe('1 ordered · 1 shipped'); // not confirmed yet
    sync(h); // not visible yet, within the grace: wait
    expect(invoicePosts(h)).toHaveLength(1);
    sync(h, 30 * MIN);
    expect(invoicePosts(h)).toHaveLength(1);
    expect(h.row(o.dscoOrderId)!.units).toBe('1 ordered · 1 shipped · invoiced');
    expect(h.logs().some((l) => /already has invoice DSCO-\d+ from an earlier attempt/.test(l.message))).toBe(true);
  });

  it('a lost answer and slow processing: the resend is refused as a reused ID, the row waits, then finds it', () => {
    const h = setup({ sendInvoices: true }, { dsco: { invoiceVisibleAfterMs: 3 * HOUR } });
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZSLOW');
    h.dsco.faults.enqueue({ method: 'POST', path: '/invoice', status: 502, applyRequest: true });
    sync(h);
    sync(h, 75 * MIN); // past the grace: sent again, DSCO refuses the reused ID
    expect(invoicePosts(h)).toHaveLength(2);
    expect(h.row(o.dscoOrderId)!.status).toBe('Shipped'); // not an Error
    sync(h, 2 * HOUR);
    expect(h.row(o.dscoOrderId)!.units).toBe('1 ordered · 1 shipped · invoiced');
    expect(h.dsco.invoices.size).toBe(1);
  });

  it('a run that dies right after DSCO created the invoice: the next run finds it instead of sending it again', () => {
    const h = setup();
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1ZKILL');
    h.killAfter((req) => req.method === 'POST' && req.url.includes('/invoice'));
    try {
      sync(h);
    } catch {
      // the execution was stopped
    }
    sync(h);
    expect(invoicePosts(h)).toHaveLength(1);
    expect(lookups(h).length).toBeGreaterThanOrEqual(1);
    expect(h.row(o.dscoOrderId)!.units).toBe('1 ordered · 1 shipped · invoiced');
  });

  it('429s are waited out and the invoice is sent once', () => {
    const h = setup();
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    ship(h, o.dscoOrderId, '1Z429');
    h.dsco.faults.enqueue({ method: 'POST', path: '/invoice', status: 429, count: 2 });
    sync(h);
    expect(h.dsco.invoices.size).toBe(1);
    expect(h.row(o.dscoOrderId)!.units).toBe('1 ordered · 1 shipped · invoiced');
  });
});
