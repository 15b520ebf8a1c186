/**
 * Host-side error for Apps Script service failures. The message carries the
 * `Exception: ` prefix as the spec quotes it; the bridge turns it into a
 * context-realm Error with the same message before the bundle sees it.
 */
export class SimException extends Error {
  constructor(text: string) {
    super(text.startsWith('Exception: ') ? text : `Exception: ${text}`);
    this.name = 'Error';
  }
}

export function exception(text: string): SimException {
  return new SimException(text);
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
