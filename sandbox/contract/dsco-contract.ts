/**
 * Contract checks for the DSCO API v3 operations the project uses, from the schemas that
 * scripts/extract-dsco-schemas.mjs extracted out of the official OpenAPI spec into ./dsco-schemas.json.
 *
 * Both functions return human-readable violations; an empty list means the message honours the spec.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';

type JsonSchema = Record<string, unknown>;

interface ParameterDoc {
  name: string;
  in: string;
  required: boolean;
  schema: JsonSchema;
}

interface OperationDoc {
  operationId: string;
  auth?: 'none';
  parameters: ParameterDoc[];
  requestBody?: { required: boolean; contentType: string; schema: JsonSchema };
  responses: Record<string, { contentType?: string; schema?: JsonSchema }>;
}

export interface DscoSchemaDoc {
  spec: { title: string; version: string; openapi: string; file: string; sha256: string };
  fixups: string[];
  operations: Record<string, OperationDoc>;
  $defs: Record<string, JsonSchema>;
}

export const dscoSchemas: DscoSchemaDoc = JSON.parse(
  readFileSync(new URL('./dsco-schemas.json', import.meta.url), 'utf8'),
) as DscoSchemaDoc;

// RFC 3339 date-time (what OpenAPI `format: date-time` means), e.g. 2025-11-12T23:00:27+00:00 or ...27.123Z
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: true });
ajv.addFormat('date-time', { type: 'string', validate: (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) });
// The spec writes `type: number, format: integer` for whole numbers (lineNumber, ordersPerPage) and `format: float`.
ajv.addFormat('integer', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('float', { type: 'number', validate: () => true });
ajv.addSchema({ $id: 'dsco-schemas.json', $defs: dscoSchemas.$defs });

const compiled = new Map<JsonSchema, ValidateFunction>();
function validatorFor(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

function describe(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const at = `${where}${e.instancePath}`;
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'enum') return `${at} must be one of ${JSON.stringify(p.allowedValues)}`;
    if (e.keyword === 'additionalProperties') return `${at} has unexpected property '${String(p.additionalProperty)}'`;
    return `${at} ${e.message ?? e.keyword}`;
  });
}

function check(where: string, schema: JsonSchema, value: unknown): string[] {
  const v = validatorFor(schema);
  return v(value) ? [] : describe(where, v.errors);
}

/** '/api/v3/order/page?x=1' or 'https://api.dsco.io/api/v3/order/page' -> '/order/page'. */
export function normalizeDscoPath(pathOrUrl: string): string {
  let p = pathOrUrl.split('?')[0] ?? '';
  const i = p.indexOf('/api/v3');
  if (i >= 0) p = p.slice(i + '/api/v3'.length);
  else if (/^https?:\/\//i.test(p)) p = new URL(p).pathname;
  return p === '' ? '/' : p;
}

export function findDscoOperation(method: string, path: string): { key: string; op: OperationDoc } | undefined {
  const key = `${method.toUpperCase()} ${normalizeDscoPath(path)}`;
  const op = dscoSchemas.operations[key];
  return op ? { key, op } : undefined;
}

export type DscoQuery = Record<string, string | string[] | undefined>;

export interface DscoRequestParts {
  /** Query parameters as received (repeated parameters as arrays). */
  query?: DscoQuery;
  /** Parsed JSON body; for the form-encoded token call, the form fields as an object (or the raw form string). */
  body?: unknown;
  /** If given, checked against the spec's request media type. */
  contentType?: string;
}

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

/** Query strings carry text: turn each value into what the parameter's schema types it as, so ajv can check it. */
function coerceScalar(schema: JsonSchema, raw: string): unknown {
  const types = typesOf(schema);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if ((types.includes('number') || types.includes('integer')) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) {
    return Number(raw);
  }
  return raw;
}

/**
 * Conditional requirements the spec states in prose (operation descriptions), which no schema can carry.
 * getOrders: "scrollId - if this is passed, all other parameters (if any) are ignored" ... "Either ordersCreatedSince or
 *   ordersUpdatedSince must be provided. `until` is also required." (consumerOrderNumber takes precedence over the dates).
 * getOrderChangeLog: "If scrollId is not provided, then either requestId is required or startDate and endDate are required."
 */
function conditionalRules(key: string, has: (name: string) => boolean): string[] {
  if (key === 'GET /order/page') {
    if (has('scrollId') || has('consumerOrderNumber')) return [];
    const out: string[] = [];
    if (!has('ordersCreatedSince') && !has('ordersUpdatedSince')) {
      out.push('query: one of ordersCreatedSince or ordersUpdatedSince is required (unless scrollId or consumerOrderNumber is given)');
    }
    if (!has('until')) out.push('query: until is required with ordersCreatedSince/ordersUpdatedSince');
    return out;
  }
  if (key === 'GET /order/log') {
    if (has('scrollId') || has('requestId')) return [];
    if (has('startDate') && has('endDate')) return [];
    return ['query: requestId, or both startDate and endDate, is required (unless scrollId is given)'];
  }
  return [];
}

export function validateDscoRequest(method: string, path: string, parts: DscoRequestParts = {}): string[] {
  const found = findDscoOperation(method, path);
  if (!found) return [`${method.toUpperCase()} ${normalizeDscoPath(path)} is not an operation of the DSCO API v3 spec (or not one this project uses)`];
  const { key, op } = found;
  const violations: string[] = [];

  // ---- query parameters ----
  const query = parts.query ?? {};
  const given = (name: string): string[] => {
    const v = query[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const params = op.parameters.filter((p) => p.in === 'query');
  for (const name of Object.keys(query)) {
    if (given(name).length > 0 && !params.some((p) => p.name === name)) {
      violations.push(`query: unknown parameter '${name}' (the spec defines ${params.map((p) => p.name).join(', ') || 'none'})`);
    }
  }
  for (const p of params) {
    const values = given(p.name);
    if (values.length === 0) {
      if (p.required) violations.push(`query: required parameter '${p.name}' is missing`);
      continue;
    }
    if (typesOf(p.schema).includes('array')) {
      const itemSchema = (p.schema.items ?? {}) as JsonSchema;
      violations.push(...check(`query.${p.name}`, p.schema, values.map((v) => coerceScalar(itemSchema, v))));
    } else if (values.length > 1) {
      violations.push(`query: parameter '${p.name}' is given ${values.length} times but is not an array`);
    } else {
      violations.push(...check(`query.${p.name}`, p.schema, coerceScalar(p.schema, values[0] as string)));
    }
  }
  violations.push(...conditionalRules(key, (n) => given(n).length > 0));

  // ---- body ----
  const rb = op.requestBody;
  let body = parts.body;
  if (rb) {
    if (parts.contentType !== undefined) {
      const ct = parts.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (ct !== rb.contentType) violations.push(`request content-type is '${parts.contentType}', the spec requires '${rb.contentType}'`);
    }
    if (typeof body === 'string') {
      if (rb.contentType === 'application/x-www-form-urlencoded') {
        body = Object.fromEntries(new URLSearchParams(body));
      } else if (body !== '') {
        try {
          body = JSON.parse(body);
        } catch {
          violations.push('request body is not valid JSON');
          return violations;
        }
      } else {
        body = undefined;
      }
    }
    if (body === undefined) {
      if (rb.required) violations.push('request body is required');
    } else {
      violations.push(...check('request body', rb.schema, body));
    }
  } else if (body !== undefined && body !== '' && body !== null) {
    violations.push(`${key} takes no request body`);
  }
  return violations;
}

export function validateDscoResponse(method: string, path: string, status: number, body: unknown): string[] {
  const found = findDscoOperation(method, path);
  if (!found) return [`${method.toUpperCase()} ${normalizeDscoPath(path)} is not an operation of the DSCO API v3 spec (or not one this project uses)`];
  const { key, op } = found;
  const doc = op.responses[String(status)];
  if (!doc) {
    // Error statuses (4xx/5xx) are mostly undocumented in the spec: nothing to check them against.
    if (status >= 200 && status < 300) {
      return [`${key} answered ${status}; the spec documents ${Object.keys(op.responses).join(', ')}`];
    }
    return [];
  }
  if (!doc.schema) return [];
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [`${key} ${status}: response body is not valid JSON`];
    }
  }
  return check(`response ${status} body`, doc.schema, value);
}
