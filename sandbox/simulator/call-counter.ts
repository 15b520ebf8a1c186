/** Counts service calls by kind ('Range.getValues') and by aggregate ('sheets'). */
export class CallCounter {
  /** Stable object: resetting clears keys instead of replacing it. */
  readonly counts: Record<string, number> = {};

  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }

  reset(): void {
    for (const key of Object.keys(this.counts)) delete this.counts[key];
  }
}
