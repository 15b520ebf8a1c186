/**
 * The parts of DSCO's v3 objects this integration reads or sends (dsco-api-v3.yaml, titles
 * "Order", "OrderId", "ShipmentsForUpdate", "OrderForCancel", "SyncUpdateResponse",
 * "OrderChangeLogResponse"). Rithum adds attributes at any time, so every object stays open.
 */
export type DscoLifecycle = 'received' | 'created' | 'acknowledged' | 'completed';
export type DscoStatus = 'created' | 'shipment_pending' | 'shipped' | 'cancelled';

export interface DscoAddress {
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  company?: string | null;
  address?: string[] | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  region?: string | null;
  state?: string | null;
  postal?: string | null;
  country?: string | null;
  phone?: string | null;
  email?: string | null;
  addressType?: string | null;
  [extra: string]: unknown;
}

export interface DscoLineItem {
  lineNumber?: number | null;
  dscoItemId?: string | null;
  sku?: string | null;
  partnerSku?: string | null;
  title?: string | null;
  quantity: number;
  acceptedQuantity?: number | null;
  cancelledQuantity?: number | null;
  shippedQuantity?: number | null;
  expectedCost?: number | null;
  consumerPrice?: number | null;
  retailPrice?: number | null;
  status?: string | null;
  cancelRequested?: boolean | null;
  cancelRequestedCode?: string | null;
  [extra: string]: unknown;
}

export interface DscoOrder {
  dscoOrderId: string;
  poNumber: string;
  dscoLifecycle?: DscoLifecycle | null;
  dscoStatus?: DscoStatus | null;
  dscoCreateDate?: string | null;
  dscoLastUpdate?: string | null;
  dscoTradingPartnerId?: string | null;
  dscoTradingPartnerName?: string | null;
  consumerOrderNumber?: string | null;
  supplierOrderNumber?: string | null;
  testFlag?: boolean | null;
  shipByDate?: string | null;
  acknowledgeByDate?: string | null;
  cancelAfterDate?: string | null;
  expectedDeliveryDate?: string | null;
  giftFlag?: boolean | null;
  giftMessage?: string | null;
  packingSlipMessage?: string | null;
  cancelRequested?: boolean | null;
  cancelRequestedCode?: string | null;
  shipping?: DscoAddress | null;
  lineItems: DscoLineItem[];
  [extra: string]: unknown;
}

export interface DscoMessage {
  code: string;
  severity?: 'info' | 'warn' | 'error';
  description?: string | string[] | Record<string, unknown>;
}

export type DscoIdType = 'DSCO_ORDER_ID' | 'PO_NUMBER' | 'SUPPLIER_ORDER_NUMBER';

export interface DscoAcknowledgeItem {
  id: string;
  type: DscoIdType;
  supplierOrderNumber?: string;
}

/** SyncUpdateResponse: what acknowledge (202) and item cancel (200/202) answer. */
export interface DscoUpdateResponse {
  status: 'success' | 'failure' | 'pending';
  requestId: string;
  eventDate: string;
  messages?: DscoMessage[];
}

export interface DscoChangeLogEntry {
  payload: { id?: string; type?: DscoIdType; supplierOrderNumber?: string | null; [extra: string]: unknown };
  dateProcessed: string;
  status: 'pending' | 'success' | 'failure';
  requestMethod: 'api' | 'portal' | 'file';
  requestId?: string;
  results?: DscoMessage[];
}

export interface DscoChangeLog {
  /** PROCESSING until DSCO has handled every object of the request, then COMPLETED. */
  status?: 'PROCESSING' | 'COMPLETED';
  logs: DscoChangeLogEntry[];
}

export interface DscoShipmentLine {
  lineNumber?: number;
  dscoItemId?: string;
  sku?: string;
  quantity: number;
  /** "true if this line spans several tracking numbers" (spec, ShipmentForUpdate line items). */
  packageSpanFlag?: boolean;
}

export interface DscoShipment {
  trackingNumber: string;
  shipDate?: string;
  shipCarrier?: string;
  shipMethod?: string;
  shippingServiceLevelCode?: string;
  lineItems: DscoShipmentLine[];
}

/** ShipmentsForUpdate: the body of POST /order/singleShipment. */
export interface DscoShipmentsForUpdate {
  dscoOrderId?: string;
  poNumber?: string;
  supplierOrderNumber?: string;
  shipments: DscoShipment[];
}

export interface DscoCancelLine {
  lineNumber?: number;
  dscoItemId?: string;
  sku?: string;
  cancelledQuantity: number;
  cancelCode: string;
  cancelledReason?: string;
}

/** OrderForCancel: the body of POST /order/item/cancel. */
export interface DscoOrderForCancel {
  id: string;
  type: DscoIdType;
  lineItems: DscoCancelLine[];
}

export interface DscoOrderQuery {
  /** ISO 8601; DSCO reads it as inclusive. Either this or updatedSince. */
  createdSince?: string;
  /** ISO 8601; DSCO reads it as exclusive. */
  updatedSince?: string;
  /** ISO 8601; must be at least 5 s in the past. */
  until: string;
  statuses?: DscoStatus[];
  includeTestOrders?: boolean;
  ordersPerPage?: number;
}
