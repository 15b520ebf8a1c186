import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DscoOrder } from '../../../src/dsco/dsco-types';
import type { OrderRecord } from '../../../src/sync/orders/order-record';
import {
  absorbDscoOrder,
  applyCancel,
  applyShipment,
  clearFlag,
  deriveStatus,
  flag,
  linesOf,
  markCreated,
  needsCancelInDsco,
  needsCancelInShipStation,
  needsCancelRequestAnswer,
  needsAcknowledge,
  needsCreate,
  openLines,
  unitsOf,
} from '../../../src/sync/orders/order-state';

const T = 1_700_000_000_000;

function dscoOrder(lines: { quantity: number; cancelled?: number; shipped?: number }[], extra: Partial<DscoOrder> = {}): DscoOrder {
  return {
    dscoOrderId: '1001',
    poNumber: 'PO-1',
    shipping: { name: 'Jane', address: ['1 Main St'], city: 'Springfield', postal: '12345', country: 'US' },
    lineItems: lines.map((l, i) => ({ lineNumber: i + 1, sku: `SKU${i + 1}`, quantity: l.quantity, cancelledQuantity: l.cancelled ?? 0, shippedQuantity: l.shipped ?? 0 })),
    ...extra,
  };
}

function record(order: DscoOrder): OrderRecord {
  const r: OrderRecord = { dscoOrderId: order.dscoOrderId, poNumber: order.poNumber, retailer: '', status: 'Received', flow: 'DSCO → SS', lines: linesOf(order), tracking: [], receivedAt: T, updatedAt: T };
  absorbDscoOrder(r, order, T); // sets the address fingerprint
  return r;
}

describe('order state: derived status', () => {
  it('Received, then Sent to SS once created; Shipped when nothing is open and something shipped', () => {
    const r = record(dscoOrder([{ quantity: 2 }, { quantity: 1 }]));
    expect(deriveStatus(r)).toBe('Received');
    markCreated(r, 55, '1001', 'awaiting_shipment', T);
    expect(r.status).toBe('Sent to SS');
    applyShipment(r, 'S1', '1Z1', [[1, 2]], T);
    expect(r.status).toBe('Sent to SS');
    applyShipment(r, 'S2', '1Z2', [[2, 1]], T);
    expect(r.status).toBe('Shipped');
    expect(r.tracking).toEqual(['1Z1', '1Z2']);
  });

  it('Cancelled only when every unit was cancelled and none shipped; partly shipped and the rest cancelled is Shipped', () => {
    const a = record(dscoOrder([{ quantity: 1 }, { quantity: 1 }]));
    markCreated(a, 1, '1001', undefined, T);
    a.ssStatus = 'cancelled';
    applyCancel(a, openLines(a), 'supplier', 'CXSO', T);
    expect(a.status).toBe('Cancelled');
    const b = record(dscoOrder([{ quantity: 1 }, { quantity: 1 }]));
    markCreated(b, 2, '1001', undefined, T);
    applyShipment(b, 'S1', '1Z', [[1, 1]], T);
    b.ssStatus = 'cancelled';
    applyCancel(b, openLines(b), 'supplier', 'CXSO', T);
    expect(b.status).toBe('Shipped');
    expect(unitsOf(b)).toEqual({ ordered: 2, shipped: 1, cancelled: 1, open: 0 });
  });

  it('stays Sent to SS while ShipStation still has to be cancelled, and while a DSCO cancel is pending', () => {
    const r = record(dscoOrder([{ quantity: 1 }]));
    markCreated(r, 1, '1001', 'awaiting_shipment', T);
    absorbDscoOrder(r, dscoOrder([{ quantity: 1, cancelled: 1 }]), T);
    expect(needsCancelInShipStation(r)).toBe(true);
    expect(r.status).toBe('Sent to SS');
    r.ssStatus = 'cancelled';
    expect(deriveStatus(r)).toBe('Cancelled');
  });

  it('a flag shows Error and hides nothing else: clearing it shows the state the order reached meanwhile', () => {
    const r = record(dscoOrder([{ quantity: 1 }]));
    markCreated(r, 1, '1001', undefined, T);
    expect(flag(r, 'attention', 'look at this', 'DSCO → SS', T)).toBe(true);
    expect(flag(r, 'attention', 'look at this', 'DSCO → SS', T)).toBe(false); // same flag twice: not new
    applyShipment(r, 'S1', '1Z', [[1, 1]], T);
    expect(r.status).toBe('Error');
    clearFlag(r, T, 'ship'); // another step's success does not clear it
    expect(r.status).toBe('Error');
    clearFlag(r, T, 'attention');
    expect(r.status).toBe('Shipped');
  });
});

describe('order state: transitions', () => {
  it('a package is counted once, by key or by tracking number', () => {
    const r = record(dscoOrder([{ quantity: 3 }]));
    applyShipment(r, 'S1', '1Z', [[1, 1]], T);
    applyShipment(r, 'S1', '1Z', [[1, 1]], T);
    applyShipment(r, 'S9', '1Z', [[1, 1]], T);
    expect(r.lines[0].shipped).toBe(1);
    expect(r.packages).toHaveLength(1);
  });

  it('absorbing DSCO twice changes nothing the second time; cancels by the retailer are noted as such', () => {
    const r = record(dscoOrder([{ quantity: 3 }, { quantity: 1 }]));
    const changed = dscoOrder([{ quantity: 3, cancelled: 1 }, { quantity: 1 }], { cancelRequested: true, cancelRequestedCode: 'CXRR' });
    const first = absorbDscoOrder(r, changed, T);
    expect(first).toMatchObject({ cancelled: ['line 1 × 1'], cancelRequest: 'CXRR', addressChanged: false });
    expect(r.lines[0]).toMatchObject({ cancelled: 1, cancelledBy: 'retailer' });
    const again = absorbDscoOrder(r, changed, T + 1);
    expect(again).toEqual({ cancelled: [], shippedElsewhere: [], addressChanged: false });
    expect(needsCancelRequestAnswer(r)).toBe(true);
  });

  it('a corrected address is noticed once', () => {
    const r = record(dscoOrder([{ quantity: 1 }]));
    const moved = dscoOrder([{ quantity: 1 }], { shipping: { name: 'Jane', address: ['9 Elm St'], city: 'Shelbyville', postal: '54321', country: 'US' } });
    expect(absorbDscoOrder(r, moved, T).addressChanged).toBe(true);
    expect(absorbDscoOrder(r, moved, T).addressChanged).toBe(false);
    expect(r.addressChanged).toBe(true);
  });

  it('units DSCO shows shipped beyond the packages sent are reported, not counted', () => {
    const r = record(dscoOrder([{ quantity: 2 }]));
    const out = absorbDscoOrder(r, dscoOrder([{ quantity: 2, shipped: 2 }]), T);
    expect(out.shippedElsewhere).toEqual(['line 1 × 2']);
    expect(r.lines[0].shipped).toBe(0);
  });

  it('a cancellation DSCO shows while ours is pending counts as ours', () => {
    const r = record(dscoOrder([{ quantity: 2 }]));
    r.pendingCancel = { code: 'CXSO', reason: 'x', by: 'supplier', lines: [[1, 2]], sentAt: T };
    const out = absorbDscoOrder(r, dscoOrder([{ quantity: 2, cancelled: 2 }]), T);
    expect(out.cancelled).toEqual([]);
    expect(r.lines[0]).toMatchObject({ cancelled: 2, cancelledBy: 'supplier', cancelCode: 'CXSO' });
    expect(r.pendingCancel).toBeUndefined();
  });
});

describe('order state: deadlines', () => {
  it('keeps the retailer\'s dates, and follows a change', () => {
    const r = record(dscoOrder([{ quantity: 1 }], { shipByDate: '2026-03-05T00:00:00+00:00', cancelAfterDate: '2026-03-09T00:00:00+00:00' }));
    expect(r.deadlines).toEqual({ shipBy: Date.parse('2026-03-05T00:00:00Z'), cancelAfter: Date.parse('2026-03-09T00:00:00Z') });
    absorbDscoOrder(r, dscoOrder([{ quantity: 1 }], { shipByDate: '2026-03-06T00:00:00+00:00' }), T);
    expect(r.deadlines).toEqual({ shipBy: Date.parse('2026-03-06T00:00:00Z') });
  });
});

describe('order state: what an order needs', () => {
  it('creation only while something is open; a closed order is never created', () => {
    expect(needsCreate(record(dscoOrder([{ quantity: 2, cancelled: 1 }])))).toBe(true);
    expect(needsCreate(record(dscoOrder([{ quantity: 2, cancelled: 2 }])))).toBe(false);
    expect(deriveStatus(record(dscoOrder([{ quantity: 2, cancelled: 2 }])))).toBe('Cancelled');
  });

  it('an acknowledgement is needed until one is sent, again after a failure, and again when DSCO still waits after the grace', () => {
    const r = record(dscoOrder([{ quantity: 1 }]));
    expect(needsAcknowledge(r, T, true, 15 * 60_000)).toBe(false); // not in ShipStation yet
    markCreated(r, 1, '1001', undefined, T);
    expect(needsAcknowledge(r, T, true, 15 * 60_000)).toBe(true);
    r.ack = { requestId: 'r1', sentAt: T, attempts: 1 };
    expect(needsAcknowledge(r, T + 60_000, true, 15 * 60_000)).toBe(false);
    expect(needsAcknowledge(r, T + 16 * 60_000, true, 15 * 60_000)).toBe(true);
    expect(needsAcknowledge(r, T + 16 * 60_000, false, 15 * 60_000)).toBe(false);
    r.ack = { sentAt: T, attempts: 1 }; // failed: no request id
    expect(needsAcknowledge(r, T, false, 15 * 60_000)).toBe(true);
    applyShipment(r, 'S1', '1Z', [[1, 1]], T);
    expect(needsAcknowledge(r, T, true, 15 * 60_000)).toBe(false); // nothing open any more
  });

  it('a ShipStation cancel needs the open DSCO lines cancelled, once nothing is pending', () => {
    const r = record(dscoOrder([{ quantity: 2 }]));
    markCreated(r, 1, '1001', undefined, T);
    expect(needsCancelInDsco(r)).toBe(false);
    r.ssStatus = 'cancelled';
    expect(needsCancelInDsco(r)).toBe(true);
    r.pendingCancel = { code: 'CXSO', reason: 'x', by: 'supplier', lines: [[1, 2]], sentAt: T };
    expect(needsCancelInDsco(r)).toBe(false);
  });

  it('property: shipped + cancelled never exceed ordered, whatever the order of events', () => {
    type Ev = { kind: 'ship' | 'cancel' | 'dsco'; line: number; qty: number };
    const ev = fc.record({ kind: fc.constantFrom('ship' as const, 'cancel' as const, 'dsco' as const), line: fc.integer({ min: 1, max: 2 }), qty: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 20 }), (events: Ev[]) => {
        const r = record(dscoOrder([{ quantity: 3 }, { quantity: 2 }]));
        let n = 0;
        let dscoCancelled = [0, 0];
        for (const e of events) {
          if (e.kind === 'ship') applyShipment(r, `S${++n}`, `1Z${n}`, [[e.line, e.qty]], T);
          else if (e.kind === 'cancel') applyCancel(r, [[e.line, e.qty]], 'supplier', 'CXSO', T);
          else {
            dscoCancelled = dscoCancelled.map((c, i) => (i === e.line - 1 ? Math.min(c + e.qty, [3, 2][i]) : c));
            absorbDscoOrder(r, dscoOrder([{ quantity: 3, cancelled: dscoCancelled[0] }, { quantity: 2, cancelled: dscoCancelled[1] }]), T);
          }
          for (const l of r.lines) {
            expect(l.shipped + l.cancelled).toBeLessThanOrEqual(l.quantity);
            expect(l.shipped).toBeGreaterThanOrEqual(0);
          }
          const u = unitsOf(r);
          expect(u.open).toBe(u.ordered - u.shipped - u.cancelled);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
