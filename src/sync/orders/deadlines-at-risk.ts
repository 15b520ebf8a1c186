import { DAY_MS } from '../../core/time/durations';
import type { RecordView } from './order-record';
import { openQuantity } from './order-record';
import { tradingPartnerLabel } from './trading-partner';

/** Orders still unshipped this close to their cancel-after date are reported (a retailer may cancel them and charge back). */
export const CANCEL_AFTER_WARNING_MS = DAY_MS;

/** An open order near a retailer deadline: its cancel-after date is within a day or passed, or its ship-by date passed. */
export interface OrderAtRisk {
  dscoOrderId: string;
  poNumber: string;
  retailer: string;
  deadline: 'cancelAfter' | 'shipBy';
  at: number;
  unitsOpen: number;
}

/**
 * The orders of the working book at risk of a retailer's deadline, from the records the run already
 * holds (no Sheets call). Only units still open count: shipped or cancelled orders never are.
 * Cancel-after comes first, as it is the one that loses the order.
 */
export function ordersAtRisk(records: readonly RecordView[], now: number): OrderAtRisk[] {
  const out: OrderAtRisk[] = [];
  for (const r of records) {
    const unitsOpen = r.lines.reduce((n, l) => n + openQuantity(l), 0);
    if (!unitsOpen || r.status === 'Shipped' || r.status === 'Cancelled') continue;
    const base = { dscoOrderId: r.dscoOrderId, poNumber: r.poNumber, retailer: tradingPartnerLabel(r), unitsOpen };
    const cancelAfter = r.deadlines?.cancelAfter;
    const shipBy = r.deadlines?.shipBy;
    if (cancelAfter !== undefined && cancelAfter - now <= CANCEL_AFTER_WARNING_MS) out.push({ ...base, deadline: 'cancelAfter', at: cancelAfter });
    else if (shipBy !== undefined && shipBy < now) out.push({ ...base, deadline: 'shipBy', at: shipBy });
  }
  return out.sort((a, b) => (a.deadline === b.deadline ? a.at - b.at : a.deadline === 'cancelAfter' ? -1 : 1));
}
