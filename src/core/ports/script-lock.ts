/** The role "only one sync at a time". LockService.getScriptLock() in Apps Script. */
export interface ScriptLock {
  tryAcquire(timeoutMs: number): boolean;
  release(): void;
}
