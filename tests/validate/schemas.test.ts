/** The schemas themselves: readable by editors, strict, and with examples that validate. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSchemaText } from '../../tools/generate/generateBundleSchema';
import { schemaAjv, KINDS, SCHEMA_DIR, schemaId } from '../../scripts/core/loadSchemas';

type Schema = Record<string, any>;
const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort();
const schemas = new Map<string, Schema>(files.map((f) => [f, JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8'))]));
const definitions = schemas.get('definitions.schema.json')!.definitions as Record<string, Schema>;

/** A property's description, directly or through what it refers to (a shared definition, or a kind schema's property). */
function described(prop: Schema, self?: Schema): boolean {
  if (typeof prop.description === 'string' && prop.description.length > 0) return true;
  const def = /^(?:definitions\.schema\.json)?#\/definitions\/([\w/]+)$/.exec(prop.$ref ?? '');
  if (def) {
    const [name, ...rest] = def[1].split('/');
    const inOwn = !prop.$ref.startsWith('definitions') && self?.definitions?.[name];
    let target: Schema = inOwn ? self!.definitions[name] : definitions[name];
    for (const seg of rest) target = target?.[seg];
    return Boolean(target) && described(target, self);
  }
  const other = /^([\w-]+\.schema\.json)#\/properties\/(\w+)$/.exec(prop.$ref ?? '');
  return other ? described(schemas.get(other[1])!.properties[other[2]]) : false;
}

/** Every `properties` map anywhere in a schema, with a path for messages. */
function propertyMaps(node: unknown, at: string, out: [string, Schema][] = []): [string, Schema][] {
  if (!node || typeof node !== 'object') return out;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && v && typeof v === 'object') out.push([at, v as Schema]);
    if (k !== 'examples') propertyMaps(v, `${at}/${k}`, out);
  }
  return out;
}

describe('schemas/', () => {
  it('holds one schema per kind, plus definitions, the entry dispatcher, the PubMed lock and the bundle', () => {
    expect(files).toEqual([...KINDS.map((k) => `${k}.schema.json`), 'bundle.schema.json', 'definitions.schema.json', 'entry.schema.json', 'pubmed-lock.schema.json'].sort());
  });

  it.each(files)('%s is draft-07 with an $id matching its file name', (file) => {
    const s = schemas.get(file)!;
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.$id).toBe(schemaId(file.replace('.schema.json', '')));
    expect(s.title).toBeTruthy();
    expect(s.description).toBeTruthy();
  });

  it.each(files)('%s describes every property, for editor completion', (file) => {
    const missing: string[] = [];
    for (const [at, props] of propertyMaps(schemas.get(file), '#')) {
      for (const [name, prop] of Object.entries(props)) {
        // `if` conditions only test values; their properties are never shown to editors.
        if (!/\/if$/.test(at) && !/\/allOf\/1$/.test(at) && !described(prop, schemas.get(file))) missing.push(`${at}/${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([...KINDS, 'entry'])('the %s schema has an example that validates', (kind) => {
    const ajv = schemaAjv();
    const s = schemas.get(`${kind}.schema.json`)!;
    expect(s.examples?.length).toBeGreaterThan(0);
    const validate = ajv.getSchema(schemaId(kind))!;
    for (const example of s.examples) expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(KINDS)('the %s schema rejects unknown keys at the top level', (kind) => {
    const validate = schemaAjv().getSchema(schemaId(kind))!;
    const example = { ...schemas.get(`${kind}.schema.json`)!.examples[0], sumary: 'typo' };
    expect(validate(example)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'sumary' } }));
  });

  it('the entry schema picks the kind schema from kind', () => {
    const validate = schemaAjv().getSchema(schemaId('entry'))!;
    const example = schemas.get('interaction.schema.json')!.examples[0];
    expect(validate(example)).toBe(true);
    expect(validate({ ...example, agents: ['only one'] })).toBe(false);
    expect(validate({ ...example, kind: 'essay' })).toBe(false);
  });
});

describe('schemas/bundle.schema.json', () => {
  it('is generated from the entry schemas and up to date (npm run generate)', () => {
    expect(readFileSync(path.join(SCHEMA_DIR, 'bundle.schema.json'), 'utf8')).toBe(bundleSchemaText());
  });
});

describe('scripts/bundle/types.generated.ts', () => {
  it('is generated from the bundle schema and up to date (npm run generate)', async () => {
    const { typesText, TYPES_FILE } = await import('../../tools/generate/generateTypes');
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await typesText());
  });
});
