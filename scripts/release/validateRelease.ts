/** Every build checks its own output against schemas/bundle.schema.json before publishing it. */
import type { ValidateFunction } from 'ajv';
import { schemaId, schemaValidator } from '../core/loadSchemas';
import type { Release } from './assembleRelease';

let validators: Record<string, ValidateFunction> | undefined;

function validatorFor(rel: string): ValidateFunction | undefined {
  validators ??= Object.fromEntries(
    ['latest', 'manifest', 'library', 'index', 'entryFile', 'changelog'].map((d) => [d, schemaValidator(`${schemaId('bundle')}#/definitions/${d}`)]),
  );
  if (rel === 'manifest.json') return validators.manifest;
  if (rel === 'library.json') return validators.library;
  if (rel === 'index.json') return validators.index;
  if (rel === 'changelog.json') return validators.changelog;
  if (rel.startsWith('entries/')) return validators.entryFile;
  return undefined;
}

/** Problems with the release's files, as "file: pointer message" strings; empty when all match. */
export function validateRelease(release: Release): string[] {
  const problems: string[] = [];
  const check = (rel: string, text: string, validate: ValidateFunction | undefined) => {
    if (!validate || validate(JSON.parse(text))) return;
    for (const e of validate.errors ?? []) problems.push(`${rel}: ${e.instancePath || '/'} ${e.message}`);
  };
  for (const [rel, text] of release.files) check(rel, text, validatorFor(rel));
  check('latest.json', release.latest, validatorFor('latest') ?? validators!.latest);
  return problems;
}
