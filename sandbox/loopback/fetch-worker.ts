/**
 * Worker thread behind createSyncHttp(): performs each request with Node's fetch and answers the
 * blocked caller through the sync RPC link.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveRpc, type RpcServerEnd } from './sync-rpc';
import type { SyncHttpRequest, SyncHttpResponse } from './sync-http';

const BODYLESS = new Set(['GET', 'HEAD']);

/** A short reason for a failure before any response: "connection refused", "timed out after 5000 ms"… */
function failure(e: unknown, timeoutMs: number): Error & { code: string } {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.name === 'TimeoutError' || err?.name === 'AbortError' ? 'TIMEOUT' : (err?.cause?.code ?? 'NETWORK');
  const reasons: Record<string, string> = {
    TIMEOUT: `no answer within ${timeoutMs} ms`,
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found (DNS)',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNRESET: 'connection reset',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  };
  const reason = reasons[code] ?? err?.cause?.message ?? err?.message ?? 'request failed';
  return Object.assign(new Error(reason), { code });
}

async function send(req: SyncHttpRequest): Promise<SyncHttpResponse> {
  const method = req.method.toUpperCase();
  let res: Response;
  try {
    res = await fetch(req.url, {
      method,
      headers: req.headers,
      body: BODYLESS.has(method) || req.body === '' ? undefined : req.body,
      redirect: req.followRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (e) {
    throw failure(e, req.timeoutMs);
  }
  let body: string;
  try {
    body = await res.text();
  } catch (e) {
    throw failure(e, req.timeoutMs);
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: res.status, headers, body };
}

const { rpc } = workerData as { rpc: RpcServerEnd };
serveRpc(rpc, { send });
parentPort!.postMessage({ type: 'ready' });
