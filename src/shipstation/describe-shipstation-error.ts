import { ApiError } from '../core/errors';
import { redact } from '../core/redact';
import { snippet, tryParseJson } from '../core/text/parse-json';

/**
 * ShipStation V1 error bodies follow ASP.NET Web API: `{Message, ExceptionMessage, ModelState}`;
 * a 429 says `{"message":"Too Many Requests"}`; a 401 body is undocumented. `secrets` are removed
 * from the body before any of it is quoted (and cut).
 */
export function describeShipStationError(status: number, body: string, action: string, secrets: readonly string[] = []): ApiError {
  const json = tryParseJson(body) as
    | { Message?: string; message?: string; ExceptionMessage?: string; ModelState?: Record<string, string[]> }
    | undefined;
  const parts: string[] = [];
  if (json && typeof json === 'object') {
    const message = json.Message ?? json.message;
    if (message) parts.push(message);
    if (json.ExceptionMessage) parts.push(json.ExceptionMessage);
    if (json.ModelState && typeof json.ModelState === 'object') {
      for (const [field, errors] of Object.entries(json.ModelState)) {
        parts.push(`${field}: ${Array.isArray(errors) ? errors.join(' ') : String(errors)}`);
      }
    }
  } else if (body.trim().startsWith('<')) {
    parts.push(`an HTML page instead of JSON: "${snippet(body, 80, secrets)}"`);
  } else if (body) {
    parts.push(`"${snippet(body, 160, secrets)}"`);
  }
  const detail = redact(parts.length ? parts.join(' — ') : 'no details', secrets).replace(/[.\s]+$/, '');
  const hint = hintFor(status);
  return new ApiError('ShipStation', status, `ShipStation ${action} failed (HTTP ${status}): ${detail}.${hint ? ` ${hint}` : ''}`);
}

function hintFor(status: number): string {
  if (status === 401) {
    return 'Check the ShipStation API Key and API Secret in Settings (V1 keys, from Settings → Account → API Settings; they can expire).';
  }
  if (status === 403) return 'This ShipStation account or plan does not allow API access.';
  if (status === 429) return 'ShipStation allows 40 requests a minute per API key; the next sync will continue.';
  if (status >= 500) return 'ShipStation had a problem; the next sync will try again.';
  return '';
}
