/**
 * The schema registry. Validation uses validators precompiled from
 * `schemas/` by ajv's standalone code generation
 * (`validators.generated.ts`, made by `npm run generate` and checked for
 * currency by a test), so no run compiles a schema. An ajv instance with
 * every schema added is still built on demand, for what needs the schemas
 * as data: the hints of a schema finding, `fmt`'s field order, the
 * generators.
 */
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VALIDATORS } from './validators.generated';

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

/** The bundle's definitions that releases are validated against. */
export const BUNDLE_DEFINITIONS = ['latest', 'manifest', 'library', 'index', 'entryFile', 'changelog', 'latestSigned'] as const;

/** Every schema id with a precompiled validator: the entry kinds, the lock, and the bundle's files. */
export const VALIDATOR_IDS: readonly string[] = [
  ...KINDS.map(schemaId),
  schemaId('entry'),
  schemaId('pubmed-lock'),
  ...BUNDLE_DEFINITIONS.map((d) => `${schemaId('bundle')}#/definitions/${d}`),
];

export interface SchemaSet {
  validators: Map<Kind, ValidateFunction>;
  /** The kind schemas as JSON, by kind. */
  raw: Map<Kind, Record<string, unknown>>;
}

let cached: SchemaSet | undefined;
let shared: Ajv | undefined;

/** Builds an ajv instance in strict mode with every schema in `schemas/` added; `source` keeps the code for standalone generation. */
export function createAjv(code: { source?: boolean; esm?: boolean } = {}): Ajv {
  // Loaded here, not at the top: validating needs only the precompiled code, and ajv takes 50 ms to load.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  const addFormats = (require('ajv-formats') as { default: (ajv: Ajv, formats: string[]) => Ajv }).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ajv = new AjvClass({
    strict: true,
    // strictRequired would forbid `anyOf: [{required: [value]}, …]` and
    // `if/then: {required: […]}`, idioms editors' YAML plugins understand well.
    strictRequired: false,
    allErrors: true,
    verbose: true,
    code: { source: code.source === true, esm: code.esm === true },
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

/** The process's one ajv instance, with every schema in `schemas/` added: for reading schemas, not for validating. */
export function schemaAjv(): Ajv {
  shared ??= createAjv();
  return shared;
}

/** The precompiled validator for a schema `$id` (optionally with a `#/definitions/…` fragment); throws when there is none. */
export function schemaValidator(id: string): ValidateFunction {
  const fn = VALIDATORS[id] as ValidateFunction | undefined;
  if (!fn) throw new Error(`no precompiled validator for ${id}: add it to VALIDATOR_IDS and run npm run generate`);
  return fn;
}

/** The precompiled validator and the schema of each kind. */
export function loadSchemas(): SchemaSet {
  if (cached) return cached;
  const validators = new Map<Kind, ValidateFunction>();
  const raw = new Map<Kind, Record<string, unknown>>();
  for (const kind of KINDS) {
    validators.set(kind, schemaValidator(schemaId(kind)));
    raw.set(kind, JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${kind}.schema.json`), 'utf8')) as Record<string, unknown>);
  }
  cached = { validators, raw };
  return cached;
}
