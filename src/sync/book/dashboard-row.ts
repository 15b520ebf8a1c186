import type { OrderRecord } from '../orders/order-record';
import { isInvoiced } from '../orders/order-state';
import { sheetText } from './sheet-text';
import { tradingPartnerLabel } from '../orders/trading-partner';

/** "3 ordered · 2 shipped · 1 cancelled · invoiced": the order's units at a glance (parts that are zero left out), and whether DSCO has its invoices. */
export function describeUnits(r: OrderRecord): string {
  let ordered = 0;
  let shipped = 0;
  let cancelled = 0;
  for (const l of r.lines) {
    ordered += l.quantity;
    shipped += l.shipped;
    cancelled += l.cancelled;
  }
  if (!r.lines.length) return '';
  const parts = [`${ordered} ordered`];
  if (shipped) parts.push(`${shipped} shipped`);
  if (cancelled) parts.push(`${cancelled} cancelled`);
  if (isInvoiced(r)) parts.push('invoiced');
  return parts.join(' · ');
}

const dateOrBlank = (t: number | undefined): Date | string => (t === undefined ? '' : new Date(t));

/** The Dashboard (and Archive) row of an order: the nine original columns, then Units, then the retailer and its deadlines (Sheets shows dates in the spreadsheet's time zone). */
export function dashboardRow(r: OrderRecord): unknown[] {
  return [
    r.flow,
    r.dscoOrderId,
    sheetText([r.poNumber, r.retailer].filter(Boolean).join(' / ')),
    r.ssOrderNumber ?? '',
    r.status,
    r.tracking.join(', '),
    new Date(r.receivedAt),
    new Date(r.updatedAt),
    sheetText(r.error ?? ''),
    describeUnits(r),
    sheetText(tradingPartnerLabel(r)),
    dateOrBlank(r.deadlines?.shipBy),
    dateOrBlank(r.deadlines?.ackBy),
    dateOrBlank(r.deadlines?.cancelAfter),
  ];
}
