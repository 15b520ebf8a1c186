import { ApiError, NetworkError } from '../core/errors';
import type { SsCreateOrderResult, SsOrder } from '../shipstation/shipstation-types';
import { toV2CreateShipment, V2MappingError } from './map-v2';
import type { V2Address, V2CreateShipment, V2Shipment } from './shipstation-v2-types';
import { toV1Number } from './v2-ids';

/** V2 answers a repeated external_shipment_id with an error whose form is unknown (HTTP 400/409 or a per-shipment error). */
const DUPLICATE = /identifier_conflict|field_conflict|already exists|duplicate|external_shipment_id/i;

export interface GuardedCreateDeps {
  /** POST /v2/shipments, never retried by itself (not idempotent). */
  post(shipments: V2CreateShipment[]): { shipments?: V2Shipment[] };
  /** GET /v2/shipments/external_shipment_id/{id}; undefined when V2 has none. */
  lookup(externalId: string): V2Shipment | undefined;
  /** Keeps a created shipment for the rest of the run. */
  remember(shipment: V2Shipment): void;
}

type Slot = { index: number; body: V2CreateShipment };

/**
 * Creates one batch of orders as V2 shipments, `external_shipment_id` = the DSCO order ID. V2 has no
 * upsert and refuses a second shipment with the same external ID, so nothing is ever sent twice
 * blindly: after an unclear answer (no response, 5xx) or a refusal that could be a duplicate, each
 * order of the batch is looked up by external ID first. One that exists is reported refused with
 * its orderId (the engine adopts it after checking its key and store, as for V1); only those not
 * found are sent again, once. An order created by an earlier, interrupted run is caught the same
 * way, through V2's own duplicate refusal. Returns one result per order, in order.
 */
export function createShipmentsGuarded(batch: SsOrder[], shipFrom: () => V2Address, deps: GuardedCreateDeps): SsCreateOrderResult[] {
  const results: (SsCreateOrderResult | undefined)[] = batch.map(() => undefined);
  const slots: Slot[] = [];
  const from = batch.length ? shipFrom() : undefined;
  batch.forEach((order, index) => {
    try {
      slots.push({ index, body: toV2CreateShipment(order, from as V2Address) });
    } catch (e) {
      if (!(e instanceof V2MappingError)) throw e;
      results[index] = refused(order, e.message);
    }
  });

  /** The order already exists under its external ID: reported refused with its orderId, for the engine to adopt. */
  const adoptExisting = ({ index, body }: Slot): boolean => {
    const existing = deps.lookup(body.external_shipment_id);
    if (!existing || !toV1Number(existing.shipment_id)) return false;
    results[index] = {
      orderId: toV1Number(existing.shipment_id),
      orderNumber: existing.shipment_number || body.external_shipment_id,
      orderKey: body.external_shipment_id,
      success: false,
      errorMessage: `ShipStation already has an order for ${batch[index].orderKey ?? body.external_shipment_id}.`,
    };
    return true;
  };

  const send = (sending: Slot[], mayResend: boolean): void => {
    let json: { shipments?: V2Shipment[] };
    try {
      json = deps.post(sending.map((b) => b.body));
    } catch (e) {
      const unclear = e instanceof NetworkError || (e instanceof ApiError && e.status >= 500);
      const duplicate = e instanceof ApiError && e.status >= 400 && e.status < 500 && DUPLICATE.test(`${e.code ?? ''} ${e.message}`);
      if (!unclear && !duplicate) throw e;
      // Look before sending again: whatever exists is the order, not a reason for a second one.
      const left = sending.filter((slot) => !adoptExisting(slot));
      if (!left.length) return;
      if (left.length === sending.length && (duplicate || !mayResend)) throw e;
      send(left, false);
      return;
    }
    const answered = Array.isArray(json?.shipments) ? json.shipments : [];
    for (const slot of sending) {
      const s = answered.find((x) => x.external_shipment_id === slot.body.external_shipment_id);
      const errors = (s?.errors ?? []).filter(Boolean);
      if (s && toV1Number(s.shipment_id) && !errors.length) {
        deps.remember(s);
        results[slot.index] = { orderId: toV1Number(s.shipment_id), orderNumber: s.shipment_number || slot.body.external_shipment_id, orderKey: slot.body.external_shipment_id, success: true, errorMessage: null };
      } else if (!adoptExisting(slot)) {
        results[slot.index] = refused(batch[slot.index], errors.length ? errors.join(' ') : 'ShipStation did not report a result for this order.');
      }
    }
  };

  if (slots.length) send(slots, true);
  return results.map((r, i) => r ?? refused(batch[i], 'ShipStation did not report a result for this order.'));
}

function refused(order: SsOrder, message: string): SsCreateOrderResult {
  return { orderId: 0, orderNumber: order.orderNumber, orderKey: order.orderKey ?? '', success: false, errorMessage: message };
}
