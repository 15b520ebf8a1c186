import { createRpcLink, RpcError, type SyncRpcClient } from './sync-rpc';
import { startTsWorker, type TsWorker } from './ts-worker';

export interface SyncHttpRequest {
  method: string;
  /** Absolute http(s) URL. */
  url: string;
  headers: Record<string, string>;
  /** '' when none. */
  body: string;
  /** Give up after this long (the worker aborts the request). */
  timeoutMs: number;
  /** Follow 3xx responses (default false: a 3xx comes back as is). */
  followRedirects?: boolean;
}

export interface SyncHttpResponse {
  status: number;
  /** Names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** No response arrived: `code` is TIMEOUT, ECONNREFUSED, ENOTFOUND, … or WORKER when the bridge itself failed. */
export class SyncHttpError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface SyncHttp {
  /** Sends one real HTTP request and blocks until the answer (or the timeout). Throws SyncHttpError. */
  send(req: SyncHttpRequest): SyncHttpResponse;
  close(): Promise<void>;
}

/** Extra time the caller waits beyond the request's own timeout before it declares the worker stuck. */
const WORKER_GRACE_MS = 2_000;

/**
 * Synchronous HTTP for code that must not await (the Apps Script simulator's UrlFetchApp, the
 * product's HttpPort): one worker thread runs Node's fetch, the caller blocks in Atomics.wait.
 */
export async function createSyncHttp(): Promise<SyncHttp> {
  const { client, server } = createRpcLink();
  let started: TsWorker;
  try {
    started = await startTsWorker(new URL('./fetch-worker.ts', import.meta.url), { rpc: server }, [server.port]);
  } catch (e) {
    client.close();
    throw e;
  }
  client.deadReason = started.failure;
  return syncHttpOver(client, async () => {
    client.close();
    await started.worker.terminate();
  });
}

function syncHttpOver(client: SyncRpcClient, stop: () => Promise<void>): SyncHttp {
  let closed = false;
  return {
    send(req) {
      if (closed) throw new SyncHttpError('the HTTP bridge is closed', 'WORKER');
      try {
        return client.call<SyncHttpResponse>('send', [req], req.timeoutMs + WORKER_GRACE_MS);
      } catch (e) {
        if (e instanceof RpcError) {
          const bridge = e.code === 'RPC_TIMEOUT' || e.code === 'RPC_DEAD';
          throw new SyncHttpError(bridge ? `the HTTP bridge did not answer: ${e.message}` : e.message, bridge ? 'WORKER' : (e.code ?? 'NETWORK'));
        }
        throw e;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await stop();
    },
  };
}
