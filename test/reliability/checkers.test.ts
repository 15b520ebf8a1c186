import { describe, expect, it } from 'vitest';
import {
  expectNoDuplicates,
  expectNoFormulas,
  expectNoLostOrders,
  expectNoLostRows,
  expectRowsAgree,
  expectWatermarksNotAhead,
  ssOrderOf,
} from './support/invariants';
import { expectNoLeaks } from './support/leaks';
import { createRig, MIN, RIG_SECRETS, type Rig } from './support/rig';
import { stageWorkload, UPS } from './support/scenario';

/**
 * The checkers catch what they look for: each gets a world with one planted defect and must fail.
 * (A checker that never fails proves nothing.) These tests publish no figures.
 */

function world(): Rig {
  const r = createRig({ area: 'faults', scenario: 'checker self-test' });
  stageWorkload(r);
  r.sync();
  r.settle(2);
  return r;
}

const fails = (check: () => void) => expect(check).toThrow();

describe('the checkers find planted defects', () => {
  it('a clean world passes every checker', () => {
    const r = world();
    expectNoDuplicates(r);
    expectNoLostOrders(r);
    expectNoLostRows(r);
    expectWatermarksNotAhead(r);
    expectRowsAgree(r, () => false);
    expectNoFormulas(r);
    expectNoLeaks(r);
  });

  it('a second ShipStation order with the same orderKey', () => {
    const r = world();
    const o = ssOrderOf(r, r.seeded[0]!)!;
    r.ss.orders.set(999_999, { ...structuredClone(o), orderId: 999_999 });
    fails(() => expectNoDuplicates(r));
  });

  it('a shipment DSCO applied twice', () => {
    const r = world();
    const id = r.seeded.find((x) => r.dsco.orders.get(x)!.packages?.length)!;
    const line = r.dsco.orders.get(id)!.lineItems[0]!;
    const ship = line.activity!.find((a) => a.action === 'ship')!;
    line.activity!.push({ ...ship, uuid: 'dup' });
    fails(() => expectNoDuplicates(r));
  });

  it('an order that reached neither ShipStation nor an Error row', () => {
    const r = world();
    const id = r.seeded[0]!;
    for (const [k, o] of r.ss.orders) if (o.orderKey === id) r.ss.orders.delete(k);
    fails(() => expectNoLostOrders(r));
  });

  it('a row that disappeared', () => {
    const r = world();
    r.rowsSeen.add('1999999999');
    fails(() => expectNoLostRows(r));
  });

  it('a shipment watermark ahead of a shipment not yet sent', () => {
    const r = world();
    const id = r.seeded.find((x) => r.row(x)?.status === 'Sent to SS' && !r.row(x)?.tracking)!;
    r.ss.shipOrder(ssOrderOf(r, id)!.orderId, { trackingNumber: 'LATE-1', ...UPS });
    r.sim.properties.script.setProperty('watermark.shipments', String(r.clock.now() + 10 * 60 * MIN));
    fails(() => expectWatermarksNotAhead(r));
  });

  it('a row that disagrees with DSCO', () => {
    const r = world();
    const id = r.seeded.find((x) => r.row(x)?.status === 'Sent to SS')!;
    r.dsco.retailerCancel(id);
    fails(() => expectRowsAgree(r, () => false));
  });

  it('a formula in a cell', () => {
    const r = world();
    r.sim.spreadsheet.getSheetByName('Logs')!.getRange(2, 5).setValue('=1+1');
    fails(() => expectNoFormulas(r));
  });

  it('a secret, a Basic credential or a bearer token anywhere', () => {
    for (const plant of [
      (r: Rig) => r.sim.spreadsheet.getSheetByName('_Orders')!.getRange(2, 2).setValue(`{"x":"${RIG_SECRETS.ssApiSecret}"}`),
      (r: Rig) => r.sim.spreadsheet.getSheetByName('Logs')!.getRange(2, 5).setValue(`failed: Basic ${Buffer.from(`${RIG_SECRETS.ssApiKey}:${RIG_SECRETS.ssApiSecret}`).toString('base64')}`),
      (r: Rig) => r.sim.spreadsheet.getSheetByName('Dashboard')!.getRange(2, 9).setValue(`token ${[...r.tokens][0]}`),
      (r: Rig) => r.calls.push({ fn: 'getSettings', result: { dscoClientSecret: RIG_SECRETS.dscoClientSecret } }),
      (r: Rig) => r.sim.properties.script.setProperty('debug', `Authorization: bearer abc123def456ghi`),
      (r: Rig) => r.sim.network.requests.push({ method: 'GET', url: `https://x.test/?key=${RIG_SECRETS.ssApiKey}`, headers: {}, body: '' }),
      (r: Rig) => r.sim.logs.push({ level: 'log', message: `secret ${RIG_SECRETS.dscoClientSecret}` }),
    ]) {
      const r = world();
      plant(r);
      fails(() => expectNoLeaks(r));
    }
  });
});
