import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { DeepPartial, Order } from '../../sandbox/fakes/dsco';
import { DIST } from '../../sandbox/paths';
import { addBadInput } from './support/figures';
import { expectNoDuplicates, expectNoFormulas, expectNoLostOrders, expectNoLostRows, ssOrderOf } from './support/invariants';
import { expectNoLeaks } from './support/leaks';
import { MIN, type Rig } from './support/rig';
import { reliabilityTest, UPS } from './support/scenario';

/**
 * Bad data from retailers (through DSCO) and from the warehouse (through ShipStation): each ends as
 * a clear Error row or a safely stored value, and never affects the other orders of the cycle.
 */

const FORMULA_LIKE = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A9)', '=IMPORTXML("http://x","//a")'];
const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];
const UNICODE = ['José Ñúñez Łódź', 'شركة التجزئة المحدودة', 'עברית RTL \u202Eevil\u202C', '🎁📦 Gift 👩‍👩‍👧', '株式会社テスト', 'Zalgo Z̷̢͉a̸͎l̵g̶o̵'];

/** Request violations only: a bad DSCO answer (the input under test) may break the contract; the engine's requests must not. */
const requestViolations = (r: Rig) => r.dsco.violations.filter((v) => !/^\S+ \S+: response:/.test(v));

/** Seeds `bad` among good orders, runs cycles, and checks the good ones went through untouched. */
function amongGoodOrders(r: Rig, bad: DeepPartial<Order>[], opts: { expectError?: RegExp; ship?: boolean } = {}): { good: string[]; bad: string[] } {
  r.install();
  r.sim.spreadsheet.getSheetByName('Carrier Map')!.appendRow(['ups', '', 'UPS', 'Ground', 'UPCG']);
  const good = [r.seedOrder().dscoOrderId];
  const badIds = bad.map((b) => r.seedOrder(b).dscoOrderId);
  good.push(r.seedOrder({ lineItems: [{ quantity: 2 }, { quantity: 1 }] }).dscoOrderId);
  r.clock.advance(MIN);
  r.sync();
  if (opts.ship) {
    for (const id of [...good, ...badIds]) {
      const o = ssOrderOf(r, id);
      if (o && o.orderStatus === 'awaiting_shipment') r.ss.shipOrder(o.orderId, { trackingNumber: `1Z${id}`, ...UPS });
    }
  }
  for (let i = 0; i < 3; i++) {
    r.clock.advance(16 * MIN);
    r.sync();
  }
  for (const id of good) expect(r.row(id)!.status, `good order ${id}`).toBe(opts.ship ? 'Shipped' : 'Sent to SS');
  for (const id of badIds) {
    const row = r.row(id)!;
    expect(row, `bad order ${id} has a row`).toBeDefined();
    if (opts.expectError) {
      expect(row.status).toBe('Error');
      expect(row.error).toMatch(opts.expectError);
    } else expect(row.status).not.toBe('Error');
  }
  expectNoDuplicates(r);
  expectNoLostOrders(r);
  expectNoLostRows(r);
  expectNoFormulas(r);
  expectNoLeaks(r);
  expect(requestViolations(r)).toEqual([]);
  expect(r.internalErrors).toEqual([]);
  return { good, bad: badIds };
}

describe('bad orders from DSCO', () => {
  const address: [string, DeepPartial<Order>['shipping'], RegExp][] = [
    ['no street address', { address: [], address1: null, address2: null } as never, /missing street address/],
    ['blank street lines', { address: ['   ', ''], address1: '  ' } as never, /missing street address/],
    ['no city', { city: null } as never, /missing city/],
    ['no postal code', { postal: '' }, /missing postal code/],
    ['no name', { name: null, firstName: null, lastName: null } as never, /missing name/],
    ['nothing at all', { name: null, firstName: null, lastName: null, address: [], address1: null, address2: null, city: null, postal: null } as never, /missing name, street address, city, postal code/],
  ];
  for (const [name, shipping, error] of address) {
    reliabilityTest('bad-input', `ship-to address with ${name}: Error row naming what is missing`, ({ rig, figures }) => {
      addBadInput(figures, `address: ${name}`);
      amongGoodOrders(rig(), [{ shipping }], { expectError: error });
    });
  }

  reliabilityTest('bad-input', 'an order with no lines: Error row', ({ rig, figures }) => {
    addBadInput(figures, 'order without lines');
    const r = rig();
    amongGoodOrders(r, [{ lineItems: [] }], { expectError: /without any order lines/ });
  });

  reliabilityTest('bad-input', 'zero, negative and fractional quantities: Error rows', ({ rig, figures }) => {
    for (const q of [0, -1, 1.5]) addBadInput(figures, `quantity ${q}`);
    amongGoodOrders(rig(), [{ lineItems: [{ quantity: 0 }] }, { lineItems: [{ quantity: -1 }] }, { lineItems: [{ quantity: 1 }, { quantity: 1.5 }] }], {
      expectError: /only whole quantities above 0 can ship/,
    });
  });

  reliabilityTest('bad-input', 'the same line number twice: Error row', ({ rig, figures }) => {
    addBadInput(figures, 'duplicate line numbers');
    amongGoodOrders(rig(), [{ lineItems: [{ lineNumber: 1 }, { lineNumber: 1 }] }], { expectError: /line number 1 twice/ });
  });

  reliabilityTest('bad-input', 'an order with 300 lines: created, shipped and recorded like any other', ({ rig, figures }) => {
    addBadInput(figures, '300 lines');
    const r = rig();
    const { bad } = amongGoodOrders(r, [{ lineItems: Array.from({ length: 300 }, () => ({ quantity: 1 })) }], { ship: true });
    expect(ssOrderOf(r, bad[0]!)!.items).toHaveLength(300);
    expect(r.row(bad[0]!)!.status).toBe('Shipped');
  });

  reliabilityTest('bad-input', 'an order with 1,000 lines: an Error row for a person; the other orders are not held up', ({ rig, figures }) => {
    addBadInput(figures, '1,000 lines');
    const r = rig();
    const { bad } = amongGoodOrders(r, [{ lineItems: Array.from({ length: 1000 }, () => ({ quantity: 1 })) }], {
      expectError: /This order has 1000 lines, more than the sync can keep track of\. Create it in ShipStation, and acknowledge and ship it in DSCO, by hand/,
      ship: true,
    });
    // Retry failed orders keeps the reminder.
    r.sync('retryFailed');
    expect(r.row(bad[0]!)!.status).toBe('Error');
    expect(r.logs().some((l) => /too large to record/.test(l.message))).toBe(false);
  });

  reliabilityTest('bad-input', 'a 10,000-character title and 5,000-character address fields: trimmed for ShipStation, stored safely', ({ rig, figures }) => {
    addBadInput(figures, '10,000-character title');
    addBadInput(figures, '5,000-character address fields');
    const r = rig();
    const long = 'x'.repeat(10_000);
    const { bad } = amongGoodOrders(r, [{ lineItems: [{ title: long }], shipping: { name: 'N'.repeat(5000), address: ['A'.repeat(5000)], city: 'C'.repeat(5000) }, dscoTradingPartnerName: 'R'.repeat(5000) }]);
    const o = ssOrderOf(r, bad[0]!)!;
    expect(o.items[0]!.name.length).toBeLessThanOrEqual(200);
    expect(o.shipTo.street1!.length).toBeLessThanOrEqual(200);
    for (const sheet of r.sim.spreadsheet.getSheets()) for (const line of r.sim.readSheet(sheet.getName())) for (const v of line) expect(String(v).length).toBeLessThanOrEqual(50_000);
  });

  reliabilityTest('bad-input', 'Unicode, right-to-left text, bidi controls and emoji: kept exactly', ({ rig, figures }) => {
    for (const u of UNICODE) addBadInput(figures, `text: ${u}`);
    const r = rig();
    const { bad } = amongGoodOrders(
      r,
      UNICODE.map((u) => ({ dscoTradingPartnerName: u, lineItems: [{ title: `${u} — item`, sku: `SKU-${u}` }], shipping: { name: u, address: [u], city: u } })),
      { ship: true },
    );
    bad.forEach((id, i) => {
      expect(r.row(id)!.poRetailer.endsWith(` / ${UNICODE[i]}`)).toBe(true);
      const o = ssOrderOf(r, id)!;
      expect([o.shipTo.name, o.shipTo.street1, o.shipTo.city, o.items[0]!.sku]).toEqual([UNICODE[i], UNICODE[i], UNICODE[i], `SKU-${UNICODE[i]}`]);
    });
  });

  reliabilityTest('bad-input', 'text starting with =, +, - or @ in every retailer field: stored as text, never a formula', ({ rig, figures }) => {
    for (const f of FORMULA_LIKE) addBadInput(figures, `formula-like text: ${f}`);
    const r = rig();
    const { bad } = amongGoodOrders(
      r,
      FORMULA_LIKE.map((f) => ({ poNumber: f, dscoTradingPartnerName: f, consumerOrderNumber: f, lineItems: [{ title: f, sku: f }], shipping: { name: f, address: [f, f], city: f, company: f }, packingSlipMessage: f })),
      { ship: true },
    );
    bad.forEach((id, i) => expect(r.row(id)!.poRetailer).toBe(`${FORMULA_LIKE[i]} / ${FORMULA_LIKE[i]}`));
  });

  reliabilityTest('bad-input', 'HTML and script in every retailer field: stored and sent as plain text', ({ rig, figures }) => {
    for (const h of HTML) addBadInput(figures, `HTML: ${h}`);
    const r = rig();
    const { bad } = amongGoodOrders(r, HTML.map((h) => ({ poNumber: h, dscoTradingPartnerName: h, lineItems: [{ title: h, sku: h }], shipping: { name: h, address: [h], city: h } })), { ship: true });
    bad.forEach((id, i) => {
      expect(r.row(id)!.poRetailer).toBe(`${HTML[i]} / ${HTML[i]}`);
      expect(ssOrderOf(r, id)!.shipTo.name).toBe(HTML[i]);
    });
  });

  reliabilityTest('bad-input', 'control characters in names and addresses: dropped for ShipStation', ({ rig, figures }) => {
    addBadInput(figures, 'control characters');
    const r = rig();
    const { bad } = amongGoodOrders(r, [{ shipping: { name: 'Jane\u0000\u0007 Doe\u001b', address: ['1 Main\u0008 St'] } }]);
    expect(ssOrderOf(r, bad[0]!)!.shipTo).toMatchObject({ name: 'Jane Doe', street1: '1 Main St' });
  });

  reliabilityTest('bad-input', 'the same DSCO order twice in one page, and across pages: one row, one ShipStation order', ({ rig, figures }) => {
    addBadInput(figures, 'duplicate order IDs in a page');
    const r = rig();
    r.wire.enqueue({
      kind: 'dsco-duplicate-orders',
      service: 'dsco',
      method: 'GET',
      path: /^\/order\/page\?/,
      apply: true,
      count: 4,
      rewrite: (real) => {
        const body = JSON.parse(real.body) as { orders?: unknown[] };
        if (Array.isArray(body.orders) && body.orders.length) body.orders = [...body.orders, ...body.orders, body.orders[0]];
        return { ...real, body: JSON.stringify(body) };
      },
    });
    amongGoodOrders(r, [{}, {}]);
    expect(r.dashboard()).toHaveLength(4);
  });

  reliabilityTest('bad-input', 'unknown extra fields on orders and lines: ignored', ({ rig, figures }) => {
    addBadInput(figures, 'unknown extra fields');
    const r = rig();
    r.wire.enqueue({
      kind: 'dsco-unknown-fields',
      service: 'dsco',
      method: 'GET',
      path: /^\/order\/page\?/,
      apply: true,
      count: 100,
      rewrite: (real) => {
        const body = JSON.parse(real.body) as { orders?: Record<string, unknown>[] };
        for (const o of body.orders ?? []) {
          Object.assign(o, { futureField: { nested: [1, 2, { deep: true }] }, __proto__x: 'x', toString: 'not a function', constructor: 'nope' });
          for (const l of (o.lineItems as Record<string, unknown>[]) ?? []) Object.assign(l, { hasOwnProperty: 1, futureLineField: null });
        }
        return { ...real, body: JSON.stringify(body) };
      },
    });
    amongGoodOrders(r, [{}], { ship: true });
  });
});

describe('bad shipments from ShipStation', () => {
  reliabilityTest('bad-input', 'tracking numbers and carrier codes that look like formulas, HTML or emoji', ({ rig, figures }) => {
    const r = rig();
    r.install();
    const weird = [...FORMULA_LIKE, ...HTML, '📦-1Z999', '00012345678901234567890123'];
    for (const w of weird) addBadInput(figures, `tracking: ${w}`);
    const ids = weird.map(() => r.seedOrder().dscoOrderId);
    r.clock.advance(MIN);
    r.sync();
    ids.forEach((id, i) => r.ss.shipOrder(ssOrderOf(r, id)!.orderId, { trackingNumber: weird[i]!, ...UPS }));
    r.figures.shipments += weird.length;
    for (let i = 0; i < 3; i++) {
      r.clock.advance(16 * MIN);
      r.sync();
    }
    ids.forEach((id, i) => expect(r.row(id), id).toMatchObject({ status: 'Shipped', tracking: weird[i] }));
    expectNoDuplicates(r);
    expectNoFormulas(r);
    expectNoLeaks(r);
    expect(r.dsco.violations).toEqual([]);
  });

  reliabilityTest('bad-input', 'a carrier missing from the Carrier Map: Error row naming the row to add; the other orders ship', ({ rig, figures }) => {
    addBadInput(figures, 'unknown carrier');
    const r = rig();
    r.install();
    const [a, b] = [r.seedOrder().dscoOrderId, r.seedOrder().dscoOrderId];
    r.clock.advance(MIN);
    r.sync();
    r.ss.shipOrder(ssOrderOf(r, a)!.orderId, { trackingNumber: 'DHL1', carrierCode: '=dhl_express', serviceCode: '<b>dhl</b>' });
    r.ss.shipOrder(ssOrderOf(r, b)!.orderId, { trackingNumber: 'UPS1', ...UPS });
    r.figures.shipments += 2;
    r.clock.advance(MIN);
    r.sync();
    expect(r.row(a)!.status).toBe('Error');
    expect(r.row(a)!.error).toContain('No Carrier Map row for ShipStation carrier "=dhl_express" and service "<b>dhl</b>"');
    expect(r.row(b)!.status).toBe('Shipped');
    expectNoFormulas(r);
    expectNoLeaks(r);
  });
});

describe('the sidebar never interprets values as HTML', () => {
  reliabilityTest('bad-input', 'Sidebar.html writes text with textContent/value only; getSettings and saveSettings echo values as data', ({ rig, figures }) => {
    addBadInput(figures, 'HTML in the DSCO Client ID (echoed to the sidebar)');
    const html = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
    // No HTML sink: innerHTML only ever cleared, no outerHTML/insertAdjacentHTML/document.write/eval, no unescaped scriptlets.
    expect(html.match(/\.innerHTML\s*=(?!\s*(''|"")\s*;)/g) ?? []).toEqual([]);
    expect(html).not.toMatch(/outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|<\?!=/);
    const r = rig();
    const evil = '<script>alert(1)</script>';
    const saved = r.call<{ ok: boolean; settings: { dscoClientId: string } }>('saveSettings', { ...r.form, dscoClientId: evil });
    expect(saved.ok).toBe(true);
    expect(saved.settings.dscoClientId).toBe(evil);
    expect(r.call<{ dscoClientId: string }>('getSettings').dscoClientId).toBe(evil);
    // The page puts it in an input's value: an attribute-free text sink.
    expect(html).toMatch(/form\.elements\[f\]\.value = /);
    expectNoLeaks(r);
  });
});

describe('rows past the first 1,000', () => {
  reliabilityTest('bad-input', 'formula-like text and 22-digit tracking numbers on rows the tabs grew to hold', ({ rig, figures }) => {
    addBadInput(figures, 'formula-like tracking on row 1,001+');
    addBadInput(figures, '22-digit tracking number on row 1,001+');
    const r = rig();
    r.install();
    for (let i = 0; i < 1004; i++) r.seedOrder(i === 1003 ? { poNumber: '=1+1' } : {});
    r.clock.advance(MIN);
    r.sync();
    const [a, b] = [r.seeded.at(-1)!, r.seeded.at(-2)!];
    r.ss.shipOrder(ssOrderOf(r, a)!.orderId, { trackingNumber: '=2+2', ...UPS });
    r.ss.shipOrder(ssOrderOf(r, b)!.orderId, { trackingNumber: '9400111899223100012345', ...UPS });
    r.figures.shipments += 2;
    r.clock.advance(MIN);
    r.sync();
    expect(r.sim.readSheet('Dashboard').length).toBeGreaterThan(1001);
    expect(r.row(a)).toMatchObject({ poRetailer: '=1+1 / Example Retailer', tracking: '=2+2', status: 'Shipped' });
    expect(r.row(b)).toMatchObject({ tracking: '9400111899223100012345', status: 'Shipped' });
    expectNoFormulas(r);
    expectNoLeaks(r);
  }, { timeoutMs: 60_000 });
});
