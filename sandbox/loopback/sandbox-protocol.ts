import type { DscoFault } from '../fakes/dsco';
import type { FakeInventoryItem } from '../fakes/dsco/dsco-inventory';
import type { FakeInvoice } from '../fakes/dsco/dsco-invoices';
import type { DeepPartial, Order } from '../fakes/dsco/dsco-types';
import type { ShipOrderInput, SsFault, SsFulfillment, SsOrder, SsShipment, SsStoreInput } from '../fakes/shipstation';
import type { V2FakeShipment } from '../fakes/shipstation-v2';

/** Header carrying the caller's simulated time (epoch ms) on every sandbox request. */
export const SANDBOX_NOW_HEADER = 'x-sandbox-now';

export interface SandboxOptions {
  dsco?: { clientId?: string; clientSecret?: string; tokenTtlSeconds?: number; warehouseCodes?: string[] };
  shipstation?: { apiKey?: string; apiSecret?: string; stores?: SsStoreInput[] };
  /** The ShipStation API V2 fake, served beside V1 (its own port). */
  shipstationV2?: { apiKey?: string; storeIds?: number[] };
}

/** Everything the fakes hold, copied out of the server thread. */
export interface SandboxSnapshot {
  dscoOrders: Order[];
  ssOrders: SsOrder[];
  ssShipments: SsShipment[];
  ssFulfillments: SsFulfillment[];
  /** "METHOD /path" of every request each fake received, in order. */
  dscoRequests: string[];
  ssRequests: string[];
  /** DSCO contract violations the fake saw (should stay empty). */
  dscoViolations: string[];
  /** Invoices DSCO created, and the supplier's items with their stock. */
  dscoInvoices: FakeInvoice[];
  dscoInventory: FakeInventoryItem[];
  ssV2Shipments: V2FakeShipment[];
  ssV2Requests: string[];
  /** ShipStation V2 contract violations the fake saw (should stay empty). */
  ssV2Violations: string[];
}

/**
 * The control operations the server thread answers, each run at the caller's time `now` (epoch
 * ms) so the fakes' clock matches the caller's. Names follow the fakes' own methods.
 */
export interface SandboxOps {
  seedOrder(now: number, partial?: DeepPartial<Order>): Order;
  /** Adds an item to the supplier's DSCO catalog. */
  seedItem(now: number, sku: string, warehouses?: string[]): void;
  releaseOrder(now: number, dscoOrderId: string): void;
  retailerCancel(now: number, dscoOrderId: string, code?: string): void;
  retailerCancelRequest(now: number, dscoOrderId: string, code?: string): void;
  /** The ShipStation order created for a DSCO order (orderKey = dscoOrderId), if any. */
  ssOrderFor(now: number, dscoOrderId: string): SsOrder | undefined;
  shipOrder(now: number, ssOrderId: number, shipment: ShipOrderInput): SsShipment;
  voidShipment(now: number, shipmentId: number): void;
  cancelOrder(now: number, ssOrderId: number): void;
  markShippedWithoutLabel(now: number, ssOrderId: number, s: { trackingNumber: string; carrierCode: string; shipDate?: string }): SsFulfillment;
  dscoFault(now: number, fault: DscoFault): void;
  ssFault(now: number, fault: SsFault): void;
  clearFaults(now: number): void;
  snapshot(now: number): SandboxSnapshot;
  /** V2: the shipment created for a DSCO order (external_shipment_id = dscoOrderId), if any. */
  ssV2ShipmentFor(now: number, dscoOrderId: string): V2FakeShipment | undefined;
  /** V2: a person buys a label; returns its label_id. */
  ssV2BuyLabel(now: number, shipmentId: string, label: { trackingNumber: string; carrierCode: string; serviceCode: string; extraPackages?: string[] }): string;
  ssV2VoidLabel(now: number, labelId: string): void;
  ssV2CancelInUi(now: number, shipmentId: string): void;
}
