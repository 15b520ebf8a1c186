#!/usr/bin/env node
/**
 * Extracts the JSON Schemas of the ShipStation API V2 operations this project uses from the official
 * OpenAPI 3.1 spec and writes them to sandbox/contract/shipstation-v2-schemas.json (committed, so tests never read
 * the spec).
 *
 *   npm run schemas:shipstation                                  # the spec in the shared specs folder beside the repo
 *   node scripts/extract-shipstation-v2-schemas.mjs path/to/shipstation-v2-openapi.yaml
 *
 * The spec is plain OpenAPI 3.1 with $refs into components (schemas, parameters, responses). Each used operation's
 * parameters, request body and documented responses are resolved; every component schema they reach is copied
 * (transitively) into $defs, with `#/components/schemas/X` rewritten to `shipstation-v2-schemas.json#/$defs/X`.
 * Conversion to what ajv's Ajv2020 accepts: description, example, examples, discriminator, xml, externalDocs and
 * x-* extensions are dropped; `nullable: true` (if any) becomes a null type; spec defects the project codes around
 * are patched and listed in the output's `fixups`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = process.argv[2]
  ? resolve(repoRoot, process.argv[2])
  : join(repoRoot, '..', 'shared', 'specs', 'shipstation-v2-openapi.yaml');
const outPath = resolve(repoRoot, 'sandbox/contract/shipstation-v2-schemas.json');
const FILE = 'shipstation-v2-schemas.json';

/** The operations the V2 client uses (and the fake serves), with the responses worth checking. */
const OPERATIONS = [
  { method: 'GET', path: '/v2/shipments', operationId: 'list_shipments', responses: ['200', '400', '404'] },
  { method: 'POST', path: '/v2/shipments', operationId: 'create_shipments', responses: ['200', '400'] },
  { method: 'GET', path: '/v2/shipments/{shipment_id}', operationId: 'get_shipment_by_id', responses: ['200', '400', '404'] },
  { method: 'GET', path: '/v2/shipments/external_shipment_id/{external_shipment_id}', operationId: 'get_shipment_by_external_id', responses: ['200', '400', '404'] },
  { method: 'PUT', path: '/v2/shipments/{shipment_id}/cancel', operationId: 'cancel_shipments', responses: ['204', '400', '404'] },
  { method: 'GET', path: '/v2/labels', operationId: 'list_labels', responses: ['200', '400'] },
  { method: 'PUT', path: '/v2/labels/{label_id}/void', operationId: 'void_label', responses: ['200', '400', '404'] },
  { method: 'GET', path: '/v2/fulfillments', operationId: 'list_fulfillments', responses: ['200', '400', '404'] },
  { method: 'GET', path: '/v2/warehouses', operationId: 'list_warehouses', responses: ['200', '400', '404'] },
];

/** Spec defects (shipstation-v2.md §14): patched so the schemas describe what clients actually send. */
const NOT_REQUIRED_PARAMS = new Set(['pickup_id']); // list_shipments marks pickup_id required; every client omits it

const DROP = new Set(['description', 'example', 'examples', 'discriminator', 'xml', 'externalDocs']);

const raw = readFileSync(specPath, 'utf8');
const spec = YAML.parse(raw);
const fixups = new Set();
const defs = {};
const formats = new Set();

function component(ref) {
  const m = /^#\/components\/(schemas|parameters|responses|requestBodies)\/(.+)$/.exec(ref);
  if (!m) throw new Error(`unsupported $ref ${ref}`);
  const v = spec.components?.[m[1]]?.[m[2]];
  if (!v) throw new Error(`dangling $ref ${ref}`);
  return { kind: m[1], name: m[2], value: v };
}
const deref = (node) => (node && node.$ref ? deref(component(node.$ref).value) : node);

/**
 * Spec defect: object schemas say `additionalProperties: false` and take their properties from `allOf` members
 * (OpenAPI 3.0 style), or combine two closed objects in one allOf (label packages). In JSON Schema that rejects
 * every property, so such a schema is flattened: the members' properties and required lists are merged into it
 * (recursively) and the allOf is dropped.
 */
function flatten(node) {
  if (!Array.isArray(node.allOf)) return node;
  const isObject = node.type === 'object' || node.properties || node.additionalProperties !== undefined;
  const members = node.allOf.map((m) => flatten(deref(m)));
  if (!members.every((m) => m && typeof m === 'object' && m.properties)) return node;
  // A lone `allOf: [$ref]` wrapper (a $ref with sibling keywords) stays a $ref.
  if (!isObject && members.length < 2) return node;
  const { allOf: _allOf, ...rest } = node;
  if (!isObject && members.some((m) => m.additionalProperties === false)) {
    rest.type = 'object';
    rest.additionalProperties = false;
  }
  const properties = { ...(node.properties ?? {}) };
  const required = new Set(node.required ?? []);
  for (const m of members) {
    Object.assign(properties, m.properties);
    for (const r of m.required ?? []) required.add(r);
  }
  fixups.add('object schemas with additionalProperties: false whose properties come from allOf members are flattened (as written they reject every property)');
  return { ...rest, properties, ...(required.size ? { required: [...required] } : {}) };
}

function convert(node) {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  node = flatten(node);
  if (typeof node.$ref === 'string') {
    const { kind, name, value } = component(node.$ref);
    if (kind !== 'schemas') return convert(value);
    if (!(name in defs)) {
      defs[name] = null; // placeholder against recursion
      defs[name] = convert(value);
    }
    return { $ref: `${FILE}#/$defs/${name}` };
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k) || k.startsWith('x-') || k === 'nullable') continue;
    if (k === 'properties') {
      out.properties = {};
      for (const [pk, pv] of Object.entries(v)) out.properties[pk] = convert(pv);
    } else if (k === 'format') {
      formats.add(v);
      out.format = v;
    } else if (k === 'required' && Array.isArray(v)) {
      out.required = [...v];
    } else {
      out[k] = convert(v);
    }
  }
  if (node.nullable === true && out.type !== undefined) {
    const types = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.includes('null')) out.type = [...types, 'null'];
  }
  return out;
}

const operations = {};
for (const op of OPERATIONS) {
  const pathItem = spec.paths?.[op.path];
  const item = pathItem?.[op.method.toLowerCase()];
  if (!item) throw new Error(`spec has no ${op.method} ${op.path}`);
  if (item.operationId !== op.operationId) throw new Error(`${op.method} ${op.path}: operationId ${item.operationId}, expected ${op.operationId}`);
  const key = `${op.method} ${op.path}`;
  const params = [...(pathItem.parameters ?? []), ...(item.parameters ?? [])].map(deref);
  const entry = { operationId: op.operationId };
  entry.parameters = params.map((p) => {
    let required = p.required === true;
    if (required && p.in === 'query' && NOT_REQUIRED_PARAMS.has(p.name)) {
      required = false;
      fixups.add(`${key}: query parameter ${p.name} made optional (the spec marks it required; clients omit it, shipstation-v2.md §6)`);
    }
    return { name: p.name, in: p.in, required, schema: convert(p.schema ?? {}) };
  });
  if (item.requestBody) {
    const rb = deref(item.requestBody);
    const [[contentType, media]] = Object.entries(rb.content);
    entry.requestBody = { required: rb.required === true, contentType, schema: convert(media.schema) };
  }
  entry.responses = {};
  for (const code of op.responses) {
    const r = item.responses?.[code] && deref(item.responses[code]);
    if (!r) throw new Error(`${key}: spec has no ${code} response`);
    const media = r.content?.['application/json'];
    entry.responses[code] = media ? { contentType: 'application/json', schema: convert(media.schema) } : {};
  }
  operations[key] = entry;
}

const out = {
  $comment:
    'GENERATED by scripts/extract-shipstation-v2-schemas.mjs from the official ShipStation API V2 OpenAPI spec. Do not edit by hand: run `npm run schemas:shipstation`.',
  generatedBy: 'scripts/extract-shipstation-v2-schemas.mjs',
  spec: {
    title: spec.info?.title,
    version: spec.info?.version,
    openapi: spec.openapi,
    file: `specs/${basename(specPath)} (the official spec, outside this repository)`,
    sha256: createHash('sha256').update(raw).digest('hex'),
  },
  conversion: [
    `JSON Schema 2020-12 (compile with ajv/dist/2020). $refs point into "${FILE}#/$defs/...": add {$id: "${FILE}", $defs} to ajv first.`,
    'Dropped keywords: description, example, examples, discriminator, xml, externalDocs, x-*.',
    `Formats used: ${[...formats].sort().join(', ')}.`,
  ],
  fixups: [...fixups],
  operations,
  $defs: defs,
};

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n');
console.log(
  `wrote ${relative(repoRoot, outPath)} (${(JSON.stringify(out).length / 1024).toFixed(0)} KB; ` +
    `${Object.keys(operations).length} operations, ${Object.keys(defs).length} $defs; ${fixups.size} fixups)`,
);
