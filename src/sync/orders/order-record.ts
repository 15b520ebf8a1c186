import type { Frozen } from '../../core/types/frozen';

/** The statuses an operations person sees in the Dashboard's Status column. */
export type OrderStatus = 'Received' | 'Sent to SS' | 'Shipped' | 'Cancelled' | 'Error';
export type Flow = 'DSCO → SS' | 'SS → DSCO';

/** The step an Error row failed at; retryFailed() redoes exactly that step. */
export type FailedStep = 'create' | 'acknowledge' | 'ship' | 'cancel-in-shipstation' | 'cancel-in-dsco' | 'update-address' | 'invoice' | 'attention';

/** Who cancelled units of a line. */
export type CancelledBy = 'retailer' | 'supplier';

export interface OrderLine {
  lineNumber: number;
  sku: string;
  dscoItemId: string;
  /** Units ordered. */
  quantity: number;
  /** Units shipped (known to DSCO, or sent and accepted). */
  shipped: number;
  /** Units cancelled (in DSCO, or sent and accepted). */
  cancelled: number;
  /** Who cancelled the last cancelled units, with which code and when. */
  cancelledBy?: CancelledBy;
  cancelCode?: string;
  cancelledAt?: number;
  /** DSCO's line cost (`expectedCost`): what the retailer expects to pay per unit, the invoice's unit price. */
  expectedCost?: number;
}

/** A package sent to DSCO: the record is its own ledger, so a lost _Shipments tab never causes a second push. */
export interface ShippedPackage {
  /** "S<shipmentId>" for a label, "F<fulfillmentId>" for an order marked shipped without one. */
  key: string;
  tracking: string;
  /** [lineNumber, quantity] pairs. */
  lines: [number, number][];
  /** When DSCO took it. */
  at: number;
  /** When ShipStation created the label (or the shipment): the tracking lag is at − labelAt. */
  labelAt?: number;
}

/** A retailer's cancel request and what was done about it. */
export interface CancelRequest {
  code: string;
  /** new: not acted on yet; accepted: cancelled both sides; flagged: a person was asked (something shipped). */
  state: 'new' | 'accepted' | 'flagged';
}

/** A line cancellation sent to DSCO whose outcome is not known yet. */
export interface PendingCancel {
  /** Set when DSCO answered 202: the outcome is read from /order/log. Unset after a lost answer. */
  requestId?: string;
  code: string;
  reason: string;
  by: CancelledBy;
  lines: [number, number][];
  sentAt: number;
}

/**
 * Everything the engine remembers about one DSCO order. Stored as JSON in the hidden _Orders tab;
 * the Dashboard row is rendered from it. Change it only through the transitions of order-state.ts.
 */
export interface OrderRecord {
  dscoOrderId: string;
  poNumber: string;
  retailer: string;
  /** The DSCO trading partner (the retailer) by ID and name, kept apart from the PO for the Retailer column and the Retailers tab. */
  tradingPartner?: TradingPartner;
  /** Derived by order-state.ts from the lines and the flag; stored for the Dashboard. */
  status: OrderStatus;
  flow: Flow;
  ssOrderId?: number;
  /** The ShipStation order number: the DSCO order ID. Set once the order exists in ShipStation. */
  ssOrderNumber?: string;
  /** The ShipStation order's status as last seen or set by the sync ("cancelled", "shipped", ...). */
  ssStatus?: string;
  lines: OrderLine[];
  tracking: string[];
  /** Packages sent to DSCO, by shipment key. */
  packages?: ShippedPackage[];
  receivedAt: number;
  updatedAt: number;
  /** The retailer's deadlines from DSCO (epoch ms), kept up to date with the order. */
  deadlines?: Deadlines;
  /** The flag for a person: the row shows Error with this message until the step succeeds or Retry clears it. */
  error?: string;
  failedStep?: FailedStep;
  /** The acknowledgement: DSCO applies it asynchronously; confirmed once /order/log says success. */
  ack?: { requestId?: string; sentAt?: number; confirmedAt?: number; attempts: number };
  /** The retailer's cancel request, once seen. */
  cancelRequest?: CancelRequest;
  /** The code of the first attempt to cancel in DSCO: a retry uses the same one. */
  cancelCode?: string;
  pendingCancel?: PendingCancel;
  /** A fingerprint of DSCO's ship-to address as last written to ShipStation. */
  shipToHash?: string;
  /** The ship-to address changed in DSCO and is not yet written to the ShipStation order. */
  addressChanged?: boolean;
  /** The retailer cancelled what ShipStation shipped: a person was told once. */
  cancelConflict?: boolean;
  /** Units DSCO showed shipped outside this sync, as last reported to a person. */
  shippedElsewhere?: string;
  /** DSCO's dscoLastUpdate of the version last absorbed from its updates feed. */
  dscoLastUpdate?: string;
  /** When both systems were last read for this order by the reconciliation sweep. */
  verifiedAt?: number;
  /** Shipments sent to DSCO in an asynchronous batch whose outcome /order/log has not given yet. */
  pendingShipments?: PendingShipment[];
  /** DSCO marked the order as a test order (`testFlag`): invoiced only while test orders are included. */
  testOrder?: boolean;
  /** Invoices sent to DSCO for this order, by invoice ID. */
  invoices?: OrderInvoice[];
}

/** An order record to read, not to change: what the order book hands out for scans (see OrderBook.view). */
export type RecordView = Frozen<OrderRecord>;

/**
 * An invoice sent to DSCO. Its ID is derived from the order (and shipment), and DSCO refuses a
 * reused invoice ID, so sending it again can never bill twice; an invoice attempted before is
 * looked up by ID in DSCO before it is sent again.
 */
export interface OrderInvoice {
  invoiceId: string;
  /** "order" for the whole order, or the package key ("S…"/"F…") of the shipment it bills. */
  covers: string;
  /** sent: DSCO created it (201, or found by ID); unconfirmed: the answer was lost; refused: DSCO said no (the row is an Error). */
  state: 'sent' | 'unconfirmed' | 'refused';
  totalAmount: number;
  /** When it was last sent, or confirmed. */
  at: number;
  /** When it was first sent. */
  firstAt: number;
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

/** A DSCO trading partner: `dscoTradingPartnerId` and `dscoTradingPartnerName` of the order. */
export interface TradingPartner {
  id?: string;
  name?: string;
}

/** Retailer deadlines from DSCO's order (acknowledgeByDate, shipByDate, cancelAfterDate, expectedDeliveryDate). */
export interface Deadlines {
  ackBy?: number;
  shipBy?: number;
  cancelAfter?: number;
  expectedDelivery?: number;
}

export function openQuantity(line: Frozen<OrderLine>): number {
  return Math.max(0, line.quantity - line.shipped - line.cancelled);
}

/** Nothing is open and nothing waits (an invoice whose answer was lost waits): the order can leave the working book. */
export function isFinished(record: RecordView): boolean {
  return (record.status === 'Shipped' || record.status === 'Cancelled') && !(record.invoices ?? []).some((i) => i.state === 'unconfirmed');
}
