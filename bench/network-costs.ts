import type { SimClock } from '../sandbox/clock';
import type { FakeHandler, FakeHttpRequest } from '../sandbox/http';

export interface EndpointStats {
  calls: number;
  bytes: number;
  /** Responses by HTTP status. */
  status: Record<string, number>;
  /** Simulated time the first call started (its fixed latency included) and the last one ended. */
  firstStart: number;
  lastEnd: number;
}

/** "DSCO GET /order/page", "SS GET /orders/{id}": numeric (and V2 "se-…") path segments folded, query dropped. */
export function endpointName(service: string, req: FakeHttpRequest): string {
  let path = new URL(req.url).pathname;
  const i = path.indexOf('/api/v3');
  if (i >= 0) path = path.slice(i + '/api/v3'.length);
  // V1 IDs are numbers, V2's "se-" + a number.
  path = path.replace(/\/(?:se-)?\d+(?=\/|$)/g, '/{id}').replace(/\/+$/, '') || '/';
  // createorders carries both new orders and bulk cancellations: count them apart.
  if (path === '/orders/createorders' && /"orderStatus":"cancelled"/.test(req.body) && !/"orderStatus":"(?!cancelled)/.test(req.body)) {
    return `${service} ${req.method.toUpperCase()} ${path} (cancel)`;
  }
  return `${service} ${req.method.toUpperCase()} ${path}`;
}

export class NetworkLedger {
  /** Per endpoint, since the last reset. */
  stats = new Map<string, EndpointStats>();
  /** CPU microseconds spent inside the fake servers (host work, not the engine's). */
  fakeUs = 0;

  reset(): void {
    this.stats = new Map();
    this.fakeUs = 0;
  }

  /**
   * Charges the transfer of each request + response to the simulated clock (`msPerKb` per KiB,
   * after the fixed per-request latency the simulator already charged), and counts calls, bytes
   * and statuses per endpoint.
   */
  wrap(service: string, inner: FakeHandler, clock: SimClock, msPerKb: number, latencyMs: number): FakeHandler {
    return (req) => {
      const start = clock.now() - latencyMs; // the simulator charged the fixed latency before handing the request over
      const t0 = process.cpuUsage();
      const res = inner(req);
      const d = process.cpuUsage(t0);
      this.fakeUs += d.user + d.system;
      const bytes = Buffer.byteLength(req.url) + Buffer.byteLength(req.body) + Buffer.byteLength(res.body);
      if (msPerKb > 0) clock.advance(Math.round((bytes / 1024) * msPerKb));
      const name = endpointName(service, req);
      let s = this.stats.get(name);
      if (!s) this.stats.set(name, (s = { calls: 0, bytes: 0, status: {}, firstStart: start, lastEnd: 0 }));
      s.lastEnd = clock.now();
      s.calls++;
      s.bytes += bytes;
      s.status[res.status] = (s.status[res.status] ?? 0) + 1;
      return res;
    };
  }
}
