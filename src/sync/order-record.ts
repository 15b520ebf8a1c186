/** The statuses an operations person sees in the Dashboard's Status column. */
export type OrderStatus = 'Received' | 'Sent to SS' | 'Shipped' | 'Cancelled' | 'Error';
export type Flow = 'DSCO → SS' | 'SS → DSCO';

/** The step an Error row failed at; retryFailed() redoes exactly that step. */
export type FailedStep = 'create' | 'acknowledge' | 'ship' | 'cancel-in-shipstation' | 'cancel-in-dsco' | 'attention';

export interface OrderLine {
  lineNumber: number;
  sku: string;
  dscoItemId: string;
  quantity: number;
  shipped: number;
  cancelled: number;
}

/**
 * Everything the engine remembers about one DSCO order. Stored as JSON in the hidden _Orders tab;
 * the Dashboard row is rendered from it.
 */
export interface OrderRecord {
  dscoOrderId: string;
  poNumber: string;
  retailer: string;
  status: OrderStatus;
  flow: Flow;
  ssOrderId?: number;
  /** The ShipStation order number: the DSCO order ID. Set once the order exists in ShipStation. */
  ssOrderNumber?: string;
  lines: OrderLine[];
  tracking: string[];
  receivedAt: number;
  updatedAt: number;
  error?: string;
  failedStep?: FailedStep;
  /** The acknowledgement: DSCO applies it asynchronously; confirmed once /order/log says success. */
  ack?: { requestId?: string; sentAt?: number; confirmedAt?: number; attempts: number };
  /** The retailer's cancel request being accepted: a retry must still answer it in DSCO. */
  cancelRequestCode?: string;
  /** Shipments sent to DSCO in an asynchronous batch whose outcome /order/log has not given yet. */
  pendingShipments?: PendingShipment[];
}

/**
 * A shipment handed to DSCO's asynchronous batch endpoint. Written to the sheet before the call, so
 * it is never sent twice: without a requestId the answer was lost (or the run stopped) and DSCO's
 * change log is searched before anything is sent again; with one, the change log gives the outcome.
 */
export interface PendingShipment {
  /** The ledger key: "S<shipmentId>" or "F<fulfillmentId>". */
  key: string;
  kind: 'label' | 'fulfillment';
  tracking: string;
  /** [lineNumber, quantity] pairs shipped. */
  lines: [number, number][];
  /** When ShipStation created the shipment: the shipment watermark stays at or before it while unresolved. */
  createdAt: number;
  sentAt: number;
  requestId?: string;
  /** Sent by Retry failed orders for an Error row: a success clears the row's error. */
  retry?: boolean;
}

export function openQuantity(line: OrderLine): number {
  return Math.max(0, line.quantity - line.shipped - line.cancelled);
}

export function isFinished(record: OrderRecord): boolean {
  return record.status === 'Shipped' || record.status === 'Cancelled';
}
