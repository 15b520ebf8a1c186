import { ApiError } from '../core/errors';
import { redact } from '../core/redact';
import { snippet, tryParseJson } from '../core/text/parse-json';
import type { DscoMessage } from './dsco-types';

function describeMessage(m: DscoMessage): string {
  const d = m.description;
  const text = Array.isArray(d) ? d.join('; ') : typeof d === 'object' && d !== null ? JSON.stringify(d) : d;
  return text ? `${text} (${m.code})` : m.code;
}

/**
 * Turns a DSCO error response into an ApiError a person can act on. DSCO answers errors as
 * `{messages:[{code,severity,description}]}` (ApiResponseMessage); the token endpoint answers
 * OAuth-style `{error, error_description}`. `secrets` are removed before any of the body is quoted.
 */
export function describeDscoError(status: number, body: string, action: string, secrets: readonly string[] = []): ApiError {
  const json = tryParseJson(body) as { messages?: DscoMessage[]; error?: string; error_description?: string; message?: string } | undefined;
  let detail: string;
  let code: string | undefined;
  if (json && Array.isArray(json.messages) && json.messages.length) {
    const errors = json.messages.filter((m) => m.severity !== 'info');
    detail = (errors.length ? errors : json.messages).map(describeMessage).join('; ');
    code = (errors[0] ?? json.messages[0]).code;
  } else if (json && typeof json.error === 'string') {
    detail = json.error_description ? `${json.error_description} (${json.error})` : json.error;
    code = json.error;
  } else if (json && typeof json.message === 'string') {
    detail = json.message;
  } else if (body.trim().startsWith('<')) {
    detail = `an HTML page instead of JSON: "${snippet(body, 80, secrets)}"`;
  } else {
    detail = body ? `"${snippet(body, 160, secrets)}"` : 'no details';
  }
  const hint = hintFor(status);
  const text = redact(detail, secrets).replace(/[.\s]+$/, '');
  return new ApiError('DSCO', status, `DSCO ${action} failed (HTTP ${status}): ${text}.${hint ? ` ${hint}` : ''}`, code);
}

function hintFor(status: number): string {
  if (status === 401) return 'Check the DSCO Client ID and Client Secret in Settings, and the DSCO environment.';
  if (status === 403) return 'The address or the credentials do not give access to this DSCO API.';
  if (status === 429) return 'DSCO is rate-limiting this account; the next sync will continue.';
  if (status >= 500 || status === 408) return 'DSCO had a temporary problem; the next sync will try again.';
  return '';
}
