import type { DscoInvoice, DscoInvoiceLine } from '../dsco/dsco-invoice-types';
import { isoSeconds } from '../sync/cycle/cycle-context';
import type { OrderRecord } from '../sync/orders/order-record';
import type { InvoicePlan } from './invoices-due';

/** Rounded half up to cents, after clearing binary noise (3 × 3.335 is 10.004999… in floating point, 10.01 in cents). */
const cents = (x: number): number => Math.round(Number((x * 100).toFixed(6))) / 100;

export type BuiltInvoice = { ok: true; invoice: DscoInvoice } | { ok: false; problem: string };

/**
 * The DSCO invoice for a plan (pure). Amounts come from DSCO's own line costs: unit price = the
 * order line's `expectedCost` (what DSCO compares the invoice with: cost × quantity), quantity = units
 * shipped (never cancelled ones), rounded to cents. No handling, freight or tax: dropship costs are
 * all-in unless the retailer says otherwise. A line without a cost is not guessed.
 */
export function buildInvoice(r: OrderRecord, plan: InvoicePlan): BuiltInvoice {
  const lineItems: DscoInvoiceLine[] = [];
  for (const [lineNumber, quantity] of plan.lines) {
    const line = r.lines.find((l) => l.lineNumber === lineNumber);
    if (!line) return { ok: false, problem: `line ${lineNumber} is not on the order` };
    if (line.expectedCost === undefined) return { ok: false, problem: `line ${lineNumber}${line.sku ? ` (${line.sku})` : ''} has no cost (expectedCost) in DSCO` };
    const item: DscoInvoiceLine = { lineNumber, quantity, unitPrice: line.expectedCost, subtotal: cents(line.expectedCost * quantity) };
    if (line.sku) item.sku = line.sku;
    if (line.dscoItemId) item.dscoItemId = line.dscoItemId;
    lineItems.push(item);
  }
  const subtotal = cents(lineItems.reduce((sum, l) => sum + (l.subtotal ?? 0), 0));
  const invoice: DscoInvoice = {
    invoiceId: plan.invoiceId,
    dscoOrderId: r.dscoOrderId,
    invoiceDate: isoSeconds(plan.shippedAt),
    totalAmount: subtotal,
    lineItemsSubtotal: subtotal,
    numberOfLineItems: lineItems.length,
    lineItems,
  };
  if (r.poNumber) invoice.poNumber = r.poNumber;
  return { ok: true, invoice };
}
