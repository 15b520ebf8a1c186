/**
 * Contract checks for the ShipStation API V2 operations the project uses, from the schemas that
 * scripts/extract-shipstation-v2-schemas.mjs extracted out of the official OpenAPI spec into
 * ./shipstation-v2-schemas.json. Both functions return human-readable violations; an empty list
 * means the message honours the spec.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';

type JsonSchema = Record<string, unknown>;

interface OperationDoc {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  requestBody?: { required: boolean; contentType: string; schema: JsonSchema };
  responses: Record<string, { contentType?: string; schema?: JsonSchema }>;
}

export interface SsV2SchemaDoc {
  spec: { title: string; version: string; openapi: string; file: string; sha256: string };
  fixups: string[];
  operations: Record<string, OperationDoc>;
  $defs: Record<string, JsonSchema>;
}

export const ssV2Schemas: SsV2SchemaDoc = JSON.parse(
  readFileSync(new URL('./shipstation-v2-schemas.json', import.meta.url), 'utf8'),
) as SsV2SchemaDoc;

const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true });
// The spec's `date` type is `format: date-time` with a pattern that also allows a bare date: the pattern decides.
ajv.addFormat('date-time', { type: 'string', validate: (s: string) => DATE_OR_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) });
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('uri', { type: 'string', validate: (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) });
ajv.addFormat('url', { type: 'string', validate: (s: string) => /^https?:\/\//i.test(s) });
ajv.addFormat('uuid', { type: 'string', validate: (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) });
ajv.addSchema({ $id: 'shipstation-v2-schemas.json', $defs: ssV2Schemas.$defs });

const compiled = new Map<JsonSchema, ValidateFunction>();
function check(where: string, schema: JsonSchema, value: unknown): string[] {
  let v = compiled.get(schema);
  if (!v) compiled.set(schema, (v = ajv.compile(schema)));
  return v(value) ? [] : describe(where, v.errors);
}

function describe(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'enum') return `${where}${e.instancePath} must be one of ${JSON.stringify(p.allowedValues)}`;
    if (e.keyword === 'additionalProperties') return `${where}${e.instancePath} has unexpected property '${String(p.additionalProperty)}'`;
    return `${where}${e.instancePath} ${e.message ?? e.keyword}`;
  });
}

/** Finds the spec operation for a concrete path: '/v2/shipments/se-12/cancel' → 'PUT /v2/shipments/{shipment_id}/cancel'. */
export function findSsV2Operation(method: string, path: string): { key: string; op: OperationDoc; pathParams: Record<string, string> } | undefined {
  const m = method.toUpperCase();
  const concrete = path.split('?')[0] ?? '';
  let best: { key: string; op: OperationDoc; pathParams: Record<string, string>; literal: number } | undefined;
  for (const [key, op] of Object.entries(ssV2Schemas.operations)) {
    const [km, template] = key.split(' ') as [string, string];
    if (km !== m) continue;
    const names: string[] = [];
    const re = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
    const hit = re.exec(concrete);
    if (!hit) continue;
    const literal = template.replace(/\{[^}]+\}/g, '').length; // the most literal template wins (external_shipment_id/{id} over {shipment_id})
    if (!best || literal > best.literal) {
      best = { key, op, literal, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(hit[i + 1] ?? '')])) };
    }
  }
  return best && { key: best.key, op: best.op, pathParams: best.pathParams };
}

function coerce(schema: JsonSchema, raw: string): unknown {
  const t = JSON.stringify(schema);
  if (/"type":"integer"|"type":"number"/.test(t) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (/"type":"boolean"/.test(t) && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

export function validateSsV2Request(method: string, path: string, query: Record<string, string>, body: unknown): string[] {
  const found = findSsV2Operation(method, path);
  if (!found) return [`${method.toUpperCase()} ${path} is not an operation of the ShipStation V2 spec (or not one this project uses)`];
  const { op, pathParams } = found;
  const out: string[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'path')) out.push(...check(`path.${p.name}`, p.schema, pathParams[p.name]));
  const params = op.parameters.filter((p) => p.in === 'query');
  for (const name of Object.keys(query)) {
    if (!params.some((p) => p.name === name)) out.push(`query: unknown parameter '${name}' (the spec defines ${params.map((p) => p.name).join(', ') || 'none'})`);
  }
  for (const p of params) {
    const v = query[p.name];
    if (v === undefined) {
      if (p.required) out.push(`query: required parameter '${p.name}' is missing`);
    } else out.push(...check(`query.${p.name}`, p.schema, coerce(p.schema, v)));
  }
  if (op.requestBody) {
    if (body === undefined) {
      if (op.requestBody.required) out.push('request body is required');
    } else out.push(...check('request body', op.requestBody.schema, body));
  } else if (body !== undefined) out.push(`${found.key} takes no request body`);
  return out;
}

export function validateSsV2Response(method: string, path: string, status: number, body: unknown): string[] {
  const found = findSsV2Operation(method, path);
  if (!found) return [`${method.toUpperCase()} ${path} is not an operation of the ShipStation V2 spec`];
  const doc = found.op.responses[String(status)];
  if (!doc) return status >= 200 && status < 300 ? [`${found.key} answered ${status}; the spec documents ${Object.keys(found.op.responses).join(', ')}`] : [];
  if (!doc.schema) return body === undefined || body === '' ? [] : [`${found.key} ${status} has a body; the spec says it is empty`];
  return check(`response ${status} body`, doc.schema, body);
}
