import type { Worker } from 'node:worker_threads';
import type { FakeHandler } from '../http';
import { SANDBOX_NOW_HEADER, type SandboxOps, type SandboxOptions } from './sandbox-protocol';
import { createSyncHttp, SyncHttpError, type SyncHttp } from './sync-http';
import { createRpcLink } from './sync-rpc';
import { startTsWorker } from './ts-worker';

export interface LoopbackSandboxOptions extends SandboxOptions {
  /** The caller's clock (the simulator's). Default: real time. */
  now?: () => number;
  /** Per-request timeout for handler(). Default 10 s (the fakes answer in a millisecond). */
  requestTimeoutMs?: number;
}

/** SandboxOps without the `now` argument: the sandbox stamps each call with options.now(). Synchronous. */
export type SandboxControl = {
  [K in keyof SandboxOps]: SandboxOps[K] extends (now: number, ...args: infer A) => infer R ? (...args: A) => R : never;
};

export interface LoopbackSandbox {
  /** DSCO API base, e.g. http://127.0.0.1:41234/api/v3 (the value for DSCO_BASE_URL). */
  dscoBase: string;
  /** ShipStation base, e.g. http://127.0.0.1:41235 (the value for SHIPSTATION_BASE_URL). */
  ssBase: string;
  /** ShipStation API V2 base (the value for SHIPSTATION_V2_BASE_URL). */
  ssV2Base: string;
  /**
   * A FakeHandler for the simulator's network: sends the request for real, over HTTP to the
   * loopback server, stamped with the caller's time, and blocks until the answer.
   */
  handler: FakeHandler;
  /** Routes the sandbox bases in a simulator (sim.network.route). */
  route(sim: { network: { route(urlPrefix: string, handler: FakeHandler): void } }): void;
  /** Seeds and drives the fakes in the server thread (warehouse and retailer actions). */
  control: SandboxControl;
  /** Stops both threads. Safe to call twice. */
  close(): Promise<void>;
}

const CONTROL_TIMEOUT_MS = 10_000;
/** Every operation of SandboxOps, so control can be built (and the compiler checks none is missing). */
const OP_NAMES: Record<keyof SandboxOps, true> = {
  seedOrder: true,
  seedItem: true,
  releaseOrder: true,
  retailerCancel: true,
  retailerCancelRequest: true,
  ssOrderFor: true,
  shipOrder: true,
  voidShipment: true,
  cancelOrder: true,
  markShippedWithoutLabel: true,
  dscoFault: true,
  ssFault: true,
  clearFaults: true,
  snapshot: true,
  ssV2ShipmentFor: true,
  ssV2BuyLabel: true,
  ssV2VoidLabel: true,
  ssV2CancelInUi: true,
};

/**
 * The DSCO and ShipStation fakes served over real HTTP on 127.0.0.1 (ephemeral ports), usable
 * from synchronous code. Two worker threads: one runs the fakes behind node:http servers, the
 * other runs the client side (fetch); the caller blocks on a SharedArrayBuffer until the answer
 * arrives, so UrlFetchApp in the simulator makes a real request. Every wait has a timeout.
 */
export async function createLoopbackSandbox(options: LoopbackSandboxOptions = {}): Promise<LoopbackSandbox> {
  const now = options.now ?? (() => Date.now());
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const { client, server } = createRpcLink();
  const { now: _now, requestTimeoutMs: _t, ...serverOptions } = options;
  const [started, bridge] = await Promise.allSettled([
    startTsWorker<{ type: 'ready'; dscoPort: number; ssPort: number; ssV2Port: number }>(
      new URL('./sandbox-worker.ts', import.meta.url),
      { rpc: server, options: serverOptions },
      [server.port],
    ),
    createSyncHttp(),
  ]);
  if (started.status === 'rejected' || bridge.status === 'rejected') {
    client.close();
    if (started.status === 'fulfilled') await started.value.worker.terminate();
    if (bridge.status === 'fulfilled') await bridge.value.close();
    throw started.status === 'rejected' ? started.reason : (bridge as PromiseRejectedResult).reason;
  }
  const worker: Worker = started.value.worker;
  client.deadReason = started.value.failure;
  const http: SyncHttp = bridge.value;
  const { dscoPort, ssPort, ssV2Port } = started.value.ready;

  const handler: FakeHandler = (req) => {
    try {
      return http.send({ ...req, headers: { ...req.headers, [SANDBOX_NOW_HEADER]: String(now()) }, timeoutMs });
    } catch (e) {
      if (e instanceof SyncHttpError) throw new Error(`sandbox did not answer ${req.method} ${req.url}: ${e.message}`);
      throw e;
    }
  };

  const control = Object.fromEntries(
    Object.keys(OP_NAMES).map((op) => [op, (...args: unknown[]) => client.call(op, [now(), ...args], CONTROL_TIMEOUT_MS)]),
  ) as SandboxControl;

  let closing: Promise<void> | undefined;
  const sandbox: LoopbackSandbox = {
    dscoBase: `http://127.0.0.1:${dscoPort}/api/v3`,
    ssBase: `http://127.0.0.1:${ssPort}`,
    ssV2Base: `http://127.0.0.1:${ssV2Port}`,
    handler,
    route(sim) {
      sim.network.route(sandbox.dscoBase, handler);
      sim.network.route(sandbox.ssBase, handler);
      sim.network.route(sandbox.ssV2Base, handler);
    },
    control,
    close() {
      closing ??= (async () => {
        client.close();
        await Promise.all([http.close(), worker.terminate()]);
      })();
      return closing;
    },
  };
  return sandbox;
}
