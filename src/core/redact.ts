import { base64EncodeUtf8 } from './text/base64';

/**
 * The forms a set of secrets can take in text: each secret, and the Base64 of every "key:secret"
 * pair (HTTP Basic credentials), with and without padding. Longest first, so a form that contains
 * another is removed whole.
 */
function secretForms(secrets: readonly string[]): string[] {
  const usable = secrets.filter((s) => s && s.length >= 4);
  const forms = new Set(usable);
  for (const a of usable) {
    for (const b of usable) {
      if (a === b) continue;
      const encoded = base64EncodeUtf8(`${a}:${b}`);
      forms.add(encoded);
      forms.add(encoded.replace(/=+$/, ''));
    }
  }
  return [...forms].sort((x, y) => y.length - x.length);
}

let cachedFor: readonly string[] = [];
let cachedForms: string[] = [];

/**
 * The forms of `secrets`, built once for a set of secrets and reused while the set is the same
 * (every log line of a run passes the same secrets: building the Base64 pairs per line was a third
 * of the engine's CPU).
 */
function formsOf(secrets: readonly string[]): string[] {
  const same = secrets.length === cachedFor.length && secrets.every((s, i) => s === cachedFor[i]);
  if (!same) {
    cachedForms = secretForms(secrets);
    cachedFor = [...secrets];
  }
  return cachedForms;
}

/** Cheap test first: most text holds no secret form, so the split/join pass is skipped. */
function removeForms(text: string, forms: readonly string[]): string {
  let out = text;
  for (const s of forms) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

/**
 * Removes secrets from text that may reach a cell, a log line, an error message or the browser:
 * every known secret value and its Basic-credentials encodings, anything after "Authorization",
 * "Basic" or "bearer", and access tokens in JWT form (eyJ…) wherever they appear.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return removeForms(text, formsOf(secrets))
    .replace(/(authorization["']?\s*[:=]\s*["']?)[^"',}\s]+(\s+[^"',}\s]+)?/gi, '$1[redacted]')
    .replace(/\b(basic|bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]+)*/g, '[redacted]')
    .replace(/(client_secret=)[^&\s]+/gi, '$1[redacted]');
}
