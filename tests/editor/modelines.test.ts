/**
 * Every entry file ties itself to its kind's schema with a yaml-language-server
 * modeline on its first line, so editors complete and check the right fields.
 * The path is relative to the entry file, as the language server reads it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KINDS, SCHEMA_DIR, schemaId } from '../../scripts/core/loadSchemas';

const REPO = path.resolve(__dirname, '../..');
const ENTRIES = path.join(REPO, 'entries');

/** The same files reflib reads: entries/**\/*.yaml and *.yml, skipping dot-names. */
function entryFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    if (item.name.startsWith('.')) return [];
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return entryFiles(full);
    return /\.ya?ml$/i.test(item.name) ? [full] : [];
  });
}

/** The schema a modeline names, or undefined when the line is not a modeline. */
function modelineSchema(line: string): string | undefined {
  return /^# yaml-language-server: \$schema=(\S+)\s*$/.exec(line)?.[1];
}

const FILES = entryFiles(ENTRIES)
  .map((f) => path.relative(REPO, f).split(path.sep).join('/'))
  .sort();

describe('modelineSchema', () => {
  it.each([
    ['# yaml-language-server: $schema=../../schemas/topic.schema.json', '../../schemas/topic.schema.json'],
    ['# yaml-language-server: $schema=../../schemas/topic.schema.json  ', '../../schemas/topic.schema.json'],
    ['#yaml-language-server: $schema=../../schemas/topic.schema.json', undefined],
    ['# yaml-language-server $schema=../../schemas/topic.schema.json', undefined],
    ['id: 3ca17b72', undefined],
    ['', undefined],
  ])('%j → %j', (line, expected) => {
    expect(modelineSchema(line)).toBe(expected);
  });
});

describe('entry modelines', () => {
  it('finds the library’s entry files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(FILES)('%s names the schema of its kind on line 1', (rel) => {
    const file = path.join(REPO, rel);
    const text = readFileSync(file, 'utf8');
    const kind = (parse(text) as { kind?: unknown }).kind;
    expect(KINDS, `kind of ${rel}`).toContain(kind);

    const first = text.split(/\r?\n/, 1)[0];
    const schema = modelineSchema(first);
    expect(schema, `first line of ${rel}: ${JSON.stringify(first)}`).toBeDefined();
    // The language server resolves it against the entry file's own folder.
    const resolved = path.resolve(path.dirname(file), schema!);
    expect(resolved).toBe(path.join(SCHEMA_DIR, `${kind as string}.schema.json`));
    expect(existsSync(resolved)).toBe(true);
    expect(schema).toBe(path.posix.relative(path.posix.dirname(rel), `schemas/${kind as string}.schema.json`));

    const loaded = JSON.parse(readFileSync(resolved, 'utf8')) as { $id?: string; properties?: { kind?: { const?: unknown } } };
    expect(loaded.$id).toBe(schemaId(kind as string));
    expect(loaded.properties?.kind?.const).toBe(kind);
  });
});

/** Every `$ref` value in a schema, anywhere in it. */
function refs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refs(value)));
}

const SCHEMA_FILES = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.schema.json'))
  .sort();

// yaml-language-server resolves a relative $ref against the schema's $id
// (https://schemas.reflib.dev/v1/…), then looks for a file of the same name
// beside the schema it loaded before it would fetch that URL. So every $id must
// end with its own file name, and every $ref must name a file in schemas/.
describe('schemas the language server can resolve offline', () => {
  it.each(SCHEMA_FILES)('%s: $id ends with its file name; its $refs name files beside it', (name) => {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8')) as { $id?: string };
    expect(schema.$id).toBe(schemaId(name.replace(/\.schema\.json$/, '')));
    for (const ref of refs(schema)) {
      const target = ref.split('#', 1)[0];
      if (target === '') continue;
      expect(target, `${name} refers to ${ref}`).toMatch(/^[\w.-]+\.schema\.json$/);
      expect(existsSync(path.join(SCHEMA_DIR, target)), `${name} refers to ${ref}`).toBe(true);
    }
  });
});
