/**
 * Imports between the folders of scripts/ flow one way: from the commands
 * down to a small shared core. This is the order the README's layout section
 * shows; a folder may import its own files and the folders before it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderOf, layerViolations, readImports, type ImportEdge } from './support/importGraph';

const REPO = path.resolve(__dirname, '..');

/** Lowest first. `(top)` is cli.ts, bin.js and index.ts (what the package exports). */
const LAYERS = [
  'core', // diagnostics as data, usage errors, JSON Pointers and positions, the schema registry, atomic writes, suggestions
  'bundle', // the bundle format: generated types, canonical JSON, manifests, release versions
  'client', // for apps: fetches and verifies bundles; needs only the bundle format
  'load', // read entry files and parse YAML
  'model', // typed access to an entry's parts: references, cite keys, placeholders
  'graph', // the link index
  'validate', // entries against their JSON Schemas
  'citations', // the PubMed lock and what a citation's record says
  'pubmed', // the E-utilities client (the only code that goes online)
  'checks', // one rule per file
  'pipeline', // load → validate → check, with severities, suppressions and config
  'release', // compile published entries into versioned releases
  'formatters', // diagnostics as text, json, github, sarif, junit
  'layout', // the canonical YAML layout of entry files (reflib fmt)
  'report', // the static HTML QA report
  'editor', // what the language server knows: completion, hover, navigation, quick fixes
  'commands', // one folder per command
  '(top)',
];

describe('layering of scripts/', () => {
  const edges = readImports(path.join(REPO, 'scripts'));

  it('finds the imports it guards', () => {
    // A reader that silently found nothing would pass every rule below.
    expect(edges.length).toBeGreaterThan(300);
    expect(edges).toContainEqual({ from: 'cli.ts', to: 'core/usageError.ts' });
  });

  it('has no cycles between folders', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('only imports downward, in the declared order', () => {
    expect(layerViolations(edges, LAYERS)).toEqual([]);
  });

  it('places every folder in the order', () => {
    const folders = new Set(edges.flatMap((e) => [folderOf(e.from), folderOf(e.to)]));
    folders.delete('(outside)');
    expect([...folders].filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it('never imports developer tooling or tests', () => {
    // bin.js may load the compiled lib/, which is scripts/ itself, compiled.
    const outside = edges.filter((e) => folderOf(e.to) === '(outside)' && !/^\.\.\/(package\.json|schemas)/.test(e.to) && !(e.from === 'bin.js' && /^\.\.\/lib\/cli(\.js)?$/.test(e.to)));
    expect(outside).toEqual([]);
  });
});

describe('the layering checks themselves', () => {
  const e = (from: string, to: string): ImportEdge => ({ from, to });
  it.each([
    ['no edges', [], []],
    ['a downward import', [e('checks/a.ts', 'core/b.ts')], []],
    ['an import inside a folder', [e('core/a.ts', 'core/b.ts')], []],
    ['an upward import', [e('core/a.ts', 'checks/b.ts')], ['core/a.ts imports checks/b.ts: core may not import checks, a higher layer']],
    ['an unplaced folder', [e('misc/a.ts', 'core/b.ts')], ['misc/a.ts: folder misc has no place in the layer order']],
  ])('%s', (_name, edges, expected) => {
    expect(layerViolations(edges, ['core', 'checks'])).toEqual(expected);
  });

  it('reports a cycle through three folders once', () => {
    const cyclic = [e('a/x.ts', 'b/x.ts'), e('b/x.ts', 'c/x.ts'), e('c/x.ts', 'a/y.ts'), e('d/x.ts', 'a/x.ts')];
    expect(folderCycles(cyclic)).toEqual([['a', 'b', 'c']]);
  });

  it('reads import, export-from, dynamic import and require, and resolves folders to their index', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reflib-layers-'));
    try {
      mkdirSync(path.join(dir, 'core'));
      mkdirSync(path.join(dir, 'checks'));
      writeFileSync(path.join(dir, 'core/index.ts'), '');
      writeFileSync(path.join(dir, 'core/a.ts'), '');
      writeFileSync(path.join(dir, 'checks/x.ts'), [
        "import type { A } from '../core/a';",
        "export { b } from '../core/a';",
        "const c = () => import('../core');",
        "const d = require('../core/a');",
        'const e = () => import(`../core/a`);',
        "import 'node:fs';",
        "// import { old } from '../commands/gone';",
        "/** e.g. import x from '../commands/gone' */",
      ].join('\n'));
      writeFileSync(path.join(dir, 'checks/y.mjs'), "import '../core/a';");
      expect(readImports(dir)).toEqual([
        { from: 'checks/x.ts', to: 'core/a.ts' },
        { from: 'checks/x.ts', to: 'core/a.ts' },
        { from: 'checks/x.ts', to: 'core/index.ts' },
        { from: 'checks/x.ts', to: 'core/a.ts' },
        { from: 'checks/x.ts', to: 'core/a.ts' },
        { from: 'checks/y.mjs', to: 'core/a.ts' },
      ]);
      expect(folderOf('cli.ts')).toBe('(top)');
      expect(folderOf('../tools/x.ts')).toBe('(outside)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the README's layout section", () => {
  it('lists the folders of scripts/ in the layer order', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The layers of `scripts/`'), readme.indexOf('The pipeline is a chain of functions'));
    const listed = [...section.matchAll(/^\| \d+ \| `scripts\/([a-z]+)\/`/gm)].map((m) => m[1]);
    expect(listed).toEqual(LAYERS.filter((l) => l !== '(top)'));
    const folders = readdirSync(path.join(REPO, 'scripts'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect([...folders].sort()).toEqual([...listed].sort());
  });
});
