import type { Clock } from '../core/ports/clock';

/** Clock over Date and Utilities.sleep. */
export class AppsScriptClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number): void {
    if (ms > 0) Utilities.sleep(Math.ceil(ms));
  }
}
