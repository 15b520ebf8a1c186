/**
 * Wire shapes of the ShipStation V1 ("legacy") API as the fake serves them.
 * Field names follow the 2019 apiary spec (S1) and the notes (shipstation-api.md §3, §7, §11).
 * Every date string is US Pacific local time without an offset (notes §12); see ss-pacific-time.ts.
 */

export type SsOrderStatus =
  | 'awaiting_payment'
  | 'awaiting_shipment'
  | 'pending_fulfillment'
  | 'shipped'
  | 'on_hold'
  | 'cancelled'
  | 'rejected_fulfillment';

export interface SsAddress {
  name: string | null;
  company: string | null;
  street1: string | null;
  street2: string | null;
  street3: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  residential: boolean | null;
  addressVerified: string | null; // read-only
}

export interface SsWeight {
  value: number;
  units: string;
}

export interface SsItemOption {
  name: string;
  value: string;
}

export interface SsOrderItem {
  orderItemId: number; // read-only
  lineItemKey: string | null;
  sku: string | null;
  name: string;
  imageUrl: string | null;
  weight: SsWeight | null;
  quantity: number;
  unitPrice: number;
  taxAmount: number | null;
  shippingAmount: number | null;
  warehouseLocation: string | null;
  options: SsItemOption[];
  productId: number | null;
  fulfillmentSku: string | null;
  adjustment: boolean;
  upc: string | null;
  createDate: string; // read-only, short Pacific form e.g. 2015-07-16T14:00:34.823
  modifyDate: string; // read-only
}

export interface SsAdvancedOptions {
  warehouseId: number | null;
  nonMachinable: boolean;
  saturdayDelivery: boolean;
  containsAlcohol: boolean;
  mergedOrSplit: boolean; // read-only
  mergedIds: number[]; // read-only
  parentId: number | null; // read-only
  storeId: number; // create-time only
  customField1: string | null;
  customField2: string | null;
  customField3: string | null;
  source: string | null;
  billToParty: string | null;
  billToAccount: string | null;
  billToPostalCode: string | null;
  billToCountryCode: string | null;
  billToMyOtherAccount: string | null;
}

export interface SsOrder {
  orderId: number;
  orderNumber: string;
  orderKey: string;
  orderDate: string; // 2024-05-01T09:30:00.0000000 (Pacific)
  createDate: string;
  modifyDate: string;
  paymentDate: string | null;
  shipByDate: string | null;
  orderStatus: SsOrderStatus;
  customerId: number | null;
  customerUsername: string | null;
  customerEmail: string | null;
  billTo: SsAddress;
  shipTo: SsAddress;
  items: SsOrderItem[];
  orderTotal: number;
  amountPaid: number;
  taxAmount: number;
  shippingAmount: number;
  customerNotes: string | null;
  internalNotes: string | null;
  gift: boolean;
  giftMessage: string | null;
  paymentMethod: string | null;
  requestedShippingService: string | null;
  carrierCode: string | null;
  serviceCode: string | null;
  packageCode: string | null;
  confirmation: string | null;
  shipDate: string | null; // date only: 2015-07-02
  holdUntilDate: string | null; // date only
  weight: SsWeight;
  dimensions: unknown;
  insuranceOptions: unknown;
  internationalOptions: unknown;
  advancedOptions: SsAdvancedOptions;
  tagIds: number[] | null;
  userId: string | null;
  externallyFulfilled: boolean;
  externallyFulfilledBy: string | null;
  externallyFulfilledById: number | null;
  externallyFulfilledByName: string | null;
  labelMessages: unknown;
}

/** An OrderItem copy with the shipped quantity. */
export type SsShipmentItem = SsOrderItem;

export interface SsShipmentAddress {
  name: string | null;
  company: string | null;
  street1: string | null;
  street2: string | null;
  street3: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  residential: boolean | null;
  addressVerified: string | null;
}

export interface SsShipment {
  shipmentId: number;
  orderId: number;
  orderKey: string;
  userId: string | null;
  customerEmail: string | null;
  orderNumber: string;
  createDate: string; // 2014-10-03T06:51:33.6270000 (Pacific)
  shipDate: string; // date only: 2014-10-03 (Pacific date)
  shipmentCost: number;
  insuranceCost: number;
  trackingNumber: string;
  isReturnLabel: boolean;
  batchNumber: string | null;
  carrierCode: string;
  serviceCode: string | null;
  packageCode: string | null;
  confirmation: string | null;
  warehouseId: number | null;
  voided: boolean;
  voidDate: string | null; // 7-digit Pacific timestamp once voided
  marketplaceNotified: boolean;
  notifyErrorMessage: string | null;
  shipTo: SsShipmentAddress;
  weight: SsWeight | null;
  dimensions: unknown;
  insuranceOptions: unknown;
  advancedOptions: {
    billToParty: string | null;
    billToAccount: string | null;
    billToPostalCode: string | null;
    billToCountryCode: string | null;
    storeId: number;
  };
  /** Always filled in the fake's store; GET /shipments returns null unless includeShipmentItems=true. */
  shipmentItems: SsShipmentItem[] | null;
  labelData: string | null;
  formData: string | null;
}

export interface SsFulfillment {
  fulfillmentId: number;
  orderId: number;
  orderNumber: string;
  userId: string | null;
  customerEmail: string | null;
  trackingNumber: string | null;
  createDate: string; // 7-digit Pacific timestamp
  shipDate: string; // 2016-06-07T00:00:00.0000000 (Pacific date at midnight)
  voidDate: string | null;
  deliveryDate: string | null;
  carrierCode: string;
  sellerFillProviderId: number | null;
  sellerFillProviderName: string | null;
  fulfillmentServiceCode: string | null;
  fulfillmentProviderCode: string | null;
  fulfillmentFee: number;
  voidRequested: boolean;
  voided: boolean;
  marketplaceNotified: boolean;
  notifyErrorMessage: string | null;
  shipTo: SsShipmentAddress;
}

export interface SsStore {
  storeId: number;
  storeName: string;
  marketplaceId: number;
  marketplaceName: string;
  accountName: string | null;
  email: string | null;
  integrationUrl: string | null;
  active: boolean;
  companyName: string;
  phone: string;
  publicEmail: string;
  website: string;
  refreshDate: string | null;
  lastRefreshAttempt: string | null;
  createDate: string;
  modifyDate: string;
  autoRefresh: boolean;
}

/** POST /orders/createorders response (S1 example; C1/C2 types). */
export interface SsCreateOrdersResult {
  hasErrors: boolean;
  results: {
    orderId: number | null;
    orderNumber: string | null;
    orderKey: string | null;
    success: boolean;
    errorMessage: string | null;
  }[];
}
