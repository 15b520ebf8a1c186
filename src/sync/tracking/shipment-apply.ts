import { fromPacificLocal } from '../../core/time/pacific-time';
import type { DscoShipment } from '../../dsco/dsco-types';
import type { DscoShipService } from './carrier-map';
import type { CycleContext } from '../cycle/cycle-context';
import type { OrderRecord } from '../orders/order-record';
import { applyShipment } from '../orders/order-state';
import type { ShipmentCandidate } from './shipment-candidates';

/** A shipment about to go to DSCO. */
export interface Push {
  record: OrderRecord;
  candidate: ShipmentCandidate;
  service: DscoShipService;
  lines: [number, number][];
}

/** Records a shipment DSCO took: shipped quantities, tracking number, the package in the order's own ledger. */
export function recordShipment(ctx: CycleContext, record: OrderRecord, key: string, tracking: string, lines: [number, number][], labelAt?: number): void {
  applyShipment(record, key, tracking, lines, ctx.clock.now(), labelAt);
}

export function shipmentBody(p: Push): DscoShipment {
  const shipDate = fromPacificLocal(p.candidate.shipDate);
  return {
    trackingNumber: p.candidate.tracking,
    shipDate: Number.isFinite(shipDate) ? new Date(shipDate).toISOString() : undefined,
    shipCarrier: p.service.shipCarrier,
    shipMethod: p.service.shipMethod,
    shippingServiceLevelCode: p.service.shippingServiceLevelCode,
    lineItems: p.lines.map(([lineNumber, quantity]) => {
      const line = p.record.lines.find((l) => l.lineNumber === lineNumber);
      // packageSpanFlag: "true if this line spans several tracking numbers" (spec ShipmentForUpdate
      // line items): set on every package that carries only part of the line's units.
      const spans = !!line && quantity < line.quantity - line.cancelled;
      return { lineNumber, sku: line?.sku || undefined, dscoItemId: line?.dscoItemId || undefined, quantity, ...(spans ? { packageSpanFlag: true } : {}) };
    }),
  };
}

export function describeLines(lines: [number, number][]): string {
  return lines.map(([n, q]) => `line ${n} × ${q}`).join(', ');
}

/** What a person does about a shipment DSCO refused. */
export const REFUSED_NEXT_STEP = 'Correct it (often a Carrier Map row, or the shipment in ShipStation), then use Retry failed orders.';
