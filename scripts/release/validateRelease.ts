/**
 * Every build checks its own output against schemas/bundle.schema.json before
 * publishing it: each file's content as the object it is serialised from
 * (its canonical JSON), so nothing is parsed back or read from disk.
 */
import type { ValidateFunction } from 'ajv';
import { BUNDLE_DEFINITIONS, schemaId, schemaValidator } from '../core/loadSchemas';
import type { CheckFile } from './assembleRelease';

let validators: Record<string, ValidateFunction> | undefined;

function validatorFor(rel: string): ValidateFunction | undefined {
  validators ??= Object.fromEntries(
    BUNDLE_DEFINITIONS.map((d) => [d, schemaValidator(`${schemaId('bundle')}#/definitions/${d}`)]),
  );
  if (rel === 'latest.json') return validators.latest;
  if (rel === 'latest.signed.json') return validators.latestSigned;
  if (rel === 'manifest.json') return validators.manifest;
  if (rel === 'library.json') return validators.library;
  if (rel === 'index.json') return validators.index;
  if (rel === 'changelog.json') return validators.changelog;
  if (rel.startsWith('entries/')) return validators.entryFile;
  return undefined;
}

/** The most problems kept: one broken compile step would otherwise repeat the same one for every entry. */
const MAX_PROBLEMS = 100;

/** A checker for assembleRelease's `check`, and the problems it found as "file: pointer message" strings. */
export function createReleaseValidator(): { check: CheckFile; problems: string[] } {
  const problems: string[] = [];
  const check: CheckFile = (rel, value) => {
    const validate = validatorFor(rel);
    if (!validate || validate(value)) return;
    for (const e of validate.errors ?? []) if (problems.length < MAX_PROBLEMS) problems.push(`${rel}: ${e.instancePath || '/'} ${e.message}`);
  };
  return { check, problems };
}
