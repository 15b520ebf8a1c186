import { fromPacificLocal } from '../../core/time/pacific-time';
import type { SsFulfillment, SsShipment } from '../../shipstation/shipstation-types';

/** A ShipStation label shipment or fulfillment, in one shape. */
export interface ShipmentCandidate {
  key: string;
  kind: 'label' | 'fulfillment';
  orderId: number;
  orderKey: string;
  orderNumber: string;
  tracking: string;
  carrierCode: string;
  serviceCode: string;
  shipDate: string;
  createdAt: number;
  voided: boolean;
  isReturnLabel: boolean;
  items: { lineItemKey: string; sku: string; quantity: number }[] | null;
  /** Found by the reconciliation sweep rather than the incremental read: its push is logged as a repair. */
  foundBySweep?: boolean;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

export function fromShipment(s: SsShipment): ShipmentCandidate {
  return {
    key: `S${s.shipmentId}`,
    kind: 'label',
    orderId: Number(s.orderId) || 0,
    orderKey: text(s.orderKey),
    orderNumber: text(s.orderNumber),
    tracking: text(s.trackingNumber),
    carrierCode: text(s.carrierCode),
    serviceCode: text(s.serviceCode),
    shipDate: text(s.shipDate),
    createdAt: fromPacificLocal(text(s.createDate)) || 0,
    voided: s.voided === true,
    isReturnLabel: s.isReturnLabel === true,
    items: Array.isArray(s.shipmentItems)
      ? s.shipmentItems.map((i) => ({ lineItemKey: text(i.lineItemKey), sku: text(i.sku), quantity: Number(i.quantity) || 0 }))
      : null,
  };
}

export function fromFulfillment(f: SsFulfillment): ShipmentCandidate {
  return {
    key: `F${f.fulfillmentId}`,
    kind: 'fulfillment',
    orderId: Number(f.orderId) || 0,
    orderKey: '',
    orderNumber: text(f.orderNumber),
    tracking: text(f.trackingNumber),
    carrierCode: text(f.carrierCode),
    serviceCode: '',
    shipDate: text(f.shipDate),
    createdAt: fromPacificLocal(text(f.createDate)) || 0,
    voided: f.voided === true,
    isReturnLabel: false,
    items: null,
  };
}
