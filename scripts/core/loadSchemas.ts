/**
 * The schema registry: one ajv instance per process, holding every schema
 * shipped in `schemas/` (entries, the PubMed lock, the bundle), and the
 * compiled validator for each entry kind.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the schemas live: beside scripts/, in the package. */
export const SCHEMA_DIR = path.resolve(__dirname, '../../schemas');

/** The entry kinds, in the order the README lists them. */
export const KINDS = ['topic', 'form-comparison', 'interaction', 'population-caution', 'misconception'] as const;
export type Kind = (typeof KINDS)[number];

/** The schema keyword that marks a property as a link to other entries. */
export const LINKS_TO = 'x-links-to';

/** The `$id` of a schema file in `schemas/`. */
export function schemaId(name: string): string {
  return `https://schemas.reflib.dev/v1/${name}.schema.json`;
}

export interface SchemaSet {
  ajv: Ajv;
  validators: Map<Kind, ValidateFunction>;
  /** The kind schemas as JSON, by kind. */
  raw: Map<Kind, Record<string, unknown>>;
}

let cached: SchemaSet | undefined;
let shared: Ajv | undefined;

/** Builds an ajv instance in strict mode with every schema in `schemas/` added. */
function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    // strictRequired would forbid `anyOf: [{required: [value]}, …]` and
    // `if/then: {required: […]}`, idioms editors' YAML plugins understand well.
    strictRequired: false,
    allErrors: true,
    verbose: true,
  });
  addFormats(ajv, ['date', 'date-time', 'uri']);
  // Annotation only: which entry kinds a link field may point at. Read by
  // scripts/graph/linkFields.ts; the link-kind check enforces it.
  ajv.addKeyword({ keyword: LINKS_TO, schemaType: 'array', metaSchema: { type: 'array', items: { enum: [...KINDS] }, minItems: 1 } });
  for (const name of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8')));
  }
  return ajv;
}

/** The process's one ajv instance, with every schema in `schemas/` added. */
export function schemaAjv(): Ajv {
  shared ??= createAjv();
  return shared;
}

/** The compiled validator for a schema `$id` (optionally with a `#/definitions/…` fragment); throws when the schema is missing. */
export function schemaValidator(id: string): ValidateFunction {
  const fn = schemaAjv().getSchema(id);
  if (!fn) throw new Error(`schema ${id} is missing from ${SCHEMA_DIR}`);
  return fn;
}

/** The compiled validators for each kind. */
export function loadSchemas(): SchemaSet {
  if (cached) return cached;
  const ajv = schemaAjv();
  const validators = new Map<Kind, ValidateFunction>();
  const raw = new Map<Kind, Record<string, unknown>>();
  for (const kind of KINDS) {
    const fn = ajv.getSchema(schemaId(kind));
    if (!fn) throw new Error(`schema ${kind}.schema.json is missing from ${SCHEMA_DIR}`);
    validators.set(kind, fn);
    raw.set(kind, fn.schema as Record<string, unknown>);
  }
  cached = { ajv, validators, raw };
  return cached;
}
