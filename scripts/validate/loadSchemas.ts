/**
 * Loads the entry schemas shipped in `schemas/` and compiles one validator per
 * kind. Compiled once per process.
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

/** The `$id` of a schema file in `schemas/`. */
export function schemaId(name: string): string {
  return `https://schemas.reflib.dev/v1/${name}.schema.json`;
}

export interface SchemaSet {
  ajv: Ajv;
  validators: Map<Kind, ValidateFunction>;
}

let cached: SchemaSet | undefined;

/** Builds an ajv instance in strict mode with every schema in `schemas/` added. */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    // strictRequired would forbid `anyOf: [{required: [value]}, …]` and
    // `if/then: {required: […]}`, idioms editors' YAML plugins understand well.
    strictRequired: false,
    allErrors: true,
    verbose: true,
  });
  addFormats(ajv, ['date', 'uri']);
  for (const name of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8')));
  }
  return ajv;
}

/** The compiled validators for each kind. */
export function loadSchemas(): SchemaSet {
  if (cached) return cached;
  const ajv = createAjv();
  const validators = new Map<Kind, ValidateFunction>();
  for (const kind of KINDS) {
    const fn = ajv.getSchema(schemaId(kind));
    if (!fn) throw new Error(`schema ${kind}.schema.json is missing from ${SCHEMA_DIR}`);
    validators.set(kind, fn);
  }
  cached = { ajv, validators };
  return cached;
}
