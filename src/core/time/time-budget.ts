import type { Clock } from '../ports/clock';

/**
 * How much of this Apps Script execution is left. Apps Script stops a script after 6 minutes;
 * work (and retries, and rate-limit pauses) must fit inside the budget.
 */
export class TimeBudget {
  private readonly deadline: number;

  constructor(
    private readonly clock: Clock,
    budgetMs: number,
  ) {
    this.deadline = clock.now() + budgetMs;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - this.clock.now());
  }

  expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /** True when waiting `ms` would still leave `reserveMs` for the work that follows. */
  canWait(ms: number, reserveMs = 0): boolean {
    return this.remainingMs() - ms >= reserveMs;
  }

  static unlimited(clock: Clock): TimeBudget {
    return new TimeBudget(clock, Number.MAX_SAFE_INTEGER / 2);
  }
}
