import { describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from '../../support/engine-harness';

const MIN = 60_000;
const ssOrder = (h: EngineHarness, id: string) => [...h.ss.orders.values()].find((o) => o.orderKey === id)!;
const sync = (h: EngineHarness, after = 15 * MIN, mode: 'manual' | 'retry' = 'manual') => {
  h.clock.advance(after);
  return h.sync(mode);
};

/** The engine's TypeScript over in-memory ports (no bundle): one order's whole life, in milliseconds. */
describe('runCycle over in-memory ports', () => {
  it('creates, acknowledges, verifies, sends tracking back, and ends Shipped with the Units column', () => {
    const h = createEngineHarness();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 2 }, { quantity: 1 }] });
    const first = sync(h, MIN);
    expect(first.message).toMatch(/^1 new/);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', units: '3 ordered' });
    sync(h);
    expect(h.dsco.orders.get(o.dscoOrderId)!.dscoLifecycle).toBe('acknowledged');
    expect(h.record(o.dscoOrderId)!.ack?.confirmedAt).toBeDefined();
    h.ss.shipOrder(ssOrder(h, o.dscoOrderId).orderId!, { trackingNumber: '1ZMEM', carrierCode: 'ups', serviceCode: 'ups_ground' });
    sync(h);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', tracking: '1ZMEM', units: '3 ordered · 3 shipped', flow: 'SS → DSCO' });
    expect(h.record(o.dscoOrderId)!.packages).toEqual([expect.objectContaining({ key: expect.stringMatching(/^S/), tracking: '1ZMEM' })]);
    expect(h.dsco.violations).toEqual([]);
  });

  it('a retailer cancel request before shipping is accepted in both systems with CXSC', () => {
    const h = createEngineHarness();
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    sync(h);
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    sync(h);
    expect(ssOrder(h, o.dscoOrderId).orderStatus).toBe('cancelled');
    expect(h.dsco.orders.get(o.dscoOrderId)!.lineItems[0]).toMatchObject({ cancelCode: 'CXSC' });
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
    expect(h.record(o.dscoOrderId)!.cancelRequest).toEqual({ code: 'CXRR', state: 'accepted' });
  });

  it('a cycle with nothing to do costs the same Sheets calls with 5 orders and with 200', () => {
    const callsOfIdleRun = (n: number) => {
      const h = createEngineHarness();
      for (let i = 0; i < n; i++) h.dsco.seedOrder();
      sync(h, MIN);
      sync(h);
      sync(h);
      const before = h.workbook.calls();
      sync(h);
      return h.workbook.calls() - before;
    };
    expect(callsOfIdleRun(200)).toBe(callsOfIdleRun(5));
  });
});
