#!/usr/bin/env node
/**
 * Extracts the JSON Schemas of the DSCO (Rithum) API v3 operations this project uses from the official
 * OpenAPI 3.1 spec and writes them to sandbox/contract/dsco-schemas.json (committed, so tests never read the spec).
 *
 *   npm run schemas                      # the spec in the workplace's shared specs folder, beside the repo
 *   node scripts/extract-dsco-schemas.mjs path/to/dsco-api-v3.yaml
 *
 * The spec keeps every schema inline through YAML anchors/aliases (components/schemas is empty), so it is parsed
 * with a raised alias limit and merge keys on; aliased schemas come out as the same JS object, which is how shared
 * schemas (e.g. Order, used by /order/page and /order/log) are detected and emitted once under $defs.
 *
 * Conversion to what ajv's Ajv2020 accepts (OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few leftovers):
 *  - OpenAPI-only / annotation keywords dropped: description, example, examples, discriminator, xml, externalDocs, x-… extensions
 *    (title, deprecated and readOnly are kept: they are valid 2020-12 annotations);
 *  - `nullable: true` (an OpenAPI 3.0 leftover the spec still uses ~1200 times) becomes `type: [T, "null"]`
 *    (plus `null` in `enum`), or `anyOf: [schema, {type: "null"}]` when the schema has no `type`;
 *  - `oneOf` becomes `anyOf`: the spec uses oneOf for unions whose branches overlap (an OrderForCancel payload
 *    in OrderChangeLog.payload also satisfies OrderAcknowledgeChangeLogPayload), which JSON Schema oneOf rejects;
 *  - spec bugs are patched and listed in the output's `fixups` (see fixRequired / fixPattern below).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Default: the official spec in the shared folder beside this repository (never read by tests).
const specPath = process.argv[2] ? resolve(repoRoot, process.argv[2]) : join(repoRoot, '..', 'shared', 'specs', 'dsco-api-v3.yaml');
const outPath = resolve(repoRoot, 'sandbox/contract/dsco-schemas.json');

/** The operations used by the project: what of each is extracted. */
const OPERATIONS = [
  { method: 'POST', path: '/oauth2/token', operationId: 'getAccessToken', responses: ['200', '400', '401'] },
  { method: 'GET', path: '/order/page', operationId: 'getOrders', responses: ['200'] },
  { method: 'GET', path: '/order/', operationId: 'getOrderById', responses: ['200'] },
  { method: 'POST', path: '/order/acknowledge', operationId: 'acknowledgeOrders', responses: ['202'] },
  { method: 'GET', path: '/order/log', operationId: 'getOrderChangeLog', responses: ['200'] },
  { method: 'POST', path: '/order/singleShipment', operationId: 'singleShipment', responses: ['201'] },
  { method: 'POST', path: '/order/shipment/batch/small', operationId: 'createShipmentSmallBatch', responses: ['202'] },
  { method: 'POST', path: '/order/item/cancel', operationId: 'cancelOrderItem', responses: ['200', '202'] },
  { method: 'POST', path: '/order/item/cancel/batch/small', operationId: 'cancelOrderItemSmallBatch', responses: ['202'] },
  { method: 'GET', path: '/hello', operationId: 'helloWorld', responses: ['200'] },
  { method: 'POST', path: '/invoice', operationId: 'singleInvoice', responses: ['201'] },
  { method: 'GET', path: '/invoice', operationId: 'getInvoiceById', responses: ['200'] },
  { method: 'POST', path: '/inventory/batch/small', operationId: 'updateInventorySmallBatch', responses: ['202'] },
  { method: 'GET', path: '/inventory/log', operationId: 'getInventoryChangeLog', responses: ['200'] },
];

const DROP = new Set(['description', 'example', 'examples', 'discriminator', 'xml', 'externalDocs']);

const raw = readFileSync(specPath, 'utf8');
const spec = YAML.parse(raw, { maxAliasCount: -1, merge: true });

/** @type {string[]} */
const fixups = [];
const fixupCounts = new Map();
function noteFixup(msg) {
  fixupCounts.set(msg, (fixupCounts.get(msg) ?? 0) + 1);
}

// ---- pass 1: find schema objects reached more than once (YAML aliases) so they are emitted once in $defs ----
const seenCount = new Map();
function countRefs(node) {
  if (!node || typeof node !== 'object') return;
  const n = (seenCount.get(node) ?? 0) + 1;
  seenCount.set(node, n);
  if (n > 1) return; // children already counted
  for (const v of Object.values(node)) countRefs(v);
}

function operationOf(op) {
  const item = spec.paths?.[op.path]?.[op.method.toLowerCase()];
  if (!item) throw new Error(`spec has no ${op.method} ${op.path}`);
  if (item.operationId !== op.operationId) {
    throw new Error(`${op.method} ${op.path}: operationId ${item.operationId}, expected ${op.operationId}`);
  }
  return item;
}

for (const op of OPERATIONS) {
  const item = operationOf(op);
  for (const p of item.parameters ?? []) countRefs(p.schema);
  for (const c of Object.values(item.requestBody?.content ?? {})) countRefs(c.schema);
  for (const code of op.responses) {
    for (const c of Object.values(item.responses?.[code]?.content ?? {})) countRefs(c.schema);
  }
}

// Only sizeable titled object schemas are worth a $def; small shared ones (ApiResponseMessage…) are inlined.
const defNames = new Map(); // object -> name
const usedNames = new Set();
for (const [obj, n] of seenCount) {
  if (n < 2 || Array.isArray(obj) || typeof obj.title !== 'string' || !obj.properties) continue;
  if (JSON.stringify(obj).length < 4000) continue;
  let name = obj.title;
  for (let i = 2; usedNames.has(name); i++) name = `${obj.title}${i}`;
  usedNames.add(name);
  defNames.set(obj, name);
}

// ---- pass 2: convert ----
const defs = {};
const formats = new Set();

function fixPattern(p) {
  // Spec bug: patterns are written with doubled backslashes in YAML double-quoted strings, e.g. "^(\\\\d{6}|\\\\d{12})$",
  // i.e. the regex `^(\\d{6}|\\d{12})$`, which matches a literal backslash followed by "d"s and rejects every real UPC.
  if (p.includes('\\\\')) {
    noteFixup('pattern: doubled backslashes collapsed (the spec\'s UPC/EAN/GTIN/ISBN patterns matched a literal backslash, not a digit)');
    return p.replace(/\\\\/g, '\\');
  }
  return p;
}

function fixRequired(schema, where) {
  // Spec bug: some `required` lists name properties that do not exist (OrderLineItemActivity requires "activity"
  // but its properties are action/quantity/...; SuccessFailResponse requires "status" but only has "success",
  // while the real singleShipment answer is {"success": true}). Such names are dropped.
  if (!Array.isArray(schema.required) || !schema.properties || schema.additionalProperties !== undefined) {
    return schema.required;
  }
  const kept = schema.required.filter((r) => r in schema.properties);
  for (const r of schema.required) {
    if (!(r in schema.properties)) {
      noteFixup(`required: "${r}" dropped from ${schema.title ?? where} (no such property in the spec's schema)`);
    }
  }
  return kept;
}

function convert(node, where) {
  if (Array.isArray(node)) return node.map((v) => convert(v, where));
  if (!node || typeof node !== 'object') return node;
  const defName = defNames.get(node);
  if (defName) {
    if (!(defName in defs)) {
      defs[defName] = null; // placeholder against recursion
      defs[defName] = convertObject(node, defName);
    }
    return { $ref: `dsco-schemas.json#/$defs/${defName}` };
  }
  return convertObject(node, where);
}

function convertObject(node, where) {
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k) || k.startsWith('x-') || k === 'nullable') continue; // x-…: OpenAPI vendor extensions, not JSON Schema
    if (k === 'properties') {
      out.properties = {};
      for (const [pk, pv] of Object.entries(v)) out.properties[pk] = convert(pv, `${where}.${pk}`);
    } else if (k === 'oneOf') {
      out.anyOf = convert(v, where);
    } else if (k === 'pattern' && typeof v === 'string') {
      // Spec bug: a pattern on a number (ItemInventory.cost "^\d+(\.\d{1,2})?$") applies to strings only; JSON Schema
      // ignores it on numbers and ajv's strict mode refuses it, so it is dropped.
      if (node.type !== undefined && node.type !== 'string' && !(Array.isArray(node.type) && node.type.includes('string'))) {
        noteFixup(`pattern: dropped from a ${node.type} at ${where} (a pattern only applies to strings)`);
        continue;
      }
      out.pattern = fixPattern(v);
    } else if (k === 'required') {
      out.required = fixRequired(node, where);
    } else if (k === 'format') {
      formats.add(v);
      out.format = v;
    } else {
      out[k] = convert(v, where);
    }
  }
  if (node.nullable === true) {
    if (out.type !== undefined) {
      const types = Array.isArray(out.type) ? out.type : [out.type];
      out.type = types.includes('null') ? types : [...types, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else {
      const { title, deprecated, readOnly, ...rest } = out;
      return {
        ...(title !== undefined ? { title } : {}),
        ...(deprecated !== undefined ? { deprecated } : {}),
        ...(readOnly !== undefined ? { readOnly } : {}),
        anyOf: [rest, { type: 'null' }],
      };
    }
  }
  if (out.required && out.required.length === 0) delete out.required;
  return out;
}

const operations = {};
for (const op of OPERATIONS) {
  const item = operationOf(op);
  const key = `${op.method} ${op.path}`;
  const entry = { operationId: op.operationId };
  if (item.security && item.security.length === 0) entry.auth = 'none';
  entry.parameters = (item.parameters ?? []).map((p) => ({
    name: p.name,
    in: p.in,
    required: p.required === true,
    schema: convert(p.schema, `${key} ${p.name}`),
  }));
  if (item.requestBody) {
    const [[contentType, media]] = Object.entries(item.requestBody.content);
    entry.requestBody = {
      required: item.requestBody.required === true,
      contentType,
      schema: convert(media.schema, `${key} body`),
    };
  }
  entry.responses = {};
  for (const code of op.responses) {
    const r = item.responses?.[code];
    if (!r) throw new Error(`${key}: spec has no ${code} response`);
    const media = r.content?.['application/json'];
    entry.responses[code] = media ? { contentType: 'application/json', schema: convert(media.schema, `${key} ${code}`) } : {};
  }
  operations[key] = entry;
}

for (const [msg, n] of fixupCounts) fixups.push(n > 1 ? `${msg} (x${n})` : msg);

const out = {
  $comment:
    'GENERATED by scripts/extract-dsco-schemas.mjs from the official DSCO API v3 OpenAPI spec. Do not edit by hand: run `npm run schemas`.',
  generatedBy: 'scripts/extract-dsco-schemas.mjs',
  spec: {
    title: spec.info?.title,
    version: spec.info?.version,
    openapi: spec.openapi,
    file: `specs/${basename(specPath)} (the official spec, outside this repository)`,
    sha256: createHash('sha256').update(raw).digest('hex'),
  },
  conversion: [
    'JSON Schema 2020-12 (compile with ajv/dist/2020). $refs point into "dsco-schemas.json#/$defs/...": add {$id: "dsco-schemas.json", $defs} to ajv first.',
    'Dropped keywords: description, example, examples, discriminator, xml, externalDocs.',
    'nullable: true -> type [T, "null"] (or anyOf with {type: "null"}); oneOf -> anyOf (the spec uses overlapping oneOf unions).',
    `Formats used (register them; "integer" is used on type number to mean a whole number): ${[...formats].sort().join(', ')}.`,
  ],
  fixups,
  operations,
  $defs: defs,
};

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n');
console.log(
  `wrote ${relative(repoRoot, outPath)} (${(JSON.stringify(out).length / 1024).toFixed(0)} KB; ` +
    `${Object.keys(operations).length} operations, $defs: ${Object.keys(defs).join(', ') || 'none'}; ${fixups.length} fixups)`,
);
