import { describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from '../support/engine-harness';
import { TABS } from '../../src/storage/storage-map';
import { RetailerRules } from '../../src/retailers/retailer-rules';
import type { OrderRecord } from '../../src/sync/orders/order-record';

const MIN = 60_000;
const ssOrder = (h: EngineHarness, id: string) => [...h.ss.orders.values()].find((o) => o.orderKey === id)!;
const sync = (h: EngineHarness, after = 15 * MIN) => {
  h.clock.advance(after);
  return h.sync();
};
const retailersTab = (h: EngineHarness) => h.workbook.tab(TABS.retailers.name)!;
const retailerRows = (h: EngineHarness) => retailersTab(h).rows.slice(1).filter((r) => r.some((v) => v !== ''));

describe('the Retailers tab: rules per DSCO trading partner', () => {
  it('adds each new retailer once, with the defaults, the first time one of its orders arrives', () => {
    const h = createEngineHarness();
    expect(retailersTab(h).rows[0]).toEqual(['DSCO trading partner ID', 'Retailer', 'Cancel code', 'Accept cancel requests automatically', 'Note']);
    h.dsco.seedOrder();
    h.dsco.seedOrder({ dscoTradingPartnerId: 'BB1', dscoTradingPartnerName: 'Big Box' });
    h.dsco.seedOrder({ dscoTradingPartnerId: 'BB1', dscoTradingPartnerName: 'Big Box' });
    sync(h, MIN);
    expect(retailerRows(h)).toEqual([
      ['JAXX01', 'Example Retailer', '', 'Yes', ''],
      ['BB1', 'Big Box', '', 'Yes', ''],
    ]);
    // A person's edits stay; a known retailer is not added again.
    retailersTab(h).rows[2] = ['BB1', 'Big Box', 'CXSN', 'No', 'refuses CXSO'];
    h.dsco.seedOrder({ dscoTradingPartnerId: 'BB1', dscoTradingPartnerName: 'Big Box' });
    sync(h);
    expect(retailerRows(h)).toHaveLength(2);
    expect(retailerRows(h)[1]).toEqual(['BB1', 'Big Box', 'CXSN', 'No', 'refuses CXSO']);
    expect(h.logs().filter((l) => /New retailers? on the Retailers tab/.test(l.message))).toHaveLength(1);
  });

  it("an order cancelled in ShipStation is cancelled in DSCO with its retailer's cancel code (the setting when the row has none or an invalid one)", () => {
    const h = createEngineHarness();
    const big = h.dsco.seedOrder({ dscoTradingPartnerId: 'BB1', dscoTradingPartnerName: 'Big Box' });
    const other = h.dsco.seedOrder();
    sync(h, MIN);
    retailersTab(h).rows[2] = ['BB1', 'Big Box', 'CXSN', 'Yes', ''];
    retailersTab(h).rows[1] = ['JAXX01', 'Example Retailer', 'not a code!', 'Yes', ''];
    sync(h);
    h.ss.cancelOrder(ssOrder(h, big.dscoOrderId).orderId!);
    h.ss.cancelOrder(ssOrder(h, other.dscoOrderId).orderId!);
    sync(h);
    sync(h);
    expect(h.dsco.orders.get(big.dscoOrderId)!.lineItems[0]).toMatchObject({ cancelCode: 'CXSN' });
    expect(h.dsco.orders.get(other.dscoOrderId)!.lineItems[0]).toMatchObject({ cancelCode: 'CXSO' });
  });

  it("a retailer whose cancel requests are not accepted automatically: the request waits for a person, nothing is cancelled", () => {
    const h = createEngineHarness();
    const o = h.dsco.seedOrder({ dscoTradingPartnerId: 'BB1', dscoTradingPartnerName: 'Big Box' });
    sync(h, MIN);
    sync(h);
    retailersTab(h).rows[1] = ['BB1', 'Big Box', '', 'No', ''];
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    sync(h);
    expect(ssOrder(h, o.dscoOrderId).orderStatus).not.toBe('cancelled');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Error', flow: 'DSCO → SS' });
    expect(h.row(o.dscoOrderId)!.error).toMatch(/Retailers tab says to answer this retailer's requests by hand/);
    expect(h.dsco.orders.get(o.dscoOrderId)!.lineItems[0].cancelledQuantity ?? 0).toBe(0);
  });

  it('reads Yes and No leniently; anything else is the default (accept), so a typo never blocks a cancellation', () => {
    const rec = (id: string) => ({ dscoOrderId: '1', poNumber: '', retailer: id, tradingPartner: { id }, lines: [] }) as unknown as OrderRecord;
    const rules = new RetailerRules([['A', '', '', 'no', ''], ['B', '', '', 'N', ''], ['C', '', '', 'maybe', ''], ['D', '', 'cxsn', 'Yes', '']]);
    expect(['A', 'B', 'C', 'D', 'E'].map((id) => rules.for(rec(id)).acceptCancelRequests)).toEqual([false, false, true, true, true]);
    expect(rules.for(rec('D')).cancelCode).toBe('CXSN');
  });
});
