/**
 * Removes secrets from text that may reach a cell, a log line, an error message or the browser:
 * every known secret value, and anything after "Authorization", "Basic" or "bearer".
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out
    .replace(/(authorization["']?\s*[:=]\s*["']?)[^"',}\s]+(\s+[^"',}\s]+)?/gi, '$1[redacted]')
    .replace(/\b(basic|bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
    .replace(/(client_secret=)[^&\s]+/gi, '$1[redacted]');
}
