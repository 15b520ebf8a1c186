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
}

export function openQuantity(line: OrderLine): number {
  return Math.max(0, line.quantity - line.shipped - line.cancelled);
}

export function isFinished(record: OrderRecord): boolean {
  return record.status === 'Shipped' || record.status === 'Cancelled';
}
