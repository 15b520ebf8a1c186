import { toPacificLocal } from '../../core/time/pacific-time';
import type { DscoAddress, DscoOrder } from '../../dsco/dsco-types';
import type { SsAddress, SsOrder, SsOrderItem } from '../../shipstation/shipstation-types';
import { MappingError } from './mapping-error';

const MAX_TEXT = 200;
const MAX_NOTES = 1000;

function clean(value: unknown, max = MAX_TEXT): string | null {
  if (value === undefined || value === null) return null;
  // Control characters (other than tab and line breaks) are dropped: they break labels and cells.
  // eslint-disable-next-line no-control-regex
  const s = String(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').trim();
  if (!s) return null;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function streetLines(a: DscoAddress): string[] {
  const lines = Array.isArray(a.address) && a.address.length ? a.address : [a.address1, a.address2];
  return lines.map((l) => clean(l)).filter((l): l is string => l !== null);
}

/** DSCO `shipping` → ShipStation shipTo: the `address` array first, the deprecated flat fields as fallback. */
export function mapShipTo(order: DscoOrder): SsAddress {
  const s = order.shipping;
  const where = `PO ${order.poNumber}`;
  if (!s) throw new MappingError(`DSCO sent no ship-to address for ${where}. Ask the retailer to correct the order, then use Retry failed orders.`);
  const name = clean(s.name) ?? clean([s.firstName, s.lastName].filter(Boolean).join(' '));
  const street = streetLines(s);
  const missing = [
    name ? '' : 'name',
    street.length ? '' : 'street address',
    clean(s.city) ? '' : 'city',
    clean(s.postal) ? '' : 'postal code',
  ].filter(Boolean);
  if (missing.length) {
    throw new MappingError(
      `DSCO sent an incomplete ship-to address for ${where} (missing ${missing.join(', ')}). Ask the retailer to correct the order in DSCO, then use Retry failed orders.`,
    );
  }
  const type = String(s.addressType ?? '').toLowerCase();
  return {
    name,
    company: clean(s.company),
    street1: street[0] ?? null,
    street2: street[1] ?? null,
    street3: street.slice(2).join(', ') || null,
    city: clean(s.city),
    state: clean(s.region) ?? clean(s.state),
    postalCode: clean(s.postal, 20),
    country: clean(s.country, 2) ?? 'US',
    phone: clean(s.phone, 40),
    residential: type === 'residential' ? true : type === 'commercial' ? false : null,
  };
}

function mapItems(order: DscoOrder): SsOrderItem[] {
  const where = `PO ${order.poNumber}`;
  if (!Array.isArray(order.lineItems) || order.lineItems.length === 0) {
    throw new MappingError(`DSCO sent ${where} without any order lines. Check the order in DSCO with the retailer.`);
  }
  const seen = new Set<number>();
  const items = order.lineItems.map((line, i) => {
    const lineNumber = typeof line.lineNumber === 'number' ? line.lineNumber : i + 1;
    if (seen.has(lineNumber)) throw new MappingError(`DSCO sent ${where} with line number ${lineNumber} twice. Check the order in DSCO with the retailer.`);
    seen.add(lineNumber);
    const quantity = Number(line.quantity);
    if (!Number.isInteger(quantity) || quantity <= 0) {
      throw new MappingError(`Line ${lineNumber} of ${where} has quantity ${JSON.stringify(line.quantity)}; only whole quantities above 0 can ship. Check the order in DSCO with the retailer.`);
    }
    // Units the retailer cancelled (or that already shipped) are not sent to ship again.
    const open = quantity - Math.max(0, Number(line.cancelledQuantity) || 0) - Math.max(0, Number(line.shippedQuantity) || 0);
    const sku = clean(line.sku) ?? clean(line.partnerSku) ?? clean(line.dscoItemId);
    const price = [line.expectedCost, line.consumerPrice, line.retailPrice].find((p) => typeof p === 'number' && Number.isFinite(p));
    return {
      lineItemKey: String(lineNumber),
      sku,
      name: clean(line.title) ?? sku ?? `Line ${lineNumber}`,
      quantity: Math.max(0, open),
      unitPrice: typeof price === 'number' ? price : 0,
    };
  });
  const open = items.filter((item) => item.quantity > 0);
  if (!open.length) throw new MappingError(`Nothing is left to ship on ${where}: every unit is cancelled or shipped in DSCO.`);
  return open;
}

function requestedService(order: DscoOrder): string | null {
  const carrier = clean(order.shipCarrier ?? order.requestedShipCarrier, 60);
  const method = clean(order.shipMethod ?? order.requestedShipMethod, 60);
  const code = clean(order.shippingServiceLevelCode ?? order.requestedShippingServiceLevelCode, 20);
  const text = [carrier, method].filter(Boolean).join(' ');
  if (text && code) return `${text} (${code})`;
  return text || code;
}

function pacific(iso: unknown): string | null {
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? toPacificLocal(t) : null;
}

/**
 * The ShipStation order for a DSCO order: orderNumber and orderKey are the DSCO order ID (the key
 * makes createorders an upsert, so a retry never duplicates), status awaiting_shipment, in the
 * configured store. Throws MappingError when DSCO's data cannot make a shippable order.
 */
export function mapToShipStationOrder(order: DscoOrder, storeId: number, now: number): SsOrder {
  const shipTo = mapShipTo(order);
  const items = mapItems(order);
  const created = pacific(order.retailerCreateDate) ?? pacific(order.consumerOrderDate) ?? pacific(order.dscoCreateDate) ?? toPacificLocal(now);
  const retailer = clean(order.dscoTradingPartnerName) ?? clean(order.dscoTradingPartnerId) ?? '';
  return {
    orderNumber: order.dscoOrderId,
    orderKey: order.dscoOrderId,
    orderDate: created,
    orderStatus: 'awaiting_shipment',
    shipByDate: pacific(order.shipByDate),
    requestedShippingService: requestedService(order),
    customerNotes: clean(order.packingSlipMessage, MAX_NOTES),
    gift: order.giftFlag === true || !!clean(order.giftMessage),
    giftMessage: clean(order.giftMessage, MAX_NOTES),
    billTo: { name: shipTo.name, street1: null, city: null, state: null, postalCode: null, country: shipTo.country },
    shipTo,
    items,
    advancedOptions: {
      storeId,
      customField1: clean(`PO ${order.poNumber}`),
      customField2: retailer || null,
      customField3: clean(order.consumerOrderNumber),
    },
  };
}
