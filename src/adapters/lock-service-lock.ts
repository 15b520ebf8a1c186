import type { ScriptLock } from '../core/ports/script-lock';

/**
 * ScriptLock over LockService. The script lock: one sync at a time across triggers, menus and the
 * sidebar. The document lock (a separate lock): settings and schedule changes, so a Save never
 * waits minutes for a running sync, yet two Saves (or a Save and a take-over) never interleave.
 */
export class LockServiceLock implements ScriptLock {
  private readonly lock: GoogleAppsScript.Lock.Lock;

  constructor(scope: 'script' | 'document' = 'script') {
    // getDocumentLock() is null outside a bound script: the script lock still serialises the changes.
    this.lock = (scope === 'document' ? LockService.getDocumentLock() : null) ?? LockService.getScriptLock();
  }

  tryAcquire(timeoutMs: number): boolean {
    return this.lock.tryLock(timeoutMs);
  }

  release(): void {
    SpreadsheetApp.flush();
    this.lock.releaseLock();
  }
}
