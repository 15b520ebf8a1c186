import type { SimClock } from '../../clock';
import { toDscoDate } from './dsco-dates';
import type { DscoIds } from './dsco-ids';
import { findOrder } from './dsco-orders';
import type { Order } from './dsco-types';

/** An invoice as the fake holds it: the request's fields plus DSCO's read-only ones. */
export type FakeInvoice = Record<string, unknown> & { invoiceId: string; totalAmount: number };

/** A retailer rule: the refusal's description for an invoice it does not accept, or undefined. */
export type InvoiceRule = (invoice: FakeInvoice) => string | undefined;

export interface InvoiceStore {
  /** By invoiceId. */
  all: Map<string, FakeInvoice>;
  /** POST /invoice: the refusal descriptions (400 VALIDATION_FAILED), or [] when created. */
  create(invoice: FakeInvoice): string[];
  /** GET /invoice: the invoices visible under `key` = `value` (post-processing done). */
  find(key: string, value: string): FakeInvoice[];
  addRule(rule: InvoiceRule): void;
}

/**
 * Invoices (spec operationIds singleInvoice, getInvoiceById). POST /invoice is synchronous: "always create the
 * invoice synchronously, returning an HTTP 201" [confirmed]; "The invoice will not be available via the Get Invoice
 * Object API until all post-processing has completed" [confirmed]: modelled by `visibleAfterMs`. "You cannot reuse an
 * Invoice ID" and "You cannot submit an invoice for an order not found" [confirmed, portal wording]; the API's answer
 * for them is [unknown]: the fake answers 400 VALIDATION_FAILED with a description, the shape of other refusals.
 */
export function createInvoiceStore(clock: SimClock, ids: DscoIds, orders: Map<string, Order>, visibleAfterMs: number): InvoiceStore {
  const all = new Map<string, FakeInvoice>();
  const visibleAt = new Map<string, number>();
  const rules: InvoiceRule[] = [];
  return {
    all,
    create(invoice) {
      if (all.has(invoice.invoiceId)) return [`Invoice ID ${invoice.invoiceId} has already been used; an invoice ID cannot be reused`];
      const byId = typeof invoice.dscoOrderId === 'string' ? findOrder(orders, 'DSCO_ORDER_ID', invoice.dscoOrderId) : undefined;
      const order = byId ?? (typeof invoice.poNumber === 'string' ? findOrder(orders, 'PO_NUMBER', invoice.poNumber) : undefined);
      if (!order) return [`No order found for invoice ${invoice.invoiceId}`];
      for (const rule of rules) {
        const refusal = rule(invoice);
        if (refusal) return [refusal];
      }
      const now = clock.now();
      all.set(invoice.invoiceId, {
        ...structuredClone(invoice),
        dscoOrderId: order.dscoOrderId,
        poNumber: order.poNumber,
        dscoInvoiceId: ids.uuid(),
        createDate: toDscoDate(now),
        lastUpdate: toDscoDate(now),
      });
      visibleAt.set(invoice.invoiceId, now + visibleAfterMs);
      return [];
    },
    find(key, value) {
      const now = clock.now();
      return [...all.values()].filter((inv) => (visibleAt.get(inv.invoiceId) ?? 0) <= now && String(inv[key] ?? '') === value).map((inv) => structuredClone(inv));
    },
    addRule(rule) {
      rules.push(rule);
    },
  };
}
