import type { DscoIds } from './dsco-ids';
import { addActivity, findOrder, lineLabel, openQuantity, refreshOrder, resolveLine } from './dsco-orders';
import type { Order, OrderForCancel, OrderLineItem } from './dsco-types';

/**
 * POST /order/item/cancel (spec operationId cancelOrderItem, body OrderForCancel): "Suppliers should use this
 * synchronous API to cancel one or more items of a single order." OrderLineItemForCancel requires cancelledQuantity
 * and cancelCode ("Can be any of the defined cancel codes inside mapping settings > cancel code mapping"), plus one
 * item identifier. Cancelling more than is still open is rejected [inferred].
 * Returns the validation errors (nothing applied) or [] after applying.
 */
export function applyItemCancel(
  orders: Map<string, Order>,
  request: OrderForCancel,
  ctx: { nowMs: number; ids: DscoIds },
): string[] {
  const order = findOrder(orders, request.type, String(request.id));
  if (!order) return [`Order not found: ${request.type} ${request.id}`];
  const errors: string[] = [];
  const wanted = new Map<OrderLineItem, number>();
  const plan: { line: OrderLineItem; quantity: number; code: string; reason: string | null }[] = [];
  if (!Array.isArray(request.lineItems) || request.lineItems.length === 0) errors.push('lineItems is required');
  for (const li of request.lineItems ?? []) {
    const r = resolveLine(order, li);
    if ('error' in r) {
      errors.push(r.error);
      continue;
    }
    if (!Number.isInteger(li.cancelledQuantity) || li.cancelledQuantity < 1) {
      errors.push(`${lineLabel(r.line)}: cancelledQuantity must be a positive integer`);
      continue;
    }
    if (typeof li.cancelCode !== 'string' || li.cancelCode.trim() === '') {
      errors.push(`${lineLabel(r.line)}: cancelCode is required`);
      continue;
    }
    wanted.set(r.line, (wanted.get(r.line) ?? 0) + li.cancelledQuantity);
    plan.push({ line: r.line, quantity: li.cancelledQuantity, code: li.cancelCode, reason: li.cancelledReason ?? null });
  }
  for (const [line, qty] of wanted) {
    const open = openQuantity(line);
    if (qty > open) errors.push(`Cancelled quantity ${qty} for ${lineLabel(line)} exceeds the quantity still open (${open})`);
  }
  if (errors.length > 0) return errors;

  for (const { line, quantity, code, reason } of plan) {
    line.cancelledQuantity = (line.cancelledQuantity ?? 0) + quantity;
    line.cancelCode = code;
    line.cancelledReason = reason;
    // Accepting a retailer cancel request by cancelling clears it [inferred]; the notes (§9) call this unknown.
    if (line.cancelRequested === true && openQuantity(line) === 0) line.cancelRequested = false;
    addActivity(line, ctx.ids, ctx.nowMs, 'cancel', quantity, reason ?? code);
  }
  // All quantity cancelled → dscoStatus 'cancelled'; nothing left open → lifecycle 'completed'.
  refreshOrder(order, ctx.nowMs);
  return [];
}
