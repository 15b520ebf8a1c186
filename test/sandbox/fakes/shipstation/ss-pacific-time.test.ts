import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createShipStationFake } from '../../../../sandbox/fakes/shipstation/create-shipstation-fake';
import {
  formatPacificDate,
  formatPacificTimestamp,
  formatPacificTimestampShort,
  parsePacific,
} from '../../../../sandbox/fakes/shipstation/ss-pacific-time';
import { createTestClient, orderBody } from './ss-test-client';

const utc = (s: string) => Date.parse(s);

describe('Pacific time conversion (Intl oracle)', () => {
  it('formats instants as Pacific wall clock without offset, PST and PDT', () => {
    expect(formatPacificTimestamp(utc('2026-01-15T17:30:00.123Z'))).toBe('2026-01-15T09:30:00.1230000'); // PST −8
    expect(formatPacificTimestamp(utc('2026-07-15T16:30:00Z'))).toBe('2026-07-15T09:30:00.0000000'); // PDT −7
    expect(formatPacificTimestampShort(utc('2026-07-15T16:30:00.780Z'))).toBe('2026-07-15T09:30:00.78');
    expect(formatPacificTimestampShort(utc('2026-07-15T16:30:00Z'))).toBe('2026-07-15T09:30:00');
    expect(formatPacificDate(utc('2026-03-02T07:59:59Z'))).toBe('2026-03-01'); // still the 1st in LA
    expect(formatPacificDate(utc('2026-03-02T08:00:00Z'))).toBe('2026-03-02');
  });

  it('spring forward 2026-03-08: 01:59:59 PST is followed by 03:00:00 PDT', () => {
    expect(formatPacificTimestamp(utc('2026-03-08T09:59:59Z'))).toBe('2026-03-08T01:59:59.0000000');
    expect(formatPacificTimestamp(utc('2026-03-08T10:00:00Z'))).toBe('2026-03-08T03:00:00.0000000');
    expect(parsePacific('2026-03-08 01:30:00')?.instant).toBe(utc('2026-03-08T09:30:00Z'));
    expect(parsePacific('2026-03-08 03:30:00')?.instant).toBe(utc('2026-03-08T10:30:00Z'));
    // 02:30 does not exist that day: read with the pre-gap offset (−8), i.e. 03:30 PDT
    expect(parsePacific('2026-03-08 02:30:00')?.instant).toBe(utc('2026-03-08T10:30:00Z'));
  });

  it('fall back 2026-11-01: 01:30 happens twice; parsing picks the first (PDT)', () => {
    expect(formatPacificTimestamp(utc('2026-11-01T08:30:00Z'))).toBe('2026-11-01T01:30:00.0000000');
    expect(formatPacificTimestamp(utc('2026-11-01T09:30:00Z'))).toBe('2026-11-01T01:30:00.0000000');
    expect(parsePacific('2026-11-01T01:30:00.0000000')?.instant).toBe(utc('2026-11-01T08:30:00Z'));
    expect(parsePacific('2026-11-01 00:30:00')?.instant).toBe(utc('2026-11-01T07:30:00Z'));
    expect(parsePacific('2026-11-01 02:30:00')?.instant).toBe(utc('2026-11-01T10:30:00Z'));
  });

  it('accepts the request formats and rejects non-dates; an offset or Z is ignored', () => {
    const at = utc('2026-05-01T16:30:00Z');
    expect(parsePacific('2026-05-01 09:30:00')?.instant).toBe(at);
    expect(parsePacific('2026-05-01T09:30:00')?.instant).toBe(at);
    expect(parsePacific('2026-05-01T09:30:00.0000000')?.instant).toBe(at);
    expect(parsePacific('2026-05-01T09:30:00.000Z')?.instant).toBe(at);
    expect(parsePacific('2026-05-01T09:30:00-07:00')?.instant).toBe(at);
    expect(parsePacific('2026-05-01')).toEqual({ instant: utc('2026-05-01T07:00:00Z'), date: '2026-05-01', hasTime: false });
    expect(parsePacific('2026-02-30')).toBeUndefined();
    expect(parsePacific('05/01/2026')).toBeUndefined();
    expect(parsePacific('2026-05-01 25:00:00')).toBeUndefined();
  });
});

describe('Pacific time on the wire across DST changes', () => {
  it('order createDate/modifyDate are Pacific, and modifyDate filters are read as Pacific', () => {
    const clock = createClock('2026-03-08T09:30:00Z'); // 01:30 PST, before the spring-forward gap
    const fake = createShipStationFake({ clock });
    const c = createTestClient(fake);
    const a = c.post('/orders/createorder', orderBody({ orderDate: '2026-03-08 01:00:00' })).json;
    expect(a.createDate).toBe('2026-03-08T01:30:00.0000000');
    expect(a.orderDate).toBe('2026-03-08T01:00:00.0000000');
    clock.advance(60 * 60_000); // one real hour later: 10:30Z = 03:30 PDT
    const b = c.post('/orders/createorder', orderBody()).json;
    expect(b.createDate).toBe('2026-03-08T03:30:00.0000000');

    // 03:00 PDT = 10:00Z lies between the two
    const since = c.get('/orders', { modifyDateStart: '2026-03-08 03:00:00' }).json;
    expect(since.orders.map((o: { orderId: number }) => o.orderId)).toEqual([b.orderId]);
    // a client that mistakenly sends UTC ("10:00:00Z") asks for 10:00 Pacific and gets nothing
    expect(c.get('/orders', { modifyDateStart: '2026-03-08T10:00:00Z' }).json.total).toBe(0);
    const until = c.get('/orders', { createDateEnd: '2026-03-08 01:59:59' }).json;
    expect(until.orders.map((o: { orderId: number }) => o.orderId)).toEqual([a.orderId]);
  });

  it('fall-back hour: two shipments an hour apart show the same Pacific wall time but filter by instant', () => {
    const clock = createClock('2026-10-31T20:00:00Z');
    const fake = createShipStationFake({ clock });
    const c = createTestClient(fake);
    const o1 = c.post('/orders/createorder', orderBody()).json;
    const o2 = c.post('/orders/createorder', orderBody()).json;
    clock.set(utc('2026-11-01T08:30:00Z')); // 01:30 PDT
    const s1 = fake.shipOrder(o1.orderId, { trackingNumber: 'T1', carrierCode: 'ups' });
    clock.set(utc('2026-11-01T09:30:00Z')); // 01:30 PST
    const s2 = fake.shipOrder(o2.orderId, { trackingNumber: 'T2', carrierCode: 'ups' });
    expect(s1.createDate).toBe('2026-11-01T01:30:00.0000000');
    expect(s2.createDate).toBe(s1.createDate);
    expect(s1.shipDate).toBe('2026-11-01');
    // 01:45 is read as the first 01:45 (PDT, 08:45Z): only the second shipment is after it
    const r = c.get('/shipments', { createDateStart: '2026-11-01 01:45:00' }).json;
    expect(r.shipments.map((s: { trackingNumber: string }) => s.trackingNumber)).toEqual(['T2']);
    // 02:00 PST (10:00Z) is after both
    expect(c.get('/shipments', { createDateStart: '2026-11-01 02:00:00' }).json.total).toBe(0);
  });

  it('shipDateStart is a Pacific date: a label made at 23:30 Pacific belongs to that day, not to the UTC day', () => {
    const clock = createClock('2026-07-16T06:30:00Z'); // 2026-07-15 23:30 PDT
    const fake = createShipStationFake({ clock });
    const c = createTestClient(fake);
    const o = c.post('/orders/createorder', orderBody()).json;
    const s = fake.shipOrder(o.orderId, { trackingNumber: 'T', carrierCode: 'ups' });
    expect(s.shipDate).toBe('2026-07-15');
    expect(c.get('/shipments', { shipDateStart: '2026-07-16' }).json.total).toBe(0);
    expect(c.get('/shipments', { shipDateStart: '2026-07-15', shipDateEnd: '2026-07-15' }).json.total).toBe(1);
    expect(c.get('/shipments', { shipDateStart: 'not-a-date' }).status).toBe(400);
  });
});
