export interface DscoShipService {
  shipCarrier?: string;
  shipMethod?: string;
  shippingServiceLevelCode?: string;
}

interface Entry extends DscoShipService {
  carrier: string;
  service: string;
}

const norm = (v: unknown) => String(v ?? '').trim();

/**
 * The Carrier Map tab: ShipStation carrier code and service code → DSCO ship carrier, ship method
 * and service level code. DSCO requires a service level code or a carrier and method on every
 * shipment, and rejects generic codes such as GCG, so every carrier/service the warehouse uses
 * needs a row. A row with an empty service (or "*") covers every service of that carrier.
 */
export class CarrierMap {
  private readonly entries: Entry[];

  constructor(rows: unknown[][]) {
    this.entries = rows
      .map((r) => ({
        carrier: norm(r[0]).toLowerCase(),
        service: norm(r[1]).toLowerCase(),
        shipCarrier: norm(r[2]) || undefined,
        shipMethod: norm(r[3]) || undefined,
        shippingServiceLevelCode: norm(r[4]) || undefined,
      }))
      .filter((e) => e.carrier && (e.shippingServiceLevelCode || (e.shipCarrier && e.shipMethod)));
  }

  get size(): number {
    return this.entries.length;
  }

  lookup(carrierCode: string | null | undefined, serviceCode: string | null | undefined): DscoShipService | undefined {
    const carrier = norm(carrierCode).toLowerCase();
    const service = norm(serviceCode).toLowerCase();
    const exact = this.entries.find((e) => e.carrier === carrier && e.service === service);
    const any = this.entries.find((e) => e.carrier === carrier && (e.service === '' || e.service === '*'));
    const hit = exact ?? any;
    if (!hit) return undefined;
    return {
      shipCarrier: hit.shipCarrier,
      shipMethod: hit.shipMethod,
      shippingServiceLevelCode: hit.shippingServiceLevelCode,
    };
  }

  static missingMessage(carrierCode: string | null | undefined, serviceCode: string | null | undefined): string {
    const c = norm(carrierCode);
    const s = norm(serviceCode);
    if (!c) {
      return 'ShipStation reported this shipment without a carrier, so DSCO cannot be told who ships it. Set the carrier on the shipment in ShipStation, then use Retry failed orders.';
    }
    if (!s) {
      return `No Carrier Map row for ShipStation carrier "${c}" (this shipment has no service): add a row with carrier ${c}, the service left empty, and its DSCO carrier, method and service level code to the Carrier Map tab, then use Retry failed orders.`;
    }
    return `No Carrier Map row for ShipStation carrier "${c}" and service "${s}": add ${c} / ${s} with its DSCO carrier, method and service level code to the Carrier Map tab, then use Retry failed orders.`;
  }
}
