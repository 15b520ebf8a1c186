/** The role "what time is it, and wait a while". Utilities.sleep in Apps Script. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): void;
}
