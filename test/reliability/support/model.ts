import fc from 'fast-check';
import type { Order } from '../../../sandbox/fakes/dsco';
import { checkAfterFault, UPS } from './scenario';
import { dscoPackages, ssOrderOf } from './invariants';
import { MIN, type Rig, type WireFault } from './rig';
import { atRequest } from './sweep';

/**
 * Commands of the property tests: what retailers (DSCO), the warehouse (ShipStation), the network
 * and Google do, and sync cycles. `order` picks one of the orders the command can apply to at that
 * point (modulo their number: a label picks among the orders awaiting shipment in ShipStation, a
 * release among the orders not yet released…), so any shrunk list still means something. A command
 * with no order to apply to does nothing.
 */
export type Fault =
  | { kind: 'none' }
  | { kind: 'dsco-5xx' | 'ss-5xx' | 'ss-429' | 'dsco-429'; n: number }
  | { kind: 'dsco-timeout' | 'ss-timeout'; n: number }
  | { kind: 'lost-answer'; endpoint: 'shipment' | 'acknowledge' | 'line-cancel' | 'createorders' | 'createorder' }
  | { kind: 'garbage-200'; endpoint: 'pull' | 'updates' | 'shipments' | 'log' | 'createorders' | 'shipment' }
  | { kind: 'token-revoked' }
  | { kind: 'ack-fails' }
  | { kind: 'sheets-timeout' | 'kill-at-sheets-call'; n: number }
  | { kind: 'kill-after-request' | 'budget-spent-after-request'; n: number };

export type Command =
  | { do: 'newOrder'; lines: number; qty: number; received: boolean }
  | { do: 'release' | 'retailerCancel' | 'cancelRequest' | 'ssCancel' | 'markShipped' | 'void' | 'lineCancel' | 'address' | 'hideUpdates' | 'delayUpdates'; order: number }
  | { do: 'label'; order: number; split: boolean }
  | { do: 'sync'; waitMin: number; fault: Fault };

function describe(c: Command): string {
  switch (c.do) {
    case 'newOrder':
      return `newOrder(${c.lines} line${c.lines > 1 ? 's' : ''} × ${c.qty}${c.received ? ', not yet released' : ''})`;
    case 'label':
      return `label(#${c.order}${c.split ? ', one unit' : ''})`;
    case 'sync': {
      const f = c.fault;
      const detail = 'n' in f ? `:${f.n}` : 'endpoint' in f ? `:${f.endpoint}` : '';
      return `sync(+${c.waitMin}min${f.kind === 'none' ? '' : `, ${f.kind}${detail}`})`;
    }
    default:
      return `${c.do}(#${c.order})`;
  }
}

/** Gives a command a readable form in fast-check's counterexamples. */
const named = (c: Command): Command => Object.defineProperty({ ...c }, fc.toStringMethod, { value: () => describe(c), enumerable: false });

const order = fc.nat({ max: 9 });

export const dscoEvent: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ do: fc.constant('newOrder' as const), lines: fc.integer({ min: 1, max: 3 }), qty: fc.integer({ min: 1, max: 3 }), received: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('release' as const), order }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('retailerCancel' as const), order }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('cancelRequest' as const), order }) },
);

export const shipStationEvent: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ do: fc.constant('label' as const), order, split: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('void' as const), order }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('ssCancel' as const), order }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('markShipped' as const), order }) },
);

export const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constantFrom('dsco-5xx' as const, 'ss-5xx' as const, 'ss-429' as const, 'dsco-429' as const), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constantFrom('dsco-timeout' as const, 'ss-timeout' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('lost-answer' as const), endpoint: fc.constantFrom('shipment' as const, 'acknowledge' as const, 'line-cancel' as const, 'createorders' as const, 'createorder' as const) }),
  fc.record({ kind: fc.constant('garbage-200' as const), endpoint: fc.constantFrom('pull' as const, 'updates' as const, 'shipments' as const, 'log' as const, 'createorders' as const, 'shipment' as const) }),
  fc.record({ kind: fc.constantFrom('token-revoked' as const, 'ack-fails' as const) }),
  fc.record({ kind: fc.constantFrom('sheets-timeout' as const, 'kill-at-sheets-call' as const), n: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ kind: fc.constantFrom('kill-after-request' as const, 'budget-spent-after-request' as const), n: fc.integer({ min: 1, max: 30 }) }),
);

export const cleanSync: fc.Arbitrary<Command> = fc.record({ do: fc.constant('sync' as const), waitMin: fc.integer({ min: 1, max: 45 }), fault: fc.constant({ kind: 'none' } as Fault) });
export const faultySync: fc.Arbitrary<Command> = fc.record({ do: fc.constant('sync' as const), waitMin: fc.integer({ min: 1, max: 45 }), fault });

/**
 * Retailer events of the convergence property: a unit of one line cancelled, a corrected ship-to
 * address, and an order whose later updates never become searchable (visible only by ID).
 */
export const lateDscoEvent: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ do: fc.constant('lineCancel' as const), order }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('address' as const), order }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('hideUpdates' as const), order }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('delayUpdates' as const), order }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('retailerCancel' as const), order }) },
);

export function commands(opts: { faults: boolean; maxLength: number; late?: boolean }): fc.Arbitrary<Command[]> {
  const sync = opts.faults ? fc.oneof({ weight: 1, arbitrary: cleanSync }, { weight: 2, arbitrary: faultySync }) : cleanSync;
  if (opts.late) {
    return fc
      .array(fc.oneof({ weight: 3, arbitrary: dscoEvent }, { weight: 3, arbitrary: lateDscoEvent }, { weight: 4, arbitrary: shipStationEvent }, { weight: 3, arbitrary: sync }), { minLength: 1, maxLength: opts.maxLength, size: 'max' })
      .map((list) => list.map(named));
  }
  return fc
    .array(fc.oneof({ weight: 3, arbitrary: dscoEvent }, { weight: 4, arbitrary: shipStationEvent }, { weight: 3, arbitrary: sync }), { minLength: 1, maxLength: opts.maxLength, size: 'max' })
    .map((list) => list.map(named));
}

/** What the interpreter saw happen to each order: the reasons a person may have to step in. */
export interface ModelState {
  /**
   * Orders with events that need a person: a label voided after its tracking reached DSCO, or both a
   * retailer cancel (or cancel request) and a shipment (label, mark as shipped), in either order.
   */
  conflicts: Set<string>;
  /** Orders the retailer cancelled or asked to cancel. */
  cancelled: Set<string>;
  /** Orders with a label or a mark-as-shipped. */
  shipped: Set<string>;
  trackingSeq: number;
  /** Commands that did something. */
  applied: number;
}

const WRITE_PATHS: Record<string, string | RegExp> = {
  shipment: /^\/order\/.*hipment/i,
  acknowledge: '/order/acknowledge',
  'line-cancel': '/order/item/cancel',
  createorders: '/orders/createorders',
  createorder: '/orders/createorder',
};

const GARBAGE: Record<string, { service: 'dsco' | 'ss'; path: string | RegExp; apply: boolean }> = {
  pull: { service: 'dsco', path: /^\/order\/page\?(?!scrollId=).*ordersCreatedSince/, apply: false },
  updates: { service: 'dsco', path: /^\/order\/page\?(?!scrollId=).*ordersUpdatedSince/, apply: false },
  shipments: { service: 'ss', path: /^\/shipments\?/, apply: false },
  log: { service: 'dsco', path: /^\/order\/log/, apply: false },
  createorders: { service: 'ss', path: '/orders/createorders', apply: true },
  shipment: { service: 'dsco', path: /^\/order\/.*hipment/i, apply: true },
};

function arm(rig: Rig, f: Fault): void {
  const wire = (w: WireFault) => rig.wire.enqueue(w);
  switch (f.kind) {
    case 'none':
      return;
    case 'dsco-5xx':
    case 'ss-5xx':
      wire({ kind: f.kind, service: f.kind === 'dsco-5xx' ? 'dsco' : 'ss', status: 503, count: f.n });
      return;
    case 'ss-429':
      wire({ kind: f.kind, service: 'ss', status: 429, body: '{"message":"Too Many Requests"}', headers: { 'X-Rate-Limit-Reset': '5', 'X-Rate-Limit-Remaining': '0' }, count: f.n });
      return;
    case 'dsco-429':
      wire({ kind: f.kind, service: 'dsco', status: 429, body: '{"message":"Too Many Requests"}', count: f.n });
      return;
    case 'dsco-timeout':
    case 'ss-timeout':
      rig.failNetwork({ kind: 'timeout', service: f.kind === 'dsco-timeout' ? 'dsco' : 'ss', count: f.n });
      return;
    case 'lost-answer': {
      const service = f.endpoint.startsWith('create') ? 'ss' : 'dsco';
      wire({ kind: `lost-answer-${f.endpoint}`, service, method: 'POST', path: WRITE_PATHS[f.endpoint], status: 504, apply: true });
      return;
    }
    case 'garbage-200': {
      const g = GARBAGE[f.endpoint]!;
      wire({ kind: 'garbage-200', service: g.service, path: g.path, apply: g.apply, status: 200, body: '<html><body>Service temporarily unavailable</body></html>', rewrite: g.apply ? (real) => ({ ...real, status: 200, body: real.body.slice(0, 7) }) : undefined });
      return;
    }
    case 'token-revoked':
      rig.onAfter((req) => req.url.includes('dsco'), () => rig.dsco.revokeTokens(), 'dsco-token-revoked');
      return;
    case 'ack-fails':
      rig.dsco.failNextAcknowledge(rig.seeded, 'Acknowledgement failed in DSCO');
      rig.jumpAfter(() => true, 0, 'dsco-ack-failed');
      return;
    case 'sheets-timeout':
      rig.failSheets({ skip: f.n });
      return;
    case 'kill-at-sheets-call':
      rig.failSheets({ skip: f.n, exhaustTime: true });
      return;
    case 'kill-after-request':
      rig.killAfter(atRequest(f.n));
      return;
    case 'budget-spent-after-request':
      rig.exhaustBudgetAfter(atRequest(f.n));
      return;
  }
}

/** The n-th (modulo) of the DSCO orders that satisfy `ok`. */
function pick(rig: Rig, n: number, ok: (d: Order) => boolean): Order | undefined {
  const list = rig.seeded.map((id) => rig.dsco.orders.get(id)!).filter(ok);
  return list.length ? list[n % list.length] : undefined;
}

const open = (l: Order['lineItems'][number]) => Math.max(0, l.quantity - (l.shippedQuantity ?? 0) - (l.cancelledQuantity ?? 0));

/** Applies one command to the world. */
export function run(rig: Rig, state: ModelState, c: Command): void {
  if (c.do === 'sync') {
    rig.clock.advance(c.waitMin * MIN);
    arm(rig, c.fault);
    rig.sync();
    // A fault is armed for one cycle only.
    rig.tallyFaults();
    rig.wire.clear();
    rig.sim.faults.clearSheets();
    rig.sim.network.clearFailures();
    checkAfterFault(rig, { leaks: false });
    state.applied++;
    return;
  }
  rig.clock.advance(MIN);
  if (c.do === 'newOrder') {
    rig.seedOrder({
      ...(c.received ? { dscoLifecycle: 'received' as const } : {}),
      lineItems: Array.from({ length: c.lines }, () => ({ quantity: c.qty })),
    });
    state.applied++;
    return;
  }
  const inShipStation = (d: Order) => ssOrderOf(rig, d.dscoOrderId)?.orderStatus === 'awaiting_shipment';
  const cancellable = (d: Order) => d.dscoLifecycle !== 'received' && d.lineItems.some((l) => open(l) > 0);
  const ok: Record<Exclude<Command['do'], 'sync' | 'newOrder'>, (d: Order) => boolean> = {
    release: (d) => d.dscoLifecycle === 'received',
    retailerCancel: cancellable,
    cancelRequest: (d) => cancellable(d) && !d.cancelRequested,
    label: inShipStation,
    void: (d) => {
      const s = ssOrderOf(rig, d.dscoOrderId);
      return !!s && rig.ss.shipments.some((x) => x.orderId === s.orderId && !x.voided && !x.isReturnLabel);
    },
    ssCancel: inShipStation,
    markShipped: inShipStation,
    lineCancel: cancellable,
    address: (d) => d.dscoLifecycle !== 'received',
    hideUpdates: (d) => d.dscoLifecycle !== 'received',
    delayUpdates: (d) => d.dscoLifecycle !== 'received',
  };
  const d = pick(rig, c.order, ok[c.do]);
  if (!d) return;
  const s = ssOrderOf(rig, d.dscoOrderId);
  const id = d.dscoOrderId;
  const cancelling = () => {
    state.cancelled.add(id);
    if (state.shipped.has(id)) state.conflicts.add(id);
  };
  const shipping = () => {
    state.shipped.add(id);
    if (state.cancelled.has(id)) state.conflicts.add(id);
  };
  switch (c.do) {
    case 'release':
      rig.dsco.releaseOrder(id);
      break;
    case 'retailerCancel':
      rig.dsco.retailerCancel(id);
      cancelling();
      break;
    case 'cancelRequest':
      rig.dsco.retailerCancelRequest(id);
      cancelling();
      break;
    case 'label': {
      const tracking = `1ZT${++state.trackingSeq}`;
      if (c.split) {
        const shipped = new Map<number, number>();
        for (const x of rig.ss.shipments) {
          if (x.orderId !== s!.orderId || x.voided || x.isReturnLabel) continue;
          for (const it of x.shipmentItems ?? []) shipped.set(it.orderItemId, (shipped.get(it.orderItemId) ?? 0) + it.quantity);
        }
        const item = s!.items.find((it) => (shipped.get(it.orderItemId) ?? 0) < it.quantity);
        if (!item || !item.lineItemKey) return;
        rig.ss.shipOrder(s!.orderId, { trackingNumber: tracking, ...UPS, items: [{ lineItemKey: item.lineItemKey, quantity: 1 }] });
      } else rig.ss.shipOrder(s!.orderId, { trackingNumber: tracking, ...UPS });
      rig.figures.shipments++;
      shipping();
      break;
    }
    case 'void': {
      const label = [...rig.ss.shipments].reverse().find((x) => x.orderId === s!.orderId && !x.voided && !x.isReturnLabel)!;
      if (dscoPackages(d).has(label.trackingNumber)) state.conflicts.add(id);
      rig.ss.voidShipment(label.shipmentId);
      break;
    }
    case 'ssCancel':
      rig.ss.cancelOrder(s!.orderId);
      break;
    case 'lineCancel': {
      const line = d.lineItems.find((l) => open(l) > 0)!;
      rig.dsco.retailerCancelLines(id, [{ lineNumber: line.lineNumber!, quantity: 1 }]);
      // Units left open beside cancelled ones in a ShipStation order: a person adjusts it there.
      if (s || d.lineItems.some((l) => open(l) > 0)) state.conflicts.add(id);
      cancelling();
      break;
    }
    case 'address':
      rig.dsco.retailerChangeAddress(id, { city: `Newtown ${++state.trackingSeq}` });
      // A correction that races a label can only be put to a person.
      state.conflicts.add(id);
      break;
    case 'hideUpdates':
      rig.dsco.hideUpdatesFromSearch(id);
      break;
    case 'delayUpdates':
      // The order's latest change becomes searchable 20 minutes late, while later changes of others do not wait.
      rig.dsco.delayUpdateSearch(id, 20 * MIN);
      break;
    case 'markShipped':
      rig.ss.markShippedWithoutLabel(s!.orderId, { trackingNumber: `1ZM${++state.trackingSeq}`, carrierCode: 'ups' });
      rig.figures.shipments++;
      shipping();
      break;
  }
  state.applied++;
}
