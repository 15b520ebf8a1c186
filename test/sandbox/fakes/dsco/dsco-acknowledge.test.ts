import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createDscoFake } from '../../../../sandbox/fakes/dsco/create-dsco-fake';
import { client } from './dsco-test-requests';

function setup(asyncDelayMs?: number) {
  const clock = createClock('2026-03-02T15:00:00Z');
  const fake = createDscoFake({ clock, ...(asyncDelayMs !== undefined ? { asyncDelayMs } : {}) });
  return { clock, fake, api: client(fake) };
}

describe('DSCO fake: POST /order/acknowledge + GET /order/log', () => {
  it('answers 202 with a requestId, logs PENDING, then applies after asyncDelayMs', () => {
    const { clock, fake, api } = setup();
    const a = fake.seedOrder();
    const b = fake.seedOrder();
    const ack = api('POST', '/order/acknowledge', {
      body: [
        { id: a.dscoOrderId, type: 'DSCO_ORDER_ID', supplierOrderNumber: 'SO-1' },
        { id: b.poNumber, type: 'PO_NUMBER' },
      ],
    });
    expect(ack.status).toBe(202);
    expect(ack.json).toEqual({ status: 'success', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), eventDate: '2026-03-02T15:00:00+00:00' });
    const requestId: string = ack.json.requestId;

    const before = api('GET', '/order/log', { query: { requestId } });
    expect(before.status).toBe(200);
    expect(before.json.status).toBe('PROCESSING');
    expect(before.json.logs.map((l: { status: string }) => l.status)).toEqual(['pending', 'pending']);
    expect(api('GET', '/order/log', { query: { requestId, status: 'success_or_failure' } }).json.logs).toEqual([]);
    expect(fake.orders.get(a.dscoOrderId)?.dscoLifecycle).toBe('created');

    clock.advance(1999);
    expect(api('GET', '/order/log', { query: { requestId } }).json.status).toBe('PROCESSING');
    clock.advance(1);
    const after = api('GET', '/order/log', { query: { requestId, status: 'success_or_failure' } });
    expect(after.json.status).toBe('COMPLETED');
    expect(after.json.logs).toEqual([
      {
        payload: { id: a.dscoOrderId, type: 'DSCO_ORDER_ID', supplierOrderNumber: 'SO-1' },
        dateProcessed: '2026-03-02T15:00:02+00:00',
        status: 'success',
        requestMethod: 'api',
        requestMethodDetail: 'acknowledgeOrders',
        requestId,
        results: [],
      },
      expect.objectContaining({ payload: { id: b.poNumber, type: 'PO_NUMBER' }, status: 'success' }),
    ]);
    expect(fake.orders.get(a.dscoOrderId)).toMatchObject({
      dscoLifecycle: 'acknowledged', dscoStatus: 'shipment_pending', supplierOrderNumber: 'SO-1', dscoLastUpdate: '2026-03-02T15:00:02+00:00',
    });
    expect(fake.orders.get(b.dscoOrderId)?.dscoLifecycle).toBe('acknowledged');
    expect(fake.violations).toEqual([]);
  });

  it('applies due requests when the orders map is read, without any request', () => {
    const { clock, fake, api } = setup(500);
    const a = fake.seedOrder();
    api('POST', '/order/acknowledge', { body: [{ id: a.dscoOrderId, type: 'DSCO_ORDER_ID' }] });
    clock.advance(500);
    expect(fake.orders.get(a.dscoOrderId)?.dscoLifecycle).toBe('acknowledged');
  });

  it('processAsync() applies pending requests at once', () => {
    const { fake, api } = setup(60_000);
    const a = fake.seedOrder();
    const { requestId } = api('POST', '/order/acknowledge', { body: [{ id: Number(a.dscoOrderId), type: 'DSCO_ORDER_ID' }] }).json;
    fake.processAsync();
    expect(fake.orders.get(a.dscoOrderId)?.dscoLifecycle).toBe('acknowledged');
    const log = api('GET', '/order/log', { query: { requestId } }).json;
    expect(log.status).toBe('COMPLETED');
    expect(log.logs[0].payload.id).toBe(a.dscoOrderId); // integer id logged as a string, as the log schema types it
  });

  it('reports failures per order: unknown ids and failNextAcknowledge', () => {
    const { fake, api } = setup();
    const ok = fake.seedOrder();
    const doomed = fake.seedOrder();
    const cancelled = fake.seedOrder();
    fake.retailerCancel(cancelled.dscoOrderId);
    fake.failNextAcknowledge([doomed.dscoOrderId], 'Retailer rejected the acknowledgement');
    const { requestId } = api('POST', '/order/acknowledge', {
      body: [
        { id: ok.dscoOrderId, type: 'DSCO_ORDER_ID' },
        { id: doomed.dscoOrderId, type: 'DSCO_ORDER_ID' },
        { id: '999', type: 'DSCO_ORDER_ID' },
        { id: 'nope', type: 'SUPPLIER_ORDER_NUMBER' },
        { id: cancelled.dscoOrderId, type: 'DSCO_ORDER_ID' },
      ],
    }).json;
    fake.processAsync();
    const log = api('GET', '/order/log', { query: { requestId } }).json;
    expect(log.status).toBe('COMPLETED');
    expect(log.logs.map((l: { status: string }) => l.status)).toEqual(['success', 'failure', 'failure', 'failure', 'failure']);
    expect(log.logs[1].results).toEqual([{ code: 'ACKNOWLEDGE_FAILED', severity: 'error', description: 'Retailer rejected the acknowledgement' }]);
    expect(log.logs[2].results[0]).toMatchObject({ code: 'ORDER_NOT_FOUND', severity: 'error' });
    expect(fake.orders.get(doomed.dscoOrderId)?.dscoLifecycle).toBe('created');
    expect(api('GET', '/order/log', { query: { requestId, status: 'failure' } }).json.logs).toHaveLength(4);
    expect(api('GET', '/order/log', { query: { requestId, status: 'success' } }).json.logs).toHaveLength(1);

    // "next": a second attempt succeeds
    const retry = api('POST', '/order/acknowledge', { body: [{ id: doomed.dscoOrderId, type: 'DSCO_ORDER_ID' }] }).json;
    fake.processAsync();
    expect(api('GET', '/order/log', { query: { requestId: retry.requestId } }).json.logs[0].status).toBe('success');
    expect(fake.violations).toEqual([]);
  });

  it('rejects malformed acknowledge bodies with 400 CONTRACT_VIOLATION and queues nothing', () => {
    const { fake, api } = setup();
    const a = fake.seedOrder();
    const res = api('POST', '/order/acknowledge', { body: [{ id: a.dscoOrderId, idType: 'dscoOrderId' }] });
    expect(res.status).toBe(400);
    expect(res.json.messages).toEqual([{ code: 'CONTRACT_VIOLATION', severity: 'error', description: "request body/0 must have required property 'type'" }]);
    expect(api('POST', '/order/acknowledge', { body: [{ id: a.dscoOrderId, type: 'dscoOrderId' }] }).status).toBe(400);
    expect(api('POST', '/order/acknowledge', { body: { id: a.dscoOrderId, type: 'DSCO_ORDER_ID' } }).status).toBe(400);
    // Apps Script's default payload content type is form-encoded: that is a violation too.
    expect(api('POST', '/order/acknowledge', {
      body: [{ id: a.dscoOrderId, type: 'DSCO_ORDER_ID' }], headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }).status).toBe(400);
    fake.processAsync();
    expect(fake.orders.get(a.dscoOrderId)?.dscoLifecycle).toBe('created');
    expect(fake.violations).toHaveLength(4);
  });

  it('GET /order/log needs requestId or startDate+endDate, pages with a scrollId, and knows unknown requestIds as PROCESSING', () => {
    const { clock, fake, api } = setup();
    const a = fake.seedOrder();
    api('POST', '/order/acknowledge', { body: [{ id: a.dscoOrderId, type: 'DSCO_ORDER_ID' }] });
    clock.advance(3000);
    expect(api('GET', '/order/log', {}).status).toBe(400);
    const byDate = api('GET', '/order/log', { query: { startDate: '2026-03-02T15:00:00Z', endDate: '2026-03-02T16:00:00Z' } });
    expect(byDate.json.logs).toHaveLength(1);
    expect(byDate.json.status).toBeUndefined();
    expect(api('GET', '/order/log', { query: { scrollId: byDate.json.scrollId } }).json.logs).toEqual([]);
    expect(api('GET', '/order/log', { query: { requestId: 'unknown' } }).json).toMatchObject({ status: 'PROCESSING', logs: [] });
    expect(fake.violations).toHaveLength(1);
  });

  it('refuses a body over the documented 5 MB with 413 and applies nothing', () => {
    const { fake, api } = setup();
    const a = fake.seedOrder();
    const body = Array.from({ length: 60_000 }, () => ({ id: a.dscoOrderId, type: 'DSCO_ORDER_ID', supplierOrderNumber: 'SO-'.padEnd(40, 'x') }));
    const res = api('POST', '/order/acknowledge', { body });
    expect(res.status).toBe(413);
    fake.processAsync();
    expect(fake.orders.get(a.dscoOrderId)!.dscoLifecycle).toBe('created');
  });
});
