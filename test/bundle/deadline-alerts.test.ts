import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('orders still unshipped near their cancel-after date feed the alert e-mail', () => {
  it('mails an open order within a day of cancel-after once, and not a shipped one nor one with days to go', () => {
    const h = createHarness();
    h.install({ alertEmails: 'ops@example.com' } as never);
    const now = h.clock.now();
    const near = h.dsco.seedOrder({ dscoTradingPartnerName: 'Big Box', cancelAfterDate: iso(now + 20 * HOUR) });
    const far = h.dsco.seedOrder({ cancelAfterDate: iso(now + 5 * 24 * HOUR) });
    h.clock.advance(MIN);
    h.sim.triggers.fire('runScheduledSync');
    expect(h.sim.mail).toHaveLength(1);
    const mail = h.sim.mail[0];
    expect(mail.subject).toMatch(/1 order at risk of missing the retailer's cancel-after or ship-by date/);
    expect(mail.body).toContain(`Order ${near.dscoOrderId} (PO ${near.poNumber}, Big Box): cancel after`);
    expect(mail.body).toContain('1 unit not shipped');
    expect(mail.body).not.toContain(far.dscoOrderId);
    // The next runs do not mail the same order again.
    h.clock.advance(2 * HOUR);
    h.sim.triggers.fire('runScheduledSync');
    expect(h.sim.mail).toHaveLength(1);
  });

  it('an order shipped before its cancel-after date is not reported', () => {
    const h = createHarness();
    h.install({ alertEmails: 'ops@example.com' } as never);
    const o = h.dsco.seedOrder({ cancelAfterDate: iso(h.clock.now() + 30 * HOUR) });
    h.clock.advance(MIN);
    h.call('syncNow');
    h.shop.ship(h.shop.order(o.dscoOrderId).id, { trackingNumber: '1ZSHIPPED', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.clock.advance(8 * HOUR);
    h.sim.triggers.fire('runScheduledSync');
    expect(h.row(o.dscoOrderId)!.status).toBe('Shipped');
    expect(h.sim.mail.filter((m) => /at risk/.test(m.subject))).toHaveLength(0);
  });
});
