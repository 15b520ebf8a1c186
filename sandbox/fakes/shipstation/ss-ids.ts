/** Deterministic id sequences, distinct ranges per kind so ids are never confused in tests. */
export interface SsIds {
  orderId(): number;
  orderItemId(): number;
  shipmentId(): number;
  fulfillmentId(): number;
  orderKey(): string; // generated when createorder has no orderKey: GUID-shaped, like the S1 example
}

export function createIds(): SsIds {
  let order = 100_000_000;
  let item = 500_000_000;
  let shipment = 200_000_000;
  let fulfillment = 300_000_000;
  let key = 0;
  return {
    orderId: () => ++order,
    orderItemId: () => ++item,
    shipmentId: () => ++shipment,
    fulfillmentId: () => ++fulfillment,
    orderKey: () => `00000000-0000-4000-8000-${String(++key).padStart(12, '0')}`,
  };
}

/** The userId ShipStation puts on records made by "the warehouse person" (a GUID in S1 examples). */
export const WAREHOUSE_USER_ID = '123456ab-ab12-3c4d-5e67-89f1abc1defa';
