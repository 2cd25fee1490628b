/**
 * A release's files are made as bytes from each entry's canonical JSON,
 * serialised once: they must be exactly the bytes of canonicalJson of each
 * whole file (releases are content-addressed), for any content and any
 * version, and every file is checked against the bundle schema as the object
 * it is made from.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../scripts/bundle/canonicalJson';
import { sha256 } from '../../scripts/bundle/sha256';
import { assembleRelease, planRelease, type PreviousRelease } from '../../scripts/release/assembleRelease';
import { compileLibrary, type BundleEntry, type CompiledLibrary } from '../../scripts/release/compileLibrary';
import { fillArraySlot, frameOf, inSlot, slotOf } from '../../scripts/release/embedCanonical';
import { createReleaseValidator } from '../../scripts/release/validateRelease';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { REPO } from '../support/fixtures';

const SOURCE = { sourceCommit: null, created: '2026-11-23T00:00:00Z' };

/** The files as canonicalJson gives them, file by file: what releases were always made of. */
function expectedFiles(compiled: CompiledLibrary, version: string, redirects: Record<string, string>): Map<string, string> {
  const head = { formatVersion: 1, version };
  const files = new Map<string, string>();
  files.set('library.json', canonicalJson({ ...head, entries: compiled.entries, redirects }));
  files.set('index.json', canonicalJson({ ...head, entries: compiled.index }));
  for (const e of compiled.entries) files.set(`entries/${e.id}.json`, canonicalJson({ ...head, entry: e }));
  return files;
}

function expectSameBytes(compiled: CompiledLibrary, prior?: PreviousRelease) {
  const release = assembleRelease(compiled, prior, SOURCE);
  const expected = expectedFiles(compiled, release.version, release.manifest.redirects);
  for (const [rel, text] of expected) expect(release.files.get(rel)?.toString('utf8'), rel).toBe(text);
  for (const [rel, text] of expected) expect(release.files.get(rel)!.equals(Buffer.from(text)), rel).toBe(true);
  for (const e of compiled.entries) expect(release.manifest.entries[e.id].contentHash).toBe(sha256(canonicalJson(e)));
  for (const [rel, bytes] of release.files) if (rel !== 'manifest.json') expect(release.manifest.files[rel], rel).toEqual({ sha256: sha256(bytes), size: bytes.length });
  expect(release.files.get('manifest.json')!.toString()).toBe(canonicalJson(release.manifest));
  return release;
}

const entry = (id: string, extra: Record<string, unknown> = {}): BundleEntry => ({ id, kind: 'misconception', title: `Entry ${id}`, summary: 'A summary.', updated: '2026-11-23', ...extra });

/** Entries holding whatever JSON can: line breaks, U+2028, emoji, a lone surrogate, quotes, numeric keys, empty and nested containers, undefined. */
function trickyLibrary(): CompiledLibrary {
  const entries = [
    entry('0a000001', { claim: 'Two\nlines, a tab\there, "quotes" and \\ backslashes', verdict: 'incorrect' }),
    entry('0a000002', { text: 'Separators\u2028and\u2029, an emoji 😀, a lone \ud800 surrogate, and – dashes → arrows' }),
    entry('0a000003', { nested: { '12345678': 'numeric key first', b: [1, -0, 2.5e-7, 1e21, [], {}], a: { z: null, y: [{ x: [[]] }] }, '1': true }, gone: undefined }),
    entry('0a000004', { empty: {}, list: [], deep: [[[{ k: 'v' }]]] }),
    entry('1234e567', { title: 'An ID shaped like a number' }),
  ];
  const index = entries.map((e) => ({ id: e.id, kind: e.kind, title: e.title, summary: e.summary, tags: undefined, updated: e.updated }));
  return { entries, index, redirects: { '12345678': '0a000001', abcdef01: '0a000002' } };
}

let real: CompiledLibrary;
beforeAll(async () => {
  real = compileLibrary(await checkLibrary(REPO));
});

describe('assembleRelease makes the bytes canonicalJson makes', () => {
  it('for the real library', () => {
    expect(real.entries.length).toBeGreaterThan(10);
    expectSameBytes(real);
  });

  it('for entries holding any JSON, and redirects keyed like numbers', () => {
    expectSameBytes(trickyLibrary());
  });

  it('for no entries at all', () => {
    const release = expectSameBytes({ entries: [], index: [], redirects: {} });
    expect(release.files.get('library.json')!.toString()).toContain('"entries": [],');
  });

  it('whatever the version: unchanged, and one that gets longer (1.9.9 → 1.10.0, 9.9.9 → 10.0.0)', () => {
    const compiled = trickyLibrary();
    const first = assembleRelease(compiled, undefined, SOURCE);
    const unchanged = expectSameBytes(compiled, { manifest: first.manifest });
    expect([unchanged.bump, unchanged.version]).toEqual(['none', '1.0.0']);
    const grown = { ...compiled, entries: [...compiled.entries, entry('0b000001')], index: [...compiled.index, { id: '0b000001', kind: 'misconception', title: 'New', summary: 's', updated: '2026-11-23' }] };
    const minor = expectSameBytes(grown, { manifest: { ...first.manifest, version: '1.9.9' } });
    expect([minor.bump, minor.version]).toEqual(['minor', '1.10.0']);
    const shrunk = { ...compiled, entries: compiled.entries.slice(1), index: compiled.index.slice(1) };
    const major = expectSameBytes(shrunk, { manifest: { ...first.manifest, version: '9.9.9' } });
    expect([major.bump, major.version]).toEqual(['major', '10.0.0']);
  });

  it('plans the same version, manifest and changelog without making the files', () => {
    const compiled = trickyLibrary();
    const prior = { manifest: { ...assembleRelease(compiled, undefined, SOURCE).manifest, version: '2.3.4' } };
    const grown = { ...compiled, entries: [...compiled.entries, entry('0b000001')] };
    const release = assembleRelease(grown, prior, SOURCE);
    const plan = planRelease(grown, prior, SOURCE);
    expect(plan.version).toBe('2.4.0');
    expect({ ...plan, manifest: { ...plan.manifest, files: {} } }).toEqual({ version: release.version, bump: release.bump, changelog: release.changelog, droppedRedirects: release.droppedRedirects, manifest: { ...release.manifest, files: {} } });
  });
});

describe('the schema check sees the objects, not the files', () => {
  it('is given every JSON file of the release as an object, and they match the bundle schema', () => {
    const seen: string[] = [];
    const validator = createReleaseValidator();
    const release = assembleRelease(real, undefined, SOURCE, {
      check: (rel, value) => {
        seen.push(rel);
        expect(Buffer.isBuffer(value) || typeof value === 'string', rel).toBe(false);
        validator.check(rel, value);
      },
    });
    expect(validator.problems).toEqual([]);
    expect(seen.sort()).toEqual([...release.files.keys(), 'latest.json'].filter((r) => r !== 'CHANGELOG.md').sort());
  });

  it('reports an entry that does not match, at its file and pointer', () => {
    const compiled = { ...real, entries: [...real.entries] };
    compiled.entries[1] = { ...compiled.entries[1], title: 5 as never };
    const validator = createReleaseValidator();
    assembleRelease(compiled, undefined, SOURCE, { check: validator.check });
    expect(validator.problems.some((p) => p.startsWith(`entries/${compiled.entries[1].id}.json: /entry`))).toBe(true);
  });
});

describe('embedCanonical', () => {
  it('fills a frame as canonicalJson writes the whole document, at any depth', () => {
    const values = [{ b: 1, a: ['x\ny', { c: {} }] }, [], {}, 'text', 3, [[1, [2]]]];
    for (const v of values) {
      const doc = { z: 1, slot: v, a: { deep: 2 } };
      const frame = frameOf((slot) => ({ ...doc, slot }));
      const filled = Buffer.concat([frame.prefix, Buffer.from(inSlot(frame, canonicalJson(v))), frame.suffix]);
      expect(filled.toString()).toBe(canonicalJson(doc));
      expect(slotOf(frame, filled).toString()).toBe(inSlot(frame, canonicalJson(v)));
      const list = frameOf((slot) => ({ items: [slot], n: 1 }));
      const items = [v, { q: 'r' }, v].map((x) => Buffer.from(canonicalJson(x).slice(0, -1)));
      expect(fillArraySlot(list, items).toString()).toBe(canonicalJson({ items: [v, { q: 'r' }, v], n: 1 }));
    }
  });

  it('refuses a frame whose slot is missing or repeated', () => {
    expect(() => frameOf(() => ({ a: 1 }))).toThrow(/exactly once/);
    expect(() => frameOf((slot) => ({ a: slot, b: slot }))).toThrow(/exactly once/);
  });
});

