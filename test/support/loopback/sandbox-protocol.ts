import type { DscoFault } from '../../fakes/dsco';
import type { FakeInventoryItem } from '../../fakes/dsco/dsco-inventory';
import type { FakeInvoice } from '../../fakes/dsco/dsco-invoices';
import type { DeepPartial, Order } from '../../fakes/dsco/dsco-types';
import type { ShipOrderInput, SsFault, SsFulfillment, SsOrder, SsShipment, SsStoreInput } from '../../fakes/shipstation';

/** Header carrying the caller's simulated time (epoch ms) on every sandbox request. */
export const SANDBOX_NOW_HEADER = 'x-sandbox-now';

export interface SandboxOptions {
  dsco?: { clientId?: string; clientSecret?: string; tokenTtlSeconds?: number; warehouseCodes?: string[] };
  shipstation?: { apiKey?: string; apiSecret?: string; stores?: SsStoreInput[] };
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
}
