import type { InvoicePer } from '../settings/settings';
import type { Frozen } from '../core/types/frozen';
import type { RecordView, ShippedPackage } from '../sync/orders/order-record';
import { unitsOf } from '../sync/orders/order-state';

/** An invoice the order calls for: what it bills, under which stable ID. */
export interface InvoicePlan {
  /** Derived from the order (and shipment): the same invoice always gets the same ID. */
  invoiceId: string;
  /** "order", or the key of the package it bills. */
  covers: string;
  /** [lineNumber, units shipped] pairs billed. */
  lines: (readonly [number, number])[];
  /** When the billed units shipped (the last package): the invoice date. */
  shippedAt: number;
}

export const orderInvoiceId = (r: RecordView): string => `DSCO-${r.dscoOrderId}`;
/** A tracking number survives re-runs, where a shipment's position can shift when a label is voided. */
export const shipmentInvoiceId = (r: RecordView, p: Frozen<ShippedPackage>): string => `DSCO-${r.dscoOrderId}-${p.tracking || p.key}`;

/** Packages sent to DSCO that billed units: labels and fulfillments, minus voided labels. */
function billablePackages(r: RecordView): Frozen<ShippedPackage>[] {
  const all = r.packages ?? [];
  const voided = new Set(all.filter((p) => p.key.startsWith('V')).map((p) => p.key.slice(1)));
  return all.filter((p) => (p.key.startsWith('S') || p.key.startsWith('F')) && !voided.has(p.key) && p.lines.some(([, q]) => q > 0));
}

/**
 * The invoices an order calls for, derived from its state (pure). Per order: one, once nothing is
 * open and at least one unit shipped. Per shipment: one for each package sent to DSCO. Nothing
 * while a shipment or a cancellation waits for DSCO's answer. An order billed one way is never
 * billed the other way after the setting changes. Orders whose units shipped before invoicing was
 * turned on (`since`) are left out: they may have been invoiced by hand.
 */
export function invoicesDue(r: RecordView, per: InvoicePer, since: number): InvoicePlan[] {
  if (r.pendingShipments?.length || r.pendingCancel) return [];
  const invoiced = r.invoices ?? [];
  const known = (id: string) => invoiced.some((i) => i.invoiceId === id);
  const packages = billablePackages(r);
  const billedPerOrder = invoiced.some((i) => i.covers === 'order');
  const billedPerShipment = invoiced.some((i) => i.covers !== 'order');
  if (billedPerOrder || (per === 'order' && !billedPerShipment)) {
    const u = unitsOf(r);
    if (u.open > 0 || u.shipped === 0 || !packages.length) return [];
    const shippedAt = Math.max(...packages.map((p) => p.at));
    const invoiceId = orderInvoiceId(r);
    if (shippedAt < since && !known(invoiceId)) return [];
    return [{ invoiceId, covers: 'order', lines: r.lines.filter((l) => l.shipped > 0).map((l) => [l.lineNumber, l.shipped]), shippedAt }];
  }
  return packages
    .map((p) => ({ invoiceId: shipmentInvoiceId(r, p), covers: p.key, lines: p.lines.filter(([, q]) => q > 0), shippedAt: p.at }))
    .filter((plan) => plan.shippedAt >= since || known(plan.invoiceId));
}
