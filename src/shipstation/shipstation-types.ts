/**
 * ShipStation V1 objects as this integration uses them (shipstation-v1-swagger.yaml and the V1
 * docs). Dates are Pacific local time without an offset; see core/time/pacific-time.ts.
 */
export type SsOrderStatus = 'awaiting_payment' | 'awaiting_shipment' | 'pending_fulfillment' | 'shipped' | 'on_hold' | 'cancelled';

export interface SsAddress {
  name: string | null;
  company?: string | null;
  street1: string | null;
  street2?: string | null;
  street3?: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  phone?: string | null;
  residential?: boolean | null;
}

export interface SsOrderItem {
  lineItemKey?: string | null;
  sku?: string | null;
  name: string;
  quantity: number;
  unitPrice?: number | null;
  [extra: string]: unknown;
}

export interface SsAdvancedOptions {
  storeId?: number | null;
  customField1?: string | null;
  customField2?: string | null;
  customField3?: string | null;
  [extra: string]: unknown;
}

export interface SsOrder {
  orderId?: number;
  orderNumber: string;
  orderKey?: string;
  orderDate: string;
  orderStatus: SsOrderStatus;
  modifyDate?: string;
  shipByDate?: string | null;
  requestedShippingService?: string | null;
  customerNotes?: string | null;
  internalNotes?: string | null;
  gift?: boolean;
  giftMessage?: string | null;
  billTo: SsAddress;
  shipTo: SsAddress;
  items: SsOrderItem[];
  advancedOptions?: SsAdvancedOptions;
  [extra: string]: unknown;
}

/** One entry of `POST /orders/createorders` results. */
export interface SsCreateOrderResult {
  orderId: number;
  orderNumber: string;
  orderKey: string;
  success: boolean;
  errorMessage: string | null;
}

export interface SsShipmentItem {
  lineItemKey?: string | null;
  sku?: string | null;
  name?: string | null;
  quantity: number;
  [extra: string]: unknown;
}

export interface SsShipment {
  shipmentId: number;
  orderId: number;
  orderKey?: string | null;
  orderNumber: string;
  createDate?: string;
  shipDate?: string;
  trackingNumber?: string | null;
  carrierCode?: string | null;
  serviceCode?: string | null;
  isReturnLabel?: boolean;
  voided?: boolean;
  voidDate?: string | null;
  shipmentItems?: SsShipmentItem[] | null;
  advancedOptions?: SsAdvancedOptions | null;
  [extra: string]: unknown;
}

export interface SsFulfillment {
  fulfillmentId: number;
  orderId: number;
  orderNumber: string;
  trackingNumber?: string | null;
  carrierCode?: string | null;
  shipDate?: string | null;
  createDate?: string | null;
  voided?: boolean;
  voidDate?: string | null;
  [extra: string]: unknown;
}

export interface SsStore {
  storeId: number;
  storeName: string;
  marketplaceName?: string | null;
  active?: boolean;
  [extra: string]: unknown;
}
