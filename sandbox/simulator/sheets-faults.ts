import { exception } from './sim-exception';

/**
 * Extension: injected failures of Sheets calls (SpreadsheetApp, Spreadsheet, Sheet and Range methods
 * called by the bundle), as Google's "Service Spreadsheets timed out while accessing document with
 * id …" or "Service Spreadsheets failed while accessing document with id …" surface in a script.
 *
 * Matching: `kind` 'read' (get…, is…, has…), 'write' (everything else: set…, insert…, delete…,
 * clear…, append…, hide…) or 'any' (default); `method` an exact method name or a RegExp tested against
 * `Kind.method` (e.g. /^Range\.setValues$/). The first `skip` matching calls go through, then `count`
 * calls fail (default 1).
 *
 * Effects: by default the failing call does nothing (Sheets refused it). With `applied: true` the
 * call takes effect and then throws, as a timeout reported after Sheets did the work. With
 * `exhaustTime: true` the execution reaches Apps Script's time limit at that call instead: the call
 * (and every later call of the execution) throws "Exceeded maximum execution time".
 */
export interface SheetsFault {
  count?: number;
  skip?: number;
  message?: string;
  kind?: 'read' | 'write' | 'any';
  method?: string | RegExp;
  applied?: boolean;
  exhaustTime?: boolean;
}

interface Armed {
  fault: SheetsFault;
  skip: number;
  left: number;
}

export function isReadMethod(method: string): boolean {
  return /^(get|is|has)[A-Z]/.test(method);
}

export class SheetsFaults {
  private readonly queue: Armed[] = [];
  /** Faults that fired, by message, for reports. */
  readonly fired: { kind: string; method: string; message: string }[] = [];

  constructor(private readonly documentId: () => string) {}

  add(fault: SheetsFault): void {
    const left = fault.count ?? 1;
    if (left > 0) this.queue.push({ fault, skip: fault.skip ?? 0, left });
  }

  pending(): number {
    return this.queue.reduce((n, a) => n + a.left, 0);
  }

  clear(): void {
    this.queue.length = 0;
  }

  private matches(f: SheetsFault, kind: string, method: string): boolean {
    const k = f.kind ?? 'any';
    if (k === 'read' && !isReadMethod(method)) return false;
    if (k === 'write' && isReadMethod(method)) return false;
    if (f.method === undefined) return true;
    return typeof f.method === 'string' ? f.method === method : f.method.test(`${kind}.${method}`);
  }

  /** The fault that applies to this call, if any (consumes one use). */
  take(kind: string, method: string): SheetsFault | undefined {
    for (let i = 0; i < this.queue.length; i++) {
      const a = this.queue[i] as Armed;
      if (!this.matches(a.fault, kind, method)) continue;
      if (a.skip > 0) {
        a.skip--;
        return undefined;
      }
      a.left--;
      if (a.left <= 0) this.queue.splice(i, 1);
      this.fired.push({ kind, method, message: this.message(a.fault) });
      return a.fault;
    }
    return undefined;
  }

  error(f: SheetsFault): Error {
    return exception(this.message(f));
  }

  private message(f: SheetsFault): string {
    return f.message ?? `Service Spreadsheets timed out while accessing document with id ${this.documentId()}.`;
  }
}
