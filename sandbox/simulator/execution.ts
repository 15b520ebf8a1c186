import type { SimClock } from '../clock';
import { exception } from './sim-exception';

export interface Execution {
  id: number;
  startMs: number;
  /** Set once the time limit was hit: Apps Script kills the execution, so every later call fails too. */
  killed: boolean;
  /** Effective user of this execution (trigger owner for trigger runs). */
  user: string;
}

/** Tracks the current "execution" (one call()) and enforces the run-time limit. */
export class ExecutionTracker {
  private nextId = 1;
  /** Nesting depth of running executions; 0 when the host is between calls. */
  private depth = 0;
  current: Execution;

  constructor(
    private readonly clock: SimClock,
    readonly limitMs: number,
    private readonly defaultUser: string,
  ) {
    this.current = this.create(defaultUser);
  }

  private create(user: string): Execution {
    return { id: this.nextId++, startMs: this.clock.now(), killed: false, user };
  }

  /** Starts a new execution; returns the previous one so it can be restored. */
  begin(user = this.defaultUser): Execution {
    const prev = this.current;
    this.current = this.create(user);
    this.depth++;
    return prev;
  }

  end(prev: Execution): Execution {
    const ended = this.current;
    this.current = prev;
    this.depth--;
    return ended;
  }

  /** Throws `Exception: Exceeded maximum execution time` once the budget is spent. */
  check(): void {
    if (this.depth === 0) return; // host poking the context directly, outside call()
    const ex = this.current;
    if (!ex.killed && this.clock.now() - ex.startMs > this.limitMs) ex.killed = true;
    if (ex.killed) throw exception('Exceeded maximum execution time');
  }
}
