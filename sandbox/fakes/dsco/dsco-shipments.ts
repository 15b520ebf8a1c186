import { toDscoDate } from './dsco-dates';
import type { DscoIds } from './dsco-ids';
import { addActivity, findOrder, lineLabel, openQuantity, refreshOrder, resolveLine } from './dsco-orders';
import type { Order, OrderLineItem, Package, PackageItem, ShipmentForUpdate, ShipmentsForUpdate } from './dsco-types';

/** Extra per-retailer rule: returns a description of what is wrong (→ 400 VALIDATION_FAILED), or null. */
export type ShipRule = (shipment: ShipmentForUpdate, ctx: { order: Order; request: ShipmentsForUpdate }) => string | null;

// ShipmentForUpdate fields copied onto the stored Package (same names in the spec's Package schema).
const COPIED = [
  'trackingUrl', 'shipCarrier', 'shipMethod', 'shippingServiceLevelCode', 'shipCost', 'currencyCode', 'shipWeight',
  'shipWeightUnits', 'warehouseCode', 'warehouseRetailerCode', 'warehouseDscoId', 'ssccBarcode', 'carrierManifestId',
  'transactionId', 'transactionDate', 'vendorInvoiceNumber', 'balanceDue', 'numberOfLineItems',
] as const;
// Package.referenceNumberQualifier is an enum, ShipmentForUpdate's is free text: copied only when valid.
const REFERENCE_QUALIFIERS = ['2I', 'BM', 'CN', 'MB', 'OC'];

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/**
 * POST /order/singleShipment (spec operationId singleShipment, body ShipmentsForUpdate): "This API will always create
 * the shipment synchronously, returning an HTTP 201". Validation mirrors what real integrations saw as
 * 400 {"messages":[{"code":"VALIDATION_FAILED",...}]} [observed] plus the spec's rules:
 *  - ShipmentsForUpdate: dscoOrderId "or poNumber or supplierOrderNumber is required";
 *  - Order.shipCarrier etc.: "Either shippingServiceLevelCode must be present or shipCarrier and shipMethod must be present";
 *  - ShipmentForUpdate requires trackingNumber and lineItems, ShipmentLineItemForUpdate requires quantity and one item id.
 * A shipment whose trackingNumber is already on the order replaces that package ("for creation or update", spec
 * ShipmentForUpdate), so a retried request does not ship twice [inferred].
 * Returns the validation errors (nothing applied) or [] after applying.
 */
export function applySingleShipment(
  orders: Map<string, Order>,
  request: ShipmentsForUpdate,
  ctx: { nowMs: number; ids: DscoIds; rules: ShipRule[] },
): string[] {
  const errors: string[] = [];
  let order: Order | undefined;
  if (present(request.dscoOrderId)) order = findOrder(orders, 'DSCO_ORDER_ID', String(request.dscoOrderId));
  else if (present(request.poNumber)) order = findOrder(orders, 'PO_NUMBER', String(request.poNumber));
  else if (present(request.supplierOrderNumber)) order = findOrder(orders, 'SUPPLIER_ORDER_NUMBER', String(request.supplierOrderNumber));
  else return ['One of dscoOrderId, poNumber or supplierOrderNumber is required to identify the order'];
  if (!order) {
    const key = present(request.dscoOrderId) ? `dscoOrderId ${request.dscoOrderId}` : present(request.poNumber) ? `poNumber ${request.poNumber}` : `supplierOrderNumber ${request.supplierOrderNumber}`;
    return [`Order not found: ${key}`];
  }
  if (present(request.poNumber) && request.poNumber !== order.poNumber) {
    errors.push(`poNumber ${request.poNumber} does not match order ${order.dscoOrderId} (poNumber ${order.poNumber})`);
  }
  if (order.dscoStatus === 'cancelled') errors.push(`Order ${order.dscoOrderId} is cancelled`);
  if (!Array.isArray(request.shipments) || request.shipments.length === 0) errors.push('At least one shipment is required');

  const packages = order.packages ?? [];
  // Quantity per order line this request asks to ship, and quantity freed by packages it replaces.
  const wanted = new Map<OrderLineItem, number>();
  const freed = new Map<OrderLineItem, number>();
  const resolved: { shipment: ShipmentForUpdate; lines: { line: OrderLineItem; quantity: number; spans: boolean }[] }[] = [];
  const seenTracking = new Set<string>();

  (request.shipments ?? []).forEach((s, i) => {
    const at = request.shipments.length > 1 ? `shipments[${i}]: ` : '';
    if (!present(s.trackingNumber)) errors.push(`${at}Tracking number is required`);
    else if (seenTracking.has(s.trackingNumber)) errors.push(`${at}Tracking number ${s.trackingNumber} appears twice in the request`);
    else seenTracking.add(s.trackingNumber);
    if (!present(s.shippingServiceLevelCode) && !(present(s.shipCarrier) && present(s.shipMethod))) {
      errors.push(`${at}Ship carrier is required: give shippingServiceLevelCode, or shipCarrier and shipMethod`);
    }
    const lines: { line: OrderLineItem; quantity: number; spans: boolean }[] = [];
    if (!Array.isArray(s.lineItems) || s.lineItems.length === 0) errors.push(`${at}lineItems is required`);
    for (const li of s.lineItems ?? []) {
      const r = resolveLine(order as Order, li);
      if ('error' in r) {
        errors.push(`${at}${r.error}`);
        continue;
      }
      if (!Number.isInteger(li.quantity) || li.quantity < 1) {
        errors.push(`${at}${lineLabel(r.line)}: quantity must be a positive integer`);
        continue;
      }
      lines.push({ line: r.line, quantity: li.quantity, spans: li.packageSpanFlag === true });
      wanted.set(r.line, (wanted.get(r.line) ?? 0) + li.quantity);
    }
    const existing = packages.find((p) => p.trackingNumber === s.trackingNumber);
    for (const item of existing?.items ?? []) {
      const line = (order as Order).lineItems.find((l) => l.lineNumber === item.lineNumber);
      if (line) freed.set(line, (freed.get(line) ?? 0) + item.quantity);
    }
    for (const rule of ctx.rules) {
      const msg = rule(s, { order: order as Order, request });
      if (msg) errors.push(`${at}${msg}`);
    }
    resolved.push({ shipment: s, lines });
  });
  for (const [line, qty] of wanted) {
    const open = openQuantity(line) + (freed.get(line) ?? 0);
    if (qty > open) errors.push(`Quantity ${qty} for ${lineLabel(line)} exceeds the quantity still open (${open})`);
  }
  if (errors.length > 0) return errors;

  // ---- apply ----
  const now = toDscoDate(ctx.nowMs);
  for (const { shipment: s, lines } of resolved) {
    const items: PackageItem[] = lines.map(({ line, quantity, spans }) => ({
      quantity,
      lineNumber: line.lineNumber ?? null,
      ...(line.dscoItemId ? { dscoItemId: line.dscoItemId } : {}),
      sku: line.sku ?? null,
      partnerSku: line.partnerSku ?? null,
      originalOrderQuantity: line.quantity,
      packageSpanFlag: spans,
    }));
    const pkg: Package = {
      trackingNumber: s.trackingNumber,
      shipDate: typeof s.shipDate === 'string' ? s.shipDate : now,
      untracked: s.untracked === true,
      returnedFlag: false,
      items,
    };
    for (const f of COPIED) if (s[f] !== undefined) (pkg as Record<string, unknown>)[f] = s[f];
    if (typeof s.referenceNumberQualifier === 'string' && REFERENCE_QUALIFIERS.includes(s.referenceNumberQualifier)) {
      pkg.referenceNumberQualifier = s.referenceNumberQualifier;
    }
    if (s.shipFrom !== undefined) pkg.packageShipFrom = s.shipFrom;
    if (s.shipTo !== undefined) pkg.packageShipTo = s.shipTo;
    const i = packages.findIndex((p) => p.trackingNumber === s.trackingNumber);
    if (i >= 0) {
      pkg.dscoPackageId = packages[i]?.dscoPackageId ?? ctx.ids.packageId();
      packages[i] = pkg;
    } else {
      pkg.dscoPackageId = ctx.ids.packageId();
      packages.push(pkg);
    }
    for (const { line, quantity } of lines) {
      addActivity(line, ctx.ids, ctx.nowMs, 'ship', quantity, `Tracking # ${s.trackingNumber} added`);
    }
  }
  order.packages = packages;
  // Shipped quantities are derived from the packages on the order.
  for (const line of order.lineItems) {
    line.shippedQuantity = packages
      .flatMap((p) => p.items)
      .filter((it) => it.lineNumber === line.lineNumber)
      .reduce((sum, it) => sum + it.quantity, 0);
  }
  // Shipping implies the supplier has the order [inferred]: created → acknowledged (completed if nothing left open).
  if (order.dscoLifecycle === 'created') order.dscoLifecycle = 'acknowledged';
  refreshOrder(order, ctx.nowMs);
  return [];
}
