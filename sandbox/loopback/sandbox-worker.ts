/**
 * The server thread of createLoopbackSandbox(): the DSCO and ShipStation fakes behind real
 * node:http servers on 127.0.0.1, plus the control operations of SandboxOps. One thread, one event
 * loop: requests and control operations never interleave inside a fake.
 *
 * Time: the fakes' clock is set from each request's x-sandbox-now header (the simulator's clock),
 * or to the real time when a request has none (the credentials check against a sandbox).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createDscoFake, type DscoFault } from '../fakes/dsco';
import type { DeepPartial, Order } from '../fakes/dsco/dsco-types';
import { createShipStationFake, type ShipOrderInput, type SsFault } from '../fakes/shipstation';
import { createShipStationV2Fake } from '../fakes/shipstation-v2';
import { createClock } from '../clock';
import type { FakeHandler } from '../http';
import { SANDBOX_NOW_HEADER, type SandboxOps, type SandboxOptions } from './sandbox-protocol';
import { serveRpc, type RpcServerEnd } from './sync-rpc';

const { rpc, options } = workerData as { rpc: RpcServerEnd; options: SandboxOptions };

const clock = createClock(Date.now());
const at = (now: number | undefined) => clock.set(typeof now === 'number' && Number.isFinite(now) ? now : Date.now());

const dsco = createDscoFake({ clock, ...options.dsco });
const ss = createShipStationFake({ clock, ...options.shipstation });
const ssV2 = createShipStationV2Fake({ clock, ...options.shipstationV2 });

function serve(handler: FakeHandler): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && name !== SANDBOX_NOW_HEADER) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const stamp = req.headers[SANDBOX_NOW_HEADER];
      at(typeof stamp === 'string' ? Number(stamp) : undefined);
      let answer;
      try {
        answer = handler({
          method: (req.method ?? 'GET').toUpperCase(),
          url: `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      } catch (e) {
        answer = { status: 500, headers: { 'content-type': 'text/plain' }, body: `sandbox fake failed: ${(e as Error).message}` };
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

const ssOrder = (id: number) => {
  const order = ss.orders.get(id);
  if (!order) throw new Error(`ShipStation sandbox: no order ${id}`);
  return order;
};

/** Runs a control operation at the caller's time. */
function timed<A extends unknown[], R>(fn: (...args: A) => R): (now: number, ...args: A) => R {
  return (now, ...args) => {
    at(now);
    return fn(...args);
  };
}

const ops: SandboxOps = {
  seedOrder: timed((partial?: DeepPartial<Order>) => dsco.seedOrder(partial)),
  seedItem: timed((sku: string, warehouses?: string[]) => dsco.seedItem(sku, warehouses)),
  releaseOrder: timed((id: string) => dsco.releaseOrder(id)),
  retailerCancel: timed((id: string, code?: string) => dsco.retailerCancel(id, code)),
  retailerCancelRequest: timed((id: string, code?: string) => dsco.retailerCancelRequest(id, code)),
  ssOrderFor: timed((id: string) => ss.findByOrderKey(id)),
  shipOrder: timed((id: number, s: ShipOrderInput) => ss.shipOrder(ssOrder(id).orderId, s)),
  voidShipment: timed((id: number) => ss.voidShipment(id)),
  cancelOrder: timed((id: number) => ss.cancelOrder(ssOrder(id).orderId)),
  markShippedWithoutLabel: timed((id: number, s: { trackingNumber: string; carrierCode: string; shipDate?: string }) =>
    ss.markShippedWithoutLabel(ssOrder(id).orderId, s),
  ),
  dscoFault: timed((f: DscoFault) => dsco.faults.enqueue(f)),
  ssFault: timed((f: SsFault) => ss.faults.enqueue(f)),
  clearFaults: timed(() => {
    dsco.faults.clear();
    ss.faults.clear();
    ssV2.faults.clear();
  }),
  snapshot: timed(() => ({
    dscoOrders: [...dsco.orders.values()],
    ssOrders: [...ss.orders.values()],
    ssShipments: [...ss.shipments],
    ssFulfillments: [...ss.fulfillments],
    dscoRequests: dsco.requests.map((r) => `${r.method} ${r.path}`),
    ssRequests: ss.requests.map((r) => `${r.method} ${r.path}`),
    dscoViolations: [...dsco.violations],
    dscoInvoices: [...dsco.invoices.values()],
    dscoInventory: [...dsco.inventory.values()],
    ssV2Shipments: [...ssV2.shipments.values()],
    ssV2Requests: ssV2.requests.map((r) => `${r.method} ${r.path}`),
    ssV2Violations: [...ssV2.violations],
  })),
  ssV2ShipmentFor: timed((id: string) => ssV2.byExternalId(id)),
  ssV2BuyLabel: timed((shipmentId: string, l: { trackingNumber: string; carrierCode: string; serviceCode: string; extraPackages?: string[] }) => ssV2.buyLabel(shipmentId, l).label_id),
  ssV2VoidLabel: timed((labelId: string) => ssV2.voidLabel(labelId)),
  ssV2CancelInUi: timed((shipmentId: string) => ssV2.cancelInUi(shipmentId)),
};

const dscoServer = serve(dsco.handle);
const ssServer = serve(ss.handle);
const ssV2Server = serve(ssV2.handle);
const [dscoPort, ssPort, ssV2Port] = await Promise.all([listen(dscoServer), listen(ssServer), listen(ssV2Server)]);
serveRpc(rpc, ops as unknown as Record<string, (...args: never[]) => unknown>);
parentPort!.postMessage({ type: 'ready', dscoPort, ssPort, ssV2Port });
