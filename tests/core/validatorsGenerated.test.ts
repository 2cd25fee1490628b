/** The precompiled validators are what ajv generates from schemas/ now, and they judge like ajv compiling the schemas. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatorsText, VALIDATORS_FILE } from '../../tools/generate/generateValidators';
import { schemaAjv, schemaId, schemaValidator, VALIDATOR_IDS } from '../../scripts/core/loadSchemas';

describe('validators.generated.ts', () => {
  it('is current: run `npm run generate` after changing schemas/', () => {
    expect(readFileSync(VALIDATORS_FILE, 'utf8') === validatorsText(), 'scripts/core/validators.generated.ts is stale: run npm run generate').toBe(true);
  });

  it('has a validator for every id, and none for an unknown one', () => {
    for (const id of VALIDATOR_IDS) expect(typeof schemaValidator(id)).toBe('function');
    expect(() => schemaValidator(schemaId('nothing'))).toThrow(/no precompiled validator/);
  });

  const bad = { id: 'zz', kind: 'topic', title: 3, status: 'gone', extra: true };
  it.each([
    ['a topic with wrong types, an unknown field and missing ones', schemaId('topic'), bad],
    ['an empty lock', schemaId('pubmed-lock'), {}],
    ['a manifest with a wrong field', `${schemaId('bundle')}#/definitions/manifest`, { version: 1 }],
  ])('reports the same errors as ajv compiling the schema: %s', (_name, id, data) => {
    const compiled = schemaAjv().getSchema(id)!;
    const standalone = schemaValidator(id);
    expect(compiled(data)).toBe(false);
    expect(standalone(data)).toBe(false);
    const strip = (errors: typeof compiled.errors) => (errors ?? []).map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, schemaPath: e.schemaPath, params: e.params }));
    expect(strip(standalone.errors)).toEqual(strip(compiled.errors));
    expect(standalone.errors!.length).toBeGreaterThan(0);
  });
});
