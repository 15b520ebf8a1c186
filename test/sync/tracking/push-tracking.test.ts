import { describe, expect, it } from 'vitest';
import { createEngineHarness } from '../../support/engine-harness';

const MIN = 60_000;

/** A one-unit DSCO order, synced into ShipStation. */
function oneUnitOrderInShipStation() {
  const h = createEngineHarness();
  h.install();
  const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'A' }] });
  h.clock.advance(MIN);
  h.call('syncNow');
  return { h, o, id: h.shop.order(o.dscoOrderId).id };
}

describe('a label that is not sent to DSCO', () => {
  it('is reported once, not at every run while the shipments overlap reads it again', () => {
    const { h, o, id } = oneUnitOrderInShipStation();
    h.shop.ship(id, { trackingNumber: '1ZFIRST', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', tracking: '1ZFIRST' });
    // A second label for the one unit already sent: it covers nothing open.
    h.shop.ship(id, { trackingNumber: '1ZSECOND', carrierCode: 'ups', serviceCode: 'ups_ground' });
    const warnings = () => h.logs().filter((l) => /Tracking 1ZSECOND covers no open quantity/.test(l.message));
    for (let run = 0; run < 6; run++) {
      h.clock.advance(15 * MIN);
      h.call('syncNow');
    }
    expect(warnings()).toHaveLength(1);
    expect(h.dsco.requests.filter((r) => r.path === '/order/singleShipment')).toHaveLength(1);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', tracking: '1ZFIRST' });
  });
});

describe('a label whose units another label of the same run takes', () => {
  it('is not noted as never to be sent while the other is only planned; once nothing is open, it is', () => {
    const { h, id } = oneUnitOrderInShipStation();
    h.shop.ship(id, { trackingNumber: '1ZFIRST', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.shop.ship(id, { trackingNumber: '1ZSECOND', carrierCode: 'ups', serviceCode: 'ups_ground' });
    const notes = () => h.workbook.tab('_Shipments')!.rows.filter((r) => String(r[0]).startsWith('N')).map((r) => String(r[2]));
    h.clock.advance(MIN);
    h.call('syncNow');
    // 1ZFIRST was only planned when 1ZSECOND was judged: had DSCO refused it, the unit would be open again.
    expect(notes()).toEqual([]);
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(notes()).toEqual(['1ZSECOND']);
    expect(h.dsco.requests.filter((r) => r.path === '/order/singleShipment')).toHaveLength(1);
  });
});
