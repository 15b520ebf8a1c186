import { NetworkError } from '../../src/core/errors';
import type { Cache } from '../../src/core/ports/cache';
import type { Clock } from '../../src/core/ports/clock';
import type { HttpPort, HttpRequest, HttpResponse } from '../../src/core/ports/http-port';
import { SyncHttpError, type SyncHttp } from '../../sandbox/loopback';

function hostOf(url: string): string {
  const m = /^https?:\/\/([^/?#]+)/i.exec(url);
  return m ? m[1] : 'the server';
}

/**
 * The product's HttpPort in Node: synchronous real HTTP(S) through the worker-thread bridge, with
 * UrlFetchHttp's contract — every status is a response, no response is a NetworkError naming only
 * the host.
 */
export class NodeSyncHttpPort implements HttpPort {
  constructor(
    private readonly http: SyncHttp,
    private readonly timeoutMs = 20_000,
  ) {}

  send(request: HttpRequest): HttpResponse {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
    if (request.body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
    try {
      return this.http.send({ method: request.method, url: request.url, headers, body: request.body ?? '', timeoutMs: this.timeoutMs, followRedirects: true });
    } catch (e) {
      if (e instanceof SyncHttpError) throw new NetworkError(`Could not reach ${hostOf(request.url)} (${e.message}).`);
      throw e;
    }
  }
}

/** Real time; sleeping blocks the thread (the clients are synchronous, as in Apps Script). */
export const nodeClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number) {
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  },
};

/** The DSCO token cache, in memory for this run. */
export function memoryCache(clock: Clock): Cache {
  const data = new Map<string, { value: string; until: number }>();
  return {
    get: (key) => {
      const e = data.get(key);
      return e && e.until > clock.now() ? e.value : null;
    },
    put: (key, value, ttlSeconds) => void data.set(key, { value, until: clock.now() + ttlSeconds * 1000 }),
    remove: (key) => void data.delete(key),
  };
}
