import type { SsCreateOrderResult, SsFulfillment, SsOrder, SsOrderStatus, SsShipment, SsStore } from './shipstation-types';

export interface ListOrdersQuery {
  storeId?: number;
  orderStatus?: SsOrderStatus;
  orderNumber?: string;
  /** Epoch ms. */
  modifiedSince?: number;
  /** V1: oldest created first, and no page after the first for which this says enough. */
  oldestFirstUntil?: (page: SsOrder[]) => boolean;
}

export interface ListShipmentsQuery {
  storeId?: number;
  /** The DSCO order ID (V1 orderNumber and orderKey; V2 external_shipment_id). */
  orderNumber?: string;
  /** Epoch ms; V1 filters by the Pacific calendar date of shipDate. */
  shipDateStart?: number;
  /** Epoch ms. */
  createdSince?: number;
  includeShipmentItems?: boolean;
}

export interface ListFulfillmentsQuery {
  orderNumber?: string;
  /** Epoch ms; V1 filters by the Pacific calendar date. */
  shipDateStart?: number;
  createdSince?: number;
}

/** What Test connection says about the ShipStation account, when the back end checks it itself. */
export interface ShipStationSetupCheck {
  ok: boolean;
  message: string;
  stores: SsStore[];
}

/**
 * The role the engine needs from ShipStation, in V1's shapes (SsOrder, SsShipment, SsFulfillment,
 * Pacific local dates). V1 (ShipStationClient) is this role as it is; V2 (ShipStationV2Client)
 * maps its shipments, labels and fulfillments into these shapes.
 *
 * Why V1's shapes rather than neutral ones: the engine already speaks them in every step, its
 * tests and its reliability suite pin that behaviour, and the V2 mapping is one file. A neutral
 * model would change every step for no behaviour gained. Two V1 idioms have a V2 meaning:
 * - an order sent with `orderStatus: 'cancelled'` (createOrder / createOrders) is a cancel: V2
 *   voids the shipment's labels and calls its cancel endpoint;
 * - a create never makes a second order for the same orderKey (V1 upserts; V2 looks the external
 *   ID up after any unclear answer, and reports an existing order as refused with its orderId, which
 *   the engine adopts).
 */
export interface ShipStationPort {
  /** 'V1' or 'V2', for messages. */
  readonly apiVersion: 'V1' | 'V2';
  listStores(includeInactive?: boolean): SsStore[];
  /** One result per order, in the order given. */
  createOrders(orders: SsOrder[]): SsCreateOrderResult[];
  /** Updates one open order (V1 upsert), or cancels it when orderStatus is 'cancelled'. */
  createOrder(order: SsOrder): SsOrder;
  getOrder(orderId: number): SsOrder | undefined;
  listOrders(query: ListOrdersQuery): SsOrder[];
  listShipments(query: ListShipmentsQuery): SsShipment[];
  listFulfillments(query: ListFulfillmentsQuery): SsFulfillment[];
  /**
   * Test connection's ShipStation check, for a back end that cannot list stores (V2): it says
   * what it could and could not check. Absent: the store is checked against listStores().
   */
  checkSetup?(storeId: number | null): ShipStationSetupCheck;
}
