import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';
import { TABS } from '../../src/storage/storage-map';
import { DUE_TODAY_COLORS, LATE_COLORS } from '../../src/sheet/deadline-highlights';

const MIN = 60_000;
const time = (v: unknown) => (v instanceof Date ? v.getTime() : v);

type Rule = { getRanges(): { getColumn(): number; getRow(): number }[]; spec: { criteriaType: string | null; criteriaValues: unknown[]; background: string | null } };

describe('the retailer and its deadlines on the Dashboard', () => {
  it('shows Retailer, Ship by, Ack by and Cancel after after the ten existing columns, the nine original ones unchanged', () => {
    const h = createHarness();
    h.install();
    expect(h.sim.readSheet('Dashboard')[0]).toEqual(['Flow', 'DSCO Order ID', 'PO / Retailer', 'SS Order #', 'Status', 'Tracking', 'Received', 'Updated', 'Error', 'Units', 'Retailer', 'Ship by', 'Ack by', 'Cancel after']);
    expect(h.sim.readSheet('Archive')[0]).toEqual(h.sim.readSheet('Dashboard')[0]);
    const a = h.dsco.seedOrder({ dscoTradingPartnerName: 'Big Box', cancelAfterDate: '2026-03-09T23:59:00Z' });
    const b = h.dsco.seedOrder({ dscoTradingPartnerName: null, dscoTradingPartnerId: 'TP-77', acknowledgeByDate: null });
    h.clock.advance(MIN);
    h.call('syncNow');
    const ra = h.row(a.dscoOrderId)!;
    expect(ra.poRetailer).toBe(`${a.poNumber} / Big Box`);
    expect(ra.retailer).toBe('Big Box');
    expect(time(ra.shipBy)).toBe(Date.parse(a.shipByDate as string));
    expect(time(ra.ackBy)).toBe(Date.parse(a.acknowledgeByDate as string));
    expect(time(ra.cancelAfter)).toBe(Date.parse('2026-03-09T23:59:00Z'));
    const rb = h.row(b.dscoOrderId)!;
    expect(rb.retailer).toBe('TP-77');
    expect(rb.ackBy).toBe('');
    // The record keeps the trading partner apart from the PO.
    const record = h.sim.readSheet('_Orders').slice(1).map((r) => JSON.parse(String(r[1])) as { dscoOrderId: string; tradingPartner?: unknown; retailer: string });
    expect(record.find((r) => r.dscoOrderId === a.dscoOrderId)).toMatchObject({ tradingPartner: { id: 'JAXX01', name: 'Big Box' }, retailer: 'Big Box' });
    expect(record.find((r) => r.dscoOrderId === b.dscoOrderId)!.tradingPartner).toEqual({ id: 'TP-77' });
  });

  it('colours open orders late or due today with TODAY() formulas, so the colours follow the calendar between syncs', () => {
    const h = createHarness();
    h.install();
    const rules = h.sim.spreadsheet.getSheetByName('Dashboard')!.getConditionalFormatRules() as unknown as Rule[];
    const formulas = rules.filter((r) => r.spec.criteriaType === 'CUSTOM_FORMULA');
    const shipBy = formulas.filter((r) => r.getRanges()[0].getColumn() === 12 && r.getRanges()[0].getRow() === 2);
    const cancelAfter = formulas.filter((r) => r.getRanges()[0].getColumn() === 14);
    expect(shipBy.map((r) => [r.spec.criteriaValues[0], r.spec.background])).toEqual([
      ['=AND(ISNUMBER($L2),$E2<>"Shipped",$E2<>"Cancelled",INT($L2)<TODAY())', LATE_COLORS.background],
      ['=AND(ISNUMBER($L2),$E2<>"Shipped",$E2<>"Cancelled",INT($L2)=TODAY())', DUE_TODAY_COLORS.background],
    ]);
    expect(cancelAfter).toHaveLength(2);
    // Formula rules come first (Sheets applies the first rule that matches a cell); the status colours stay.
    expect(rules.indexOf(formulas[formulas.length - 1])).toBe(formulas.length - 1);
    expect(rules.filter((r) => r.spec.criteriaType === 'TEXT_EQUAL_TO').map((r) => r.spec.criteriaValues[0])).toEqual(['Received', 'Sent to SS', 'Shipped', 'Cancelled', 'Error']);
  });

  it('the filter covers the deadline columns, and an older, narrower filter is replaced', () => {
    const h = createHarness();
    h.install();
    const dash = h.sim.spreadsheet.getSheetByName('Dashboard')!;
    expect(dash.getFilter()!.getRange().getNumColumns()).toBe(TABS.dashboard.width);
    dash.getFilter()!.remove();
    dash.getRange('A1:J').createFilter();
    h.call('setupSheet');
    expect(dash.getFilter()!.getRange().getNumColumns()).toBe(TABS.dashboard.width);
  });

  it('the Archive is formatted like the Dashboard: status colours and a filter', () => {
    const h = createHarness();
    h.install();
    const archive = h.sim.spreadsheet.getSheetByName('Archive')!;
    const rules = archive.getConditionalFormatRules() as unknown as Rule[];
    expect(rules.filter((r) => r.spec.criteriaType === 'TEXT_EQUAL_TO' && r.getRanges()[0].getColumn() === 5)).toHaveLength(5);
    expect(archive.getFilter()!.getRange().getNumColumns()).toBe(TABS.archive.width);
  });

  it('one click lists the orders late or due today: the filter hides the other rows (none moves), and Show all orders shows them again', () => {
    const h = createHarness();
    h.install();
    const dash = h.sim.spreadsheet.getSheetByName('Dashboard')!;
    h.sim.spreadsheet.setActiveSheet(h.sim.spreadsheet.getSheetByName('Logs')!);
    h.call('showDueOrders');
    const criteria = dash.getFilter()!.getColumnFilterCriteria(TABS.dashboard.col.shipBy) as { getCriteriaType(): string; getCriteriaValues(): unknown[] };
    expect(criteria.getCriteriaType()).toBe('CUSTOM_FORMULA');
    expect(criteria.getCriteriaValues()).toEqual(['=AND(ISNUMBER($L2),$E2<>"Shipped",$E2<>"Cancelled",INT($L2)<=TODAY())']);
    expect(h.sim.spreadsheet.getActiveSheet().getName()).toBe('Dashboard');
    h.call('showAllOrders');
    expect(dash.getFilter()!.getColumnFilterCriteria(TABS.dashboard.col.shipBy)).toBeNull();
    // Without a filter (a person removed it) the click makes one.
    dash.getFilter()!.remove();
    h.call('showDueOrders');
    expect(dash.getFilter()!.getRange().getNumColumns()).toBe(TABS.dashboard.width);
  });
});
