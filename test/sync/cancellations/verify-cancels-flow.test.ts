import { describe, expect, it } from 'vitest';
import type { CycleContext } from '../../../src/sync/cycle/cycle-context';
import type { CancelledBy, OrderRecord } from '../../../src/sync/orders/order-record';
import { verifyCancels } from '../../../src/sync/cancellations/verify-cancels';

/** An open order whose cancellation DSCO's change log reports as failed. */
function failedCancel(by: CancelledBy, flowBefore: OrderRecord['flow'], logs: unknown[] = [{ payload: { id: '1001' }, status: 'failure', results: [{ message: 'cancel code not mapped' }] }]) {
  const record: OrderRecord = {
    dscoOrderId: '1001',
    poNumber: 'PO-1',
    retailer: 'Big Box',
    status: 'Sent to SS',
    flow: flowBefore,
    lines: [{ lineNumber: 1, sku: 'A', dscoItemId: '9', quantity: 1, shipped: 0, cancelled: 0 }],
    tracking: [],
    receivedAt: 0,
    updatedAt: 0,
    pendingCancel: { requestId: 'req-1', code: 'CXSO', reason: 'x', by, lines: [[1, 1]], sentAt: 0 },
  };
  const logged: [string, string][] = [];
  const ctx = {
    book: { select: (pick: (r: OrderRecord) => boolean) => [record].filter(pick) },
    budget: { expired: () => false },
    clock: { now: () => 60_000 },
    dsco: {
      getChangeLog: () => ({ status: 'COMPLETED', logs }),
      getOrder: () => undefined,
    },
    log: { info: () => undefined, warn: () => undefined, error: (flow: string, _id: string, m: string) => logged.push([flow, m]) },
    summary: { errors: 0 },
    redact: (t: string) => t,
  } as unknown as CycleContext;
  verifyCancels(ctx);
  return { record, logged };
}

describe('an Error row shows the direction of the step that failed, not the last one before it', () => {
  it("a supplier's cancellation (made in ShipStation) that DSCO did not apply is SS → DSCO", () => {
    const { record, logged } = failedCancel('supplier', 'DSCO → SS');
    expect(record).toMatchObject({ status: 'Error', failedStep: 'cancel-in-dsco', flow: 'SS → DSCO' });
    expect(logged.map(([f]) => f)).toEqual(['SS → DSCO']);
  });

  it("accepting a retailer's cancel request that DSCO did not apply is DSCO → SS", () => {
    const { record } = failedCancel('retailer', 'SS → DSCO');
    expect(record).toMatchObject({ status: 'Error', flow: 'DSCO → SS' });
  });
});

describe('a batch change log', () => {
  it("takes an order's outcome over an earlier pending entry of the same order", () => {
    const { record } = failedCancel('supplier', 'SS → DSCO', [
      { payload: { id: '1001' }, status: 'pending', results: [] },
      { payload: { id: '1002' }, status: 'failure', results: [{ message: 'another order' }] },
      { payload: { id: '1001' }, status: 'success', results: [] },
    ]);
    expect(record.pendingCancel).toBeUndefined();
    expect(record).toMatchObject({ status: 'Cancelled', lines: [{ cancelled: 1 }] });
  });
});
