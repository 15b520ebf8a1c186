import { toDscoDate } from './dsco-dates';
import type { DscoIds } from './dsco-ids';
import type { LineRef, Order, OrderIdType, OrderLineItem } from './dsco-types';

/**
 * Order state rules shared by the fake's endpoints, from the spec's Order/OrderLineItem descriptions and the
 * lifecycle support article quoted in notes dsco-api.md §3b:
 *  - dscoLifecycle received → created → acknowledged → completed ("completed" = all quantity shipped or cancelled,
 *    [inferred] in the notes);
 *  - the deprecated dscoStatus becomes 'shipped' when ANY quantity shipped, 'cancelled' only when ALL quantity
 *    of all lines is cancelled; 'shipment_pending' after acknowledgement [observed].
 */

/** Orders a supplier can see: 'received' means "not yet ready for a supplier" (spec dscoLifecycle). */
export function isVisible(order: Order): boolean {
  return order.dscoLifecycle !== 'received';
}

export function findOrder(orders: Map<string, Order>, type: OrderIdType, id: string): Order | undefined {
  if (type === 'DSCO_ORDER_ID') {
    // OrderId.id: "If the type is DSCO_ORDER_ID then the value must be the numeric dscoOrderId."
    const o = orders.get(id);
    return o && isVisible(o) ? o : undefined;
  }
  for (const o of orders.values()) {
    if (!isVisible(o)) continue;
    if (type === 'PO_NUMBER' && o.poNumber === id) return o;
    if (type === 'SUPPLIER_ORDER_NUMBER' && o.supplierOrderNumber === id) return o;
  }
  return undefined;
}

export function shipped(line: OrderLineItem): number {
  return line.shippedQuantity ?? 0;
}

export function cancelled(line: OrderLineItem): number {
  return line.cancelledQuantity ?? 0;
}

export function openQuantity(line: OrderLineItem): number {
  return Math.max(0, line.quantity - shipped(line) - cancelled(line));
}

const ID_FIELDS = ['dscoItemId', 'sku', 'partnerSku', 'upc', 'ean'] as const;

/**
 * Finds the order line a shipment/cancel line refers to. The spec: "Each line item must uniquely identify the item
 * in question by providing an Item Identifier - either dscoItemId, sku, partnerSku, upc or ean" (lineNumber
 * "uniquely identifies a line item for the order"). Every identifier given must agree with the line found.
 */
export function resolveLine(order: Order, ref: LineRef): { line: OrderLineItem } | { error: string } {
  const given = ID_FIELDS.filter((f) => ref[f] !== undefined && ref[f] !== null && ref[f] !== '');
  const hasLineNumber = ref.lineNumber !== undefined && ref.lineNumber !== null;
  if (!hasLineNumber && given.length === 0) {
    return { error: 'Line item must identify the item: one of lineNumber, dscoItemId, sku, partnerSku, upc or ean is required' };
  }
  const candidates = order.lineItems.filter(
    (l) => (!hasLineNumber || l.lineNumber === ref.lineNumber) && given.every((f) => l[f] === ref[f]),
  );
  const describe = [hasLineNumber ? `lineNumber ${ref.lineNumber}` : '', ...given.map((f) => `${f} ${String(ref[f])}`)]
    .filter(Boolean)
    .join(', ');
  if (candidates.length === 0) return { error: `No line item on order ${order.dscoOrderId} matches ${describe}` };
  if (candidates.length > 1) return { error: `More than one line item on order ${order.dscoOrderId} matches ${describe}; give the lineNumber` };
  return { line: candidates[0] as OrderLineItem };
}

export function lineLabel(line: OrderLineItem): string {
  return `line ${line.lineNumber ?? '?'}${line.sku ? ` (sku ${line.sku})` : ''}`;
}

/** Recomputes per-line quantities/status and the order's dscoStatus/dscoLifecycle, and bumps dscoLastUpdate. */
export function refreshOrder(order: Order, nowMs: number): void {
  for (const line of order.lineItems) {
    line.remainingQuantity = openQuantity(line);
    if (cancelled(line) >= line.quantity) {
      line.status = 'cancelled';
    } else if (shipped(line) > 0) {
      // [observed] a fully shipped real line reads status "accepted", acceptedQuantity = shipped quantity.
      line.status = 'accepted';
      line.acceptedQuantity = shipped(line);
    }
  }
  const lines = order.lineItems;
  const allCancelled = lines.every((l) => cancelled(l) >= l.quantity);
  const anyShipped = lines.some((l) => shipped(l) > 0);
  const allDone = lines.every((l) => openQuantity(l) === 0);
  if (allCancelled) order.dscoStatus = 'cancelled';
  else if (anyShipped) order.dscoStatus = 'shipped';
  else if (order.dscoLifecycle === 'acknowledged' && order.dscoStatus === 'created') order.dscoStatus = 'shipment_pending';
  if (allDone) order.dscoLifecycle = 'completed';
  if (!lines.some((l) => l.cancelRequested === true)) {
    if (order.cancelRequested === true) order.cancelRequested = false;
  }
  order.dscoLastUpdate = toDscoDate(nowMs);
}

export function addActivity(line: OrderLineItem, ids: DscoIds, nowMs: number, action: 'cancel' | 'ship', quantity: number, reason: string): void {
  line.activity = [...(line.activity ?? []), { action, quantity, reason, uuid: ids.uuid(), activityDate: toDscoDate(nowMs) }];
}

/** Retailer-side full cancel: every open quantity is cancelled with the given (retailer) cancel code. */
export function retailerCancelOrder(order: Order, code: string, ids: DscoIds, nowMs: number): void {
  for (const line of order.lineItems) {
    const open = openQuantity(line);
    if (open > 0) {
      line.cancelledQuantity = cancelled(line) + open;
      line.cancelCode = code;
      line.cancelledReason = 'Cancelled by retailer';
      addActivity(line, ids, nowMs, 'cancel', open, `Cancelled by retailer (${code})`);
    }
    line.cancelRequested = false;
  }
  order.cancelRequested = false;
  // Nothing left open → lifecycle completed; dscoStatus 'cancelled' unless some quantity had already shipped
  // (old status semantics: 'cancelled' only when ALL quantity is cancelled).
  refreshOrder(order, nowMs);
}

/**
 * Retailer cancel *request* (spec, Sep 2025): Order.cancelRequested / cancelRequestedCode and the same two fields on
 * each OrderLineItem ("whether the retailer requested cancellation for the item"). Whether dscoLastUpdate moves
 * is [inferred] in the notes (§9); the fake bumps it so ordersUpdatedSince polling sees the request.
 */
export function retailerCancelRequestOrder(order: Order, code: string, nowMs: number): void {
  order.cancelRequested = true;
  order.cancelRequestedCode = code;
  for (const line of order.lineItems) {
    if (openQuantity(line) > 0) {
      line.cancelRequested = true;
      line.cancelRequestedCode = code;
    }
  }
  order.dscoLastUpdate = toDscoDate(nowMs);
}
