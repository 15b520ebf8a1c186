import { Bridge } from '../test/simulator/bridge';

/**
 * CPU time spent in the simulator's service objects (SpreadsheetApp, UrlFetchApp, Properties…,
 * including the bridge's copies between realms and the fake servers behind UrlFetchApp), measured
 * by wrapping Bridge.prototype.invoke. Everything is synchronous and single-threaded, so the CPU
 * time of an execution minus this is the engine's own CPU time (the bundle's JavaScript).
 */
let depth = 0;
let hostUs = 0;
let installed = false;

export function installHostTimer(): void {
  if (installed) return;
  installed = true;
  const original = Bridge.prototype.invoke;
  Bridge.prototype.invoke = function (this: Bridge, ...args: Parameters<typeof original>) {
    if (depth > 0) return original.apply(this, args);
    depth++;
    const t0 = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      const d = process.cpuUsage(t0);
      hostUs += d.user + d.system;
      depth--;
    }
  };
}

/** CPU microseconds spent in the simulator's services so far. */
export function hostCpuUs(): number {
  return hostUs;
}
