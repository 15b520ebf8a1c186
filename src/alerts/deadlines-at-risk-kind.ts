import type { AlertKind } from './alert-kinds';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Orders still unshipped near their cancel-after date (or past their ship-by date): the retailer may
 * cancel them or charge back. Keyed by order, deadline and date, so an order is mailed once per
 * deadline, and again only if the retailer moves the date.
 */
export function deadlinesAtRiskKind(): AlertKind {
  return {
    id: 'deadlines',
    heading: (n) => `${plural(n, 'order', 'orders')} at risk of missing the retailer's cancel-after or ship-by date`,
    advice: 'Ship them today, or agree a new date with the retailer; the Dashboard colours them in Ship by and Cancel after.',
    detect: (f) =>
      f.ordersAtRisk?.map((o) => ({
        key: `${o.dscoOrderId}:${o.deadline}:${o.at}`,
        text:
          `Order ${o.dscoOrderId} (PO ${o.poNumber}${o.retailer ? `, ${o.retailer}` : ''}): ` +
          `${o.deadline === 'cancelAfter' ? `cancel after ${f.formatTime(o.at)}` : `ship by ${f.formatTime(o.at)} has passed`}, ` +
          `${plural(o.unitsOpen, 'unit', 'units')} not shipped.`,
      })),
  };
}
