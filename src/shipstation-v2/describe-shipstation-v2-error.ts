import { ApiError } from '../core/errors';
import { snippet, tryParseJson } from '../core/text/parse-json';

interface V2ErrorEntry {
  message?: unknown;
  error_code?: unknown;
  error_source?: unknown;
  field_name?: unknown;
  field?: unknown;
}

/**
 * V2 error bodies (spec error_response_body): `{request_id, errors: [{error_source, error_type,
 * error_code, message}]}`. Third-party clients also see field_name/field; 401, 429 and gateway
 * bodies are unknown, and 500 bodies are empty: everything is read defensively.
 */
export function describeShipStationV2Error(status: number, body: string, action: string): ApiError {
  const json = tryParseJson(body) as { errors?: unknown; message?: unknown; request_id?: unknown } | undefined;
  const parts: string[] = [];
  let code: string | undefined;
  if (json && typeof json === 'object') {
    const errors = Array.isArray(json.errors) ? (json.errors as V2ErrorEntry[]) : [];
    for (const e of errors) {
      if (!e || typeof e !== 'object') continue;
      const field = e.field_name ?? e.field;
      const source = e.error_source && e.error_source !== 'shipstation' && e.error_source !== 'ShipStation' ? ` (from the ${String(e.error_source)})` : '';
      parts.push(`${field ? `${String(field)}: ` : ''}${String(e.message ?? e.error_code ?? 'no message')}${source}`);
      code ??= typeof e.error_code === 'string' ? e.error_code : undefined;
    }
    if (!parts.length && typeof json.message === 'string') parts.push(json.message);
    if (parts.length && typeof json.request_id === 'string') parts.push(`request ${json.request_id}`);
  } else if (body.trim().startsWith('<')) {
    parts.push(`an HTML page instead of JSON: "${snippet(body, 80)}"`);
  } else if (body.trim()) {
    parts.push(`"${snippet(body)}"`);
  }
  const detail = (parts.length ? parts.join(' — ') : 'no details').replace(/[.\s]+$/, '');
  const hint = hintFor(status);
  return new ApiError('ShipStation', status, `ShipStation ${action} failed (HTTP ${status}): ${detail}.${hint ? ` ${hint}` : ''}`, code);
}

function hintFor(status: number): string {
  if (status === 401) return 'Check the ShipStation V2 API Key in Settings (ShipStation → Settings → Account → API Settings, V2 API).';
  if (status === 403) return 'This ShipStation account or plan does not allow API V2 access.';
  if (status === 429) return 'ShipStation allows 200 requests a minute per account; the next sync will continue.';
  if (status >= 500) return 'ShipStation had a problem; the next sync will try again.';
  return '';
}
