import type { DscoOrder } from '../../dsco/dsco-types';
import type { RecordView, TradingPartner } from './order-record';

/** The order's trading partner (the retailer) as DSCO names it; undefined when DSCO gives neither ID nor name. */
export function tradingPartnerOf(order: DscoOrder): TradingPartner | undefined {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
  const id = text(order.dscoTradingPartnerId);
  const name = text(order.dscoTradingPartnerName);
  if (!id && !name) return undefined;
  const p: TradingPartner = {};
  if (id) p.id = id;
  if (name) p.name = name;
  return p;
}

/** The retailer's name for a person (its ID when DSCO gives no name); records from before the field fall back to `retailer`. */
export function tradingPartnerLabel(r: RecordView): string {
  return r.tradingPartner?.name ?? r.tradingPartner?.id ?? r.retailer;
}
