import type { ScriptLock } from '../core/ports/script-lock';

/** ScriptLock over LockService's script lock: one sync at a time across triggers, menus and the sidebar. */
export class LockServiceLock implements ScriptLock {
  private readonly lock = LockService.getScriptLock();

  tryAcquire(timeoutMs: number): boolean {
    return this.lock.tryLock(timeoutMs);
  }

  release(): void {
    SpreadsheetApp.flush();
    this.lock.releaseLock();
  }
}
