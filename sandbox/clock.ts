/** A controllable clock shared by the simulator (Date, Utilities.sleep) and the fake servers. */
export interface SimClock {
  now(): number; // epoch milliseconds
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createClock(start: number | string = '2026-03-02T15:00:00Z'): SimClock {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => t,
    advance(ms: number) {
      if (ms < 0) throw new Error('clock cannot go back');
      t += ms;
    },
    set(epochMs: number) {
      t = epochMs;
    },
  };
}
