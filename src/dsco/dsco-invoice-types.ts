/** The parts of DSCO's v3 Invoice (spec schema "Invoice", "InvoiceLineItem") this integration sends and reads. */
export interface DscoInvoiceLine {
  lineNumber?: number;
  sku?: string;
  dscoItemId?: string;
  quantity: number;
  unitPrice: number;
  subtotal?: number;
  [extra: string]: unknown;
}

export interface DscoInvoice {
  invoiceId: string;
  dscoOrderId?: string;
  poNumber?: string;
  invoiceDate?: string;
  totalAmount: number;
  lineItemsSubtotal?: number;
  numberOfLineItems?: number;
  lineItems?: DscoInvoiceLine[];
  /** Read only, set by DSCO. */
  dscoInvoiceId?: string;
  [extra: string]: unknown;
}
