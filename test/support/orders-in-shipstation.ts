import { createEngineHarness } from './engine-harness';
import type { Backend } from '../../sandbox/shipstation-backend';

const MIN = 60_000;

/** n two-line DSCO orders, synced once into ShipStation (the chosen back end), ten minutes ago. */
export function ordersInShipStation(backend: Backend, n = 1) {
  const h = createEngineHarness({ shipstation: backend });
  h.install();
  const orders = Array.from({ length: n }, () => h.dsco.seedOrder({ lineItems: [{ quantity: 2, sku: 'A' }, { quantity: 1, sku: 'B' }] }));
  h.clock.advance(MIN);
  h.call('syncNow');
  h.clock.advance(10 * MIN);
  const ssId = (id: string) => h.shop.order(id).id;
  return { h, orders, ssId };
}
