import { redact } from '../redact';

/** Parses JSON text; undefined when the text is not JSON (an HTML error page, a truncated body). */
export function tryParseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The start of a body, on one line, for an error message a person can read. The body is redacted
 * BEFORE it is cut: a secret echoed by a server and cut in two would no longer be recognised, and
 * its first characters would reach the Logs and the browser.
 */
export function snippet(text: string, max = 160, secrets: readonly string[] = []): string {
  const oneLine = redact(text, secrets).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
