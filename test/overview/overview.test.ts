import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';
import { deadlineCountFormulas } from '../../src/overview/overview-block';
import { trackingLag } from '../../src/overview/tracking-lag';
import type { OrderRecord } from '../../src/sync/orders/order-record';

const MIN = 60_000;
const HOUR = 60 * MIN;

type Chart = { spec: { type: string; options: Record<string, unknown>; numHeaders: number; position: { row: number; column: number } }; getRanges(): { getA1Notation(): string }[] };

const figures = (h: ReturnType<typeof createHarness>) => Object.fromEntries(h.sim.readSheet('Overview').slice(1).filter((r) => r[0] !== '').map((r) => [String(r[0]), r[1]]));
const days = (h: ReturnType<typeof createHarness>) => h.sim.readSheet('Overview').slice(1).filter((r) => r[2] !== '' && r[2] !== undefined).map((r) => [String(r[2]), r[3], r[4]]);

describe('the Overview tab', () => {
  it('is first in the tab order and has one embedded column chart of the last 30 days, built by the script once', () => {
    const h = createHarness();
    h.install();
    const book = h.sim.spreadsheet;
    expect(book.getSheets()[0].getName()).toBe('Overview');
    const sheet = book.getSheetByName('Overview')!;
    const charts = sheet.getCharts() as unknown as Chart[];
    expect(charts).toHaveLength(1);
    expect(charts[0].spec).toMatchObject({ type: 'COLUMN', numHeaders: 1, options: { title: 'Orders in and shipments sent to DSCO per day (last 30 days)' } });
    expect(charts[0].getRanges()[0].getA1Notation()).toBe('C1:E31');
    h.call('setupSheet');
    expect(sheet.getCharts()).toHaveLength(1);
    expect(book.getSheets()[0].getName()).toBe('Overview');
  });

  it('after each sync: counts by status, late and due today as TODAY() formulas, the sync times, tracking lag, and the 30 days, in one block', () => {
    const h = createHarness();
    h.install();
    const shipped = h.dsco.seedOrder();
    h.dsco.seedOrder();
    h.dsco.seedOrder({ shipping: { city: '', postal: '' } }); // an Error row
    h.clock.advance(MIN);
    h.call('syncNow');
    h.shop.ship(h.shop.order(shipped.dscoOrderId).id, { trackingNumber: '1ZLAG', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.clock.advance(2 * HOUR);
    const writesBefore = h.sim.spreadsheet.getSheetByName('Overview')!.getLastRow();
    expect(writesBefore).toBeGreaterThan(1);
    h.call('syncNow');
    const f = figures(h);
    expect(f).toMatchObject({ Received: 0, 'Sent to SS': 1, Shipped: 1, Cancelled: 0, 'Error (waiting for a person)': 1, 'Packages measured (7 days)': 1 });
    const formulaOf = (label: string) => {
      const sheet = h.sim.spreadsheet.getSheetByName('Overview')!;
      const row = h.sim.readSheet('Overview').findIndex((r) => r[0] === label) + 1;
      return sheet.getRange(row, 2).getFormula();
    };
    expect(formulaOf('Late: ship-by date passed, not shipped')).toBe(deadlineCountFormulas().late);
    expect(formulaOf('Due today: ship-by today, not shipped')).toBe(deadlineCountFormulas().dueToday);
    expect(deadlineCountFormulas().late).toBe(`=COUNTIFS('Dashboard'!L2:L,"<"&TODAY(),'Dashboard'!E2:E,"<>Shipped",'Dashboard'!E2:E,"<>Cancelled")`);
    // Measured by Set up sheet, then by the daily housekeeping.
    expect(String(f['Spreadsheet size (cells)'])).toMatch(/^[\d,]+ of 10,000,000 \(\d+%\)$/);
    expect(String(f['Last successful sync'])).toMatch(/^\d+ \w+ \d\d:\d\d$/);
    expect(String(f['Next sync due'])).toMatch(/^\d+ \w+ \d\d:\d\d$/);
    // The label was created 2 hours before the sync that sent its tracking to DSCO.
    expect(Number(f['Tracking lag, median (hours, 7 days)'])).toBeCloseTo(2, 0);
    const d = days(h);
    expect(d).toHaveLength(30);
    expect(d[29].slice(1)).toEqual([3, 1]);
    expect(d.slice(0, 29).every((x) => x[1] === 0 && x[2] === 0)).toBe(true);
    // A day later the series moves on by one day.
    h.clock.advance(24 * HOUR);
    h.call('syncNow');
    expect(days(h)[28].slice(1)).toEqual([3, 1]);
    expect(days(h)[29].slice(1)).toEqual([0, 0]);
  });

  it('tracking lag: median and nearest-rank 95th percentile over the packages sent in the last 7 days', () => {
    const now = 100 * 24 * HOUR;
    const pkg = (lagHours: number, ageDays = 1) => ({ key: 'S', tracking: 't', lines: [], at: now - ageDays * 24 * HOUR, labelAt: now - ageDays * 24 * HOUR - lagHours * HOUR });
    const rec = { packages: [...Array.from({ length: 19 }, (_, i) => pkg(i + 1)), pkg(100), pkg(500, 8), { key: 'F', tracking: '', lines: [], at: now }] } as unknown as OrderRecord;
    expect(trackingLag([rec], now)).toEqual({ count: 20, medianHours: 10, p95Hours: 19 });
    expect(trackingLag([], now)).toEqual({ count: 0, medianHours: null, p95Hours: null });
  });
});
