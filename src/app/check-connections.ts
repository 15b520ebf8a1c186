import { errorMessage } from '../core/errors';
import type { DscoClient } from '../dsco/dsco-client';
import type { ShipStationPort } from '../shipstation/shipstation-port';
import type { SsStore } from '../shipstation/shipstation-types';

export interface ServiceCheck {
  ok: boolean;
  message: string;
}

export interface ConnectionReport {
  dsco: ServiceCheck;
  shipstation: ServiceCheck & { stores: { storeId: number; storeName: string; marketplaceName: string }[] };
}

/**
 * Read-only checks of both services: DSCO signs in and answers /hello; ShipStation lists the
 * stores and the chosen store is among them. Each side reports separately, with the reason.
 */
export function checkConnections(
  dsco: () => DscoClient,
  shipstation: () => ShipStationPort,
  storeId: number | null,
): ConnectionReport {
  const report: ConnectionReport = {
    dsco: { ok: false, message: '' },
    shipstation: { ok: false, message: '', stores: [] },
  };
  try {
    const hello = dsco().hello();
    report.dsco = hello
      ? { ok: true, message: 'Connected: DSCO accepted the credentials.' }
      : { ok: false, message: 'DSCO answered, but not as expected; check the DSCO environment.' };
  } catch (e) {
    report.dsco = { ok: false, message: errorMessage(e) };
  }
  try {
    const client = shipstation();
    if (client.checkSetup) {
      // API V2 lists no stores: the back end says what it could and could not check.
      const check = client.checkSetup(storeId);
      report.shipstation = { ok: check.ok, message: check.message, stores: check.stores.map((s) => ({ storeId: s.storeId, storeName: String(s.storeName ?? ''), marketplaceName: String(s.marketplaceName ?? '') })) };
      return report;
    }
    const stores: SsStore[] = client.listStores();
    report.shipstation.stores = stores.map((s) => ({
      storeId: s.storeId,
      storeName: String(s.storeName ?? ''),
      marketplaceName: String(s.marketplaceName ?? ''),
    }));
    const chosen = stores.find((s) => s.storeId === storeId);
    if (storeId === null) {
      report.shipstation.ok = true;
      report.shipstation.message = `Connected: ${stores.length} store(s). Choose the store the orders go to.`;
    } else if (!chosen) {
      report.shipstation.message = `Connected, but store ${storeId} is not one of this account's stores; choose one from the list.`;
    } else if (chosen.active === false) {
      report.shipstation.message = `Store "${chosen.storeName}" is inactive in ShipStation; activate it or choose another.`;
    } else {
      report.shipstation.ok = true;
      report.shipstation.message = `Connected: orders go to store "${chosen.storeName}".`;
    }
  } catch (e) {
    report.shipstation.message = errorMessage(e);
  }
  return report;
}
