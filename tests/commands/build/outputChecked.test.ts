/**
 * `reflib build` on a library of a few hundred entries (copies of the real
 * ones with fresh IDs): the files it writes match the bundle schema, checked
 * as the objects they are made from (nothing it wrote is read back), and the
 * same sources give the same bytes.
 */
import fs from 'node:fs';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../../scripts/commands/build';
import { schemaId, schemaValidator } from '../../../scripts/core/loadSchemas';
import { REPO, snapshotTree, tempDir } from '../../support/fixtures';

const env = { SOURCE_DATE_EPOCH: '1795000000' };
const COPIES = 15;

/** The real entries, `COPIES` times over, each copy with its own IDs and links among its own entries. */
function generatedLibrary(): string {
  const root = tempDir('reflib-build-gen-');
  const sources: { rel: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.yaml')) sources.push({ rel: path.relative(path.join(REPO, 'entries'), p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(REPO, 'entries'));
  const ids = sources.map((s) => /^id: "?([0-9a-f]{8})"?/m.exec(s.text)![1]);
  const known = new Set(ids);
  for (let c = 0; c < COPIES; c++) {
    // A fresh ID per entry and copy: the copy number in the first two hex digits (never all digits: a letter follows).
    const fresh = (id: string) => `${c.toString(16).padStart(2, '0')}f${id.slice(3)}`;
    for (const s of sources) {
      const text = s.text.replace(/\b[0-9a-f]{8}\b/g, (m) => (known.has(m) ? fresh(m) : m)).replace(/^title: (?!["'>|])(.*)$/m, `title: $1 (copy ${c})`);
      const file = path.join(root, 'entries', String(c), s.rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  return root;
}

const snapshot = snapshotTree;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reflib build on a few hundred entries', () => {
  it('checks the objects it writes, never reading back a file it wrote, and the files match the bundle schema', async () => {
    const root = generatedLibrary();
    const dist = path.join(root, 'dist');
    const reads: string[] = [];
    const note = (p: unknown, flags?: unknown) => {
      const file = String(p);
      // Folders are opened read-only to fsync them: only files count.
      const folder = fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
      if (file.startsWith(dist + path.sep) && !folder && (flags === undefined || flags === 'r' || flags === 0)) reads.push(path.relative(dist, file));
    };
    const readFile = fs.promises.readFile;
    const open = fs.promises.open;
    vi.spyOn(fs.promises, 'readFile').mockImplementation(((p: fs.PathLike, ...rest: never[]) => (note(p), readFile(p, ...rest))) as typeof fs.promises.readFile);
    vi.spyOn(fs.promises, 'open').mockImplementation(((p: fs.PathLike, flags?: string | number, mode?: number) => (note(p, flags ?? 'r'), open(p, flags, mode))) as typeof fs.promises.open);
    const readFileSync = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: never[]) => (note(p), readFileSync(p, ...rest))) as typeof fs.readFileSync);
    const r = await build({ cwd: root, env });
    vi.restoreAllMocks();
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toMatch(new RegExp(`^Built release 1\\.0\\.0 \\(first release\\): ${COPIES * 20} entries`));
    // What the build may read in dist/ before writing: its lock, and latest.json (there is none yet). Never the release or its temporary folder.
    expect(reads.filter((rel) => rel !== 'latest.json' && rel !== '.reflib.lock')).toEqual([]);
    const files = Object.keys(snapshot(path.join(dist, '1.0.0')));
    expect(files).toHaveLength(COPIES * 20 + 5);
    const validator = (d: string) => schemaValidator(`${schemaId('bundle')}#/definitions/${d}`);
    const definition = (rel: string) => (rel.startsWith('entries/') ? 'entryFile' : { 'library.json': 'library', 'index.json': 'index', 'manifest.json': 'manifest', 'changelog.json': 'changelog' }[rel]);
    for (const rel of files) {
      const d = definition(rel);
      if (!d) continue;
      const validate = validator(d);
      expect(validate(JSON.parse(readFileSync(path.join(dist, '1.0.0', rel), 'utf8'))), `${rel}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validator('latest')(JSON.parse(readFileSync(path.join(dist, 'latest.json'), 'utf8')))).toBe(true);
  });

  it('gives byte-identical releases for the same sources, and rebuilds the same bytes', async () => {
    const a = generatedLibrary();
    const b = generatedLibrary();
    expect((await build({ cwd: a, env })).exitCode).toBe(0);
    expect((await build({ cwd: b, env })).exitCode).toBe(0);
    const first = snapshot(path.join(a, 'dist'));
    expect(Object.keys(first)).toContain('1.0.0/library.json');
    expect(snapshot(path.join(b, 'dist'))).toEqual(first);
    const again = await build({ cwd: a, env: { SOURCE_DATE_EPOCH: '1899999999' } });
    expect(again.output).toMatch(/^Rebuilt release 1\.0\.0 \(no content changes\)/);
    expect(snapshot(path.join(a, 'dist'))).toEqual(first);
  });
});
