/** Follows `$ref`s through the loaded schemas, keeping track of which document each one is in. */
import type Ajv from 'ajv';

type Schema = Record<string, unknown>;

/** A schema node and the URL of the document it lives in (for resolving relative refs). */
export interface Located {
  schema: Schema;
  base: string;
}

/** Resolves `ref` relative to `base`, walking the JSON Pointer in the target document. */
export function resolveRef(ajv: Ajv, ref: string, base: string): Located {
  const url = new URL(ref, base).toString();
  const [doc, pointer = ''] = url.split('#');
  let target = ajv.getSchema(doc)?.schema as unknown;
  for (const seg of pointer.split('/').filter(Boolean)) target = (target as Schema | undefined)?.[decodeURIComponent(seg)];
  if (!target || typeof target !== 'object') throw new Error(`cannot resolve ${url}`);
  return { schema: target as Schema, base: doc };
}

/** Follows a chain of `$ref`s until a schema without one. */
export function deref(ajv: Ajv, node: Located): Located {
  let current = node;
  for (let i = 0; i < 20 && typeof current.schema.$ref === 'string'; i++) current = resolveRef(ajv, current.schema.$ref, current.base);
  return current;
}
