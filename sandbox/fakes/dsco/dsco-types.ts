/**
 * Shapes of the DSCO API v3 objects the fake keeps and serves, named after the spec's schema titles
 * (Order, OrderLineItem, Package, OrderId, ShipmentsForUpdate, OrderForCancel, ApiResponseMessage).
 * Only the fields the fake reads or writes are typed; any other spec field may be present (index signatures).
 */
export type DscoLifecycle = 'received' | 'created' | 'acknowledged' | 'completed';
export type DscoStatus = 'created' | 'shipment_pending' | 'shipped' | 'cancelled';
export type OrderIdType = 'DSCO_ORDER_ID' | 'PO_NUMBER' | 'SUPPLIER_ORDER_NUMBER';

export interface ApiResponseMessage {
  code: string;
  severity?: 'info' | 'warn' | 'error';
  description?: string | Record<string, unknown> | string[];
}

export interface OrderLineItemActivity {
  action: 'accept' | 'add' | 'cancel' | 'remove_status' | 'remove_shipment' | 'ship';
  quantity?: number | null;
  reason?: string;
  uuid?: string;
  activityDate?: string;
  [key: string]: unknown;
}

export interface OrderLineItem {
  quantity: number;
  lineNumber?: number | null;
  dscoItemId?: string | null;
  sku?: string | null;
  partnerSku?: string | null;
  upc?: string | null;
  ean?: string | null;
  title?: string | null;
  expectedCost?: number | null;
  consumerPrice?: number | null;
  status?: 'accepted' | 'rejected' | 'cancelled' | null;
  acceptedQuantity?: number | null;
  cancelledQuantity?: number | null;
  cancelledReason?: string | null;
  cancelCode?: string | null;
  rejectedQuantity?: number | null;
  cancelRequested?: boolean | null;
  cancelRequestedCode?: string | null;
  shippedQuantity?: number | null;
  remainingQuantity?: number | null;
  activity?: OrderLineItemActivity[] | null;
  [key: string]: unknown;
}

export interface PackageItem {
  quantity: number;
  lineNumber?: number | null;
  dscoItemId?: string;
  sku?: string | null;
  partnerSku?: string | null;
  originalOrderQuantity?: number | null;
  packageSpanFlag?: boolean | null;
  [key: string]: unknown;
}

export interface Package {
  trackingNumber: string;
  items: PackageItem[];
  shipDate?: string | null;
  shipCarrier?: string | null;
  shipMethod?: string | null;
  shippingServiceLevelCode?: string | null;
  dscoPackageId?: number | null;
  [key: string]: unknown;
}

export interface OrderShipping {
  city: string;
  region: string | null;
  postal: string;
  name?: string | null;
  address?: string[] | null;
  [key: string]: unknown;
}

export interface Order {
  dscoOrderId: string;
  poNumber: string;
  dscoLifecycle: DscoLifecycle;
  dscoStatus: DscoStatus;
  dscoCreateDate: string;
  dscoLastUpdate: string;
  lineItems: OrderLineItem[];
  shipping: OrderShipping;
  supplierOrderNumber?: string | null;
  consumerOrderNumber?: string | null;
  testFlag?: boolean | null;
  cancelRequested?: boolean | null;
  cancelRequestedCode?: string | null;
  packages?: Package[] | null;
  [key: string]: unknown;
}

/** Request item of POST /order/acknowledge (schema OrderId). */
export interface OrderId {
  id: string | number;
  type: OrderIdType;
  supplierOrderNumber?: string;
  [key: string]: unknown;
}

/** Line reference used by shipments and cancels: one of the item identifiers must be present. */
export interface LineRef {
  lineNumber?: number | null;
  dscoItemId?: string | null;
  sku?: string | null;
  partnerSku?: string | null;
  upc?: string | null;
  ean?: string | null;
}

export interface ShipmentLineItemForUpdate extends LineRef {
  quantity: number;
  packageSpanFlag?: boolean | null;
  [key: string]: unknown;
}

/** One element of ShipmentsForUpdate.shipments (schema ShipmentForUpdate). */
export interface ShipmentForUpdate {
  trackingNumber: string;
  lineItems: ShipmentLineItemForUpdate[];
  shipDate?: string;
  shipCarrier?: string;
  shipMethod?: string;
  shippingServiceLevelCode?: string;
  [key: string]: unknown;
}

/** Body of POST /order/singleShipment (schema ShipmentsForUpdate). */
export interface ShipmentsForUpdate {
  dscoOrderId?: string | null;
  poNumber?: string | null;
  supplierOrderNumber?: string | null;
  shipments: ShipmentForUpdate[];
  [key: string]: unknown;
}

export interface OrderLineItemForCancel extends LineRef {
  cancelledQuantity: number;
  cancelCode: string | null;
  cancelledReason?: string | null;
  [key: string]: unknown;
}

/** Body of POST /order/item/cancel (schema OrderForCancel). */
export interface OrderForCancel {
  id: string;
  type: OrderIdType;
  lineItems: OrderLineItemForCancel[];
}

export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
