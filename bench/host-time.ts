import { Bridge } from '../sandbox/simulator/bridge';

/**
 * CPU time spent in the simulator's service objects (SpreadsheetApp, UrlFetchApp, Properties…,
 * including the bridge's copies between realms and the fake servers behind UrlFetchApp), measured
 * by wrapping Bridge.prototype.invoke. Everything is synchronous and single-threaded, so the CPU
 * time of an execution minus this is the engine's own CPU time (the bundle's JavaScript).
 *
 * The engine's CPU is also charged to the simulated clock as it happens, times `engineCpuFactor`
 * (Apps Script's V8 is slower than Node on a developer's machine and compiles the bundle on every
 * execution): each stretch of engine code between two service calls advances the clock before the
 * next call, so the engine's own time budget sees it.
 */
let depth = 0;
let hostUs = 0;
let installed = false;
let engineSince: number | undefined;
let charge: ((engineMs: number) => void) | undefined;

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

export function installHostTimer(): void {
  if (installed) return;
  installed = true;
  const original = Bridge.prototype.invoke;
  Bridge.prototype.invoke = function (this: Bridge, ...args: Parameters<typeof original>) {
    if (depth > 0) return original.apply(this, args);
    depth++;
    const t0 = cpuUs();
    if (engineSince !== undefined && charge) charge((t0 - engineSince) / 1000);
    try {
      return original.apply(this, args);
    } finally {
      const t1 = cpuUs();
      hostUs += t1 - t0;
      if (engineSince !== undefined) engineSince = t1;
      depth--;
    }
  };
}

/** From now on, engine CPU (outside service calls) is passed to `chargeMs` at each service call. */
export function startEngineCharge(chargeMs: (engineMs: number) => void): void {
  charge = chargeMs;
  engineSince = cpuUs();
}

/** Charges the last stretch of engine code and stops charging. */
export function stopEngineCharge(): void {
  if (engineSince !== undefined && charge) charge((cpuUs() - engineSince) / 1000);
  engineSince = undefined;
  charge = undefined;
}

/** CPU microseconds spent in the simulator's services so far. */
export function hostCpuUs(): number {
  return hostUs;
}
