/**
 * Where a statement can take a `cite`: the nearest mapping around a place in
 * an entry whose schema declares a `cite` property. A topic's `overview`, an
 * entry's `title`, a form comparison's `overview` have none around them, so
 * a figure there cannot be cited in place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSchemas, SCHEMA_DIR, type Kind } from '../core/loadSchemas';
import { parsePointer, toPointer } from '../core/locatePointer';

type Schema = Record<string, unknown>;

/** A schema, with the file its `$ref`s are relative to. */
interface Located {
  schema: Schema;
  file: string;
}

const files = new Map<string, Schema>();

/** A schema file as JSON: a kind's from loadSchemas, any other read once. */
function schemaFile(name: string): Schema {
  let schema = files.get(name);
  if (!schema) {
    const kind = name.replace(/\.schema\.json$/, '') as Kind;
    schema = loadSchemas().raw.get(kind) ?? (JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8')) as Schema);
    files.set(name, schema);
  }
  return schema;
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema a `$ref` names: `other.schema.json#/definitions/x`, or `#/definitions/x` in the same file. */
function resolveRef(ref: string, from: string): Located | undefined {
  const [name, fragment = ''] = ref.split('#');
  const file = name || from;
  let node: unknown = schemaFile(file);
  for (const seg of parsePointer(fragment)) node = isSchema(node) ? node[seg] : undefined;
  return isSchema(node) ? { schema: node, file } : undefined;
}

/** A schema and every schema it also must or may match: its `$ref`, `allOf`, `anyOf`, `oneOf`, `then` and `else`, followed through. */
function expand(start: readonly Located[]): Located[] {
  const out: Located[] = [];
  const seen = new Set<Schema>();
  const queue = [...start];
  while (queue.length) {
    const at = queue.pop()!;
    if (seen.has(at.schema)) continue;
    seen.add(at.schema);
    out.push(at);
    const { schema, file } = at;
    if (typeof schema.$ref === 'string') {
      const target = resolveRef(schema.$ref, file);
      if (target) queue.push(target);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = schema[key];
      if (Array.isArray(list)) for (const s of list) if (isSchema(s)) queue.push({ schema: s, file });
    }
    for (const key of ['then', 'else']) if (isSchema(schema[key])) queue.push({ schema: schema[key] as Schema, file });
  }
  return out;
}

/** The schemas of a child: a property of a mapping, or an item of a list. */
function child(schemas: readonly Located[], seg: string): Located[] {
  const out: Located[] = [];
  for (const { schema, file } of schemas) {
    const props = schema.properties;
    const sub = /^\d+$/.test(seg) ? schema.items : isSchema(props) ? (props[seg] ?? schema.additionalProperties) : schema.additionalProperties;
    if (isSchema(sub)) out.push({ schema: sub, file });
  }
  return expand(out);
}

const declaresCite = (schemas: readonly Located[]) => schemas.some(({ schema }) => isSchema(schema.properties) && Object.hasOwn(schema.properties, 'cite'));

/** By kind and pointer with list indexes as `*`: how many segments the holder's pointer has, or -1. */
const depths = new Map<string, number>();

/**
 * The JSON Pointer of the nearest mapping at or around `pointer` (the place
 * of a figure: a string, or a quantity's `value`) whose schema declares a
 * `cite` property, or undefined when none does. Worked out from the kind's
 * schema once per kind and shape of pointer (list indexes aside).
 */
export function findCiteHolder(kind: Kind, pointer: string): string | undefined {
  const segments = parsePointer(pointer);
  const key = `${kind} ${segments.map((s) => (/^\d+$/.test(s) ? '*' : s)).join('/')}`;
  let depth = depths.get(key);
  if (depth === undefined) {
    depth = -1;
    let schemas = expand([{ schema: schemaFile(`${kind}.schema.json`), file: `${kind}.schema.json` }]);
    // The mappings around the place are its proper prefixes; the place itself is a string or a number.
    for (let d = 0; d < segments.length && schemas.length; d++) {
      if (declaresCite(schemas)) depth = d;
      schemas = child(schemas, segments[d]);
    }
    depths.set(key, depth);
  }
  return depth === -1 ? undefined : toPointer(segments.slice(0, depth));
}
