import { fromPacificLocal } from '../core/time/pacific-time';
import type { DscoShipment } from '../dsco/dsco-types';
import type { DscoShipService } from './carrier-map';
import { type CycleContext, setStatus } from './cycle-context';
import { openQuantity, type OrderRecord } from './order-record';
import type { ShipmentCandidate } from './shipment-candidates';

/** A shipment about to go to DSCO. */
export interface Push {
  record: OrderRecord;
  candidate: ShipmentCandidate;
  service: DscoShipService;
  lines: [number, number][];
}

/** Records a shipment DSCO took: shipped quantities, tracking number, and Shipped once nothing is open. */
export function applyShipment(ctx: CycleContext, record: OrderRecord, tracking: string, lines: [number, number][]): void {
  for (const [lineNumber, qty] of lines) {
    const line = record.lines.find((l) => l.lineNumber === lineNumber);
    if (line) line.shipped = Math.min(line.quantity - line.cancelled, line.shipped + qty);
  }
  if (tracking && !record.tracking.includes(tracking)) record.tracking.push(tracking);
  record.flow = 'SS → DSCO';
  const allDone = record.lines.every((l) => openQuantity(l) === 0);
  if (allDone) setStatus(ctx, record, 'Shipped');
  else record.updatedAt = ctx.clock.now();
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
      return { lineNumber, sku: line?.sku || undefined, dscoItemId: line?.dscoItemId || undefined, quantity };
    }),
  };
}

export function describeLines(lines: [number, number][]): string {
  return lines.map(([n, q]) => `line ${n} × ${q}`).join(', ');
}

/** What a person does about a shipment DSCO refused. */
export const REFUSED_NEXT_STEP = 'Correct it (often a Carrier Map row, or the shipment in ShipStation), then use Retry failed orders.';
