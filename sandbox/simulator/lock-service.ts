import type { SimClock } from '../clock';
import type { ExecutionTracker } from './execution';
import { exception } from './sim-exception';

export type LockScope = 'script' | 'user' | 'document';
/** Who holds a lock: an execution id, 'external' (another execution simulated by the host) or nobody. */
type Holder = number | 'external' | null;

/** Lock state shared by all executions. */
export class LockManager {
  readonly holders: Record<LockScope, Holder> = { script: null, user: null, document: null };
  constructor(private readonly clock: SimClock, readonly executions: ExecutionTracker) {}

  /** Apps Script releases locks when the script ends. */
  releaseAllHeldBy(executionId: number): void {
    for (const scope of Object.keys(this.holders) as LockScope[]) {
      if (this.holders[scope] === executionId) this.holders[scope] = null;
    }
  }

  tryAcquire(scope: LockScope, executionId: number, timeoutMs: number): boolean {
    const h = this.holders[scope];
    if (h === null || h === executionId) {
      this.holders[scope] = executionId;
      return true;
    }
    // Someone else holds it for the whole wait: the caller waits out the timeout.
    this.clock.advance(Math.max(0, timeoutMs));
    return false;
  }
}

export class SimLock {
  static readonly simKind = 'LockService';
  constructor(private readonly manager: LockManager, private readonly scope: LockScope, private readonly executionId: number) {}
  tryLock(timeoutInMillis: number): boolean { return this.manager.tryAcquire(this.scope, this.executionId, timeoutInMillis); }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw exception('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock(): boolean { return this.manager.holders[this.scope] === this.executionId; }
  releaseLock(): void { if (this.hasLock()) this.manager.holders[this.scope] = null; }
}

export class SimLockService {
  static readonly simKind = 'LockService';
  constructor(private readonly manager: LockManager) {}
  private _lock(scope: LockScope): SimLock { return new SimLock(this.manager, scope, this.manager.executions.current.id); }
  getScriptLock(): SimLock { return this._lock('script'); }
  getUserLock(): SimLock { return this._lock('user'); }
  getDocumentLock(): SimLock { return this._lock('document'); }
}
