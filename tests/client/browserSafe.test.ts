/**
 * The bundle client runs in browsers as it is: everything scripts/client/index.ts
 * reaches, following its imports (type-only ones too, since they end up in the
 * published .d.ts), is reflib's own code in scripts/client and scripts/bundle,
 * with no Node builtin and no npm package anywhere. createFileCache is Node
 * only, so it is exported from its own subpath, reflib/client/file-cache.
 * The build enforces the same on the bundled code (tools/build/bundleClient.js);
 * this test says which import broke the rule, without bundling.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/fixtures';

/** Folders of scripts/ the client may draw on. */
const ALLOWED = ['client', 'bundle'];

// import … from '…', export … from '…', import '…', import('…'), require('…'), as in tests/support/importGraph.ts.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"`])([^'"`]+)\1/g;
const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;
// `/// <reference types="node" />` pulls Node's types into the published .d.ts.
const REFERENCE_TYPES = /^\s*\/\/\/\s*<reference\s+types\s*=\s*(['"])([^'"]+)\1/gm;

/** The specifiers a TypeScript or JavaScript file imports, in order. */
function specifiersOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const references = [...text.matchAll(REFERENCE_TYPES)].map((m) => m[2]);
  return [...references, ...[...text.replace(COMMENT, '').matchAll(SPECIFIER)].map((m) => m[2])];
}

/** The file a relative specifier names, as TypeScript resolves it (`./x`, `./x.js` for x.ts, or a folder's index). */
function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, base.replace(/\.js$/, '.ts'), path.join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);

/**
 * Follows the imports of `entry` through every file it reaches and lists what
 * would stop it running in a browser, one line per import, with paths
 * relative to `root` (the scripts/ folder).
 */
function browserSafetyProblems(entry: string, root: string): { reached: string[]; problems: string[] } {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const problems: string[] = [];
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const spec of specifiersOf(file)) {
      if (isBuiltin(spec)) problems.push(`${rel(file)} imports "${spec}": a Node builtin`);
      else if (!spec.startsWith('.')) problems.push(`${rel(file)} imports "${spec}": an npm package`);
      else {
        const target = resolveRelative(file, spec);
        if (!target) problems.push(`${rel(file)} imports "${spec}": no such file`);
        else {
          const folder = rel(target).split('/')[0];
          if (!ALLOWED.includes(folder) || rel(target).startsWith('..')) problems.push(`${rel(file)} imports "${spec}": ${rel(target)} is outside scripts/${ALLOWED.join(' and scripts/')}`);
          if (!seen.has(target)) {
            seen.add(target);
            queue.push(target);
          }
        }
      }
    }
  }
  return { reached: [...seen].map(rel).sort(), problems: [...new Set(problems)].sort() };
}

describe('the bundle client in browsers', () => {
  const { reached, problems } = browserSafetyProblems(path.join(REPO, 'scripts/client/index.ts'), path.join(REPO, 'scripts'));

  it('follows the imports it guards', () => {
    // A reader that found nothing would pass the rule below.
    expect(reached).toContain('client/createClient.ts');
    expect(reached).toContain('client/clientErrors.ts');
    expect(reached.length).toBeGreaterThan(6);
  });

  it('reaches only scripts/client and scripts/bundle, with no Node builtin and no npm package', () => {
    expect(problems).toEqual([]);
  });
});

describe('the browser-safety guard itself', () => {
  it.each([
    ['only its own files and the bundle format', { 'client/index.ts': "export * from './a';\nimport type { X } from '../bundle/types';", 'client/a.ts': 'export const a = 1;', 'bundle/types.ts': 'export type X = 1;' }, []],
    ['a node: builtin', { 'client/index.ts': "import { readFile } from 'node:fs';" }, ['client/index.ts imports "node:fs": a Node builtin']],
    ['a builtin without node:', { 'client/index.ts': "import path from 'path';" }, ['client/index.ts imports "path": a Node builtin']],
    ['an npm package', { 'client/index.ts': "import axios from 'axios';" }, ['client/index.ts imports "axios": an npm package']],
    ['a type-only import of an npm package', { 'client/index.ts': "import type { AxiosInstance } from 'axios';" }, ['client/index.ts imports "axios": an npm package']],
    ["Node's types by reference", { 'client/index.ts': '/// <reference types="node" />\nexport {};' }, ['client/index.ts imports "node": an npm package']],
    [
      'a Node import two files away, through a folder outside the allowed ones',
      { 'client/index.ts': "export { createFileCache } from './createFileCache';", 'client/createFileCache.ts': "import { writeFileAtomic } from '../core/writeAtomic.js';", 'core/writeAtomic.ts': "const fs = require('fs');\nexport const writeFileAtomic = () => import('node:crypto');" },
      ['client/createFileCache.ts imports "../core/writeAtomic.js": core/writeAtomic.ts is outside scripts/client and scripts/bundle', 'core/writeAtomic.ts imports "fs": a Node builtin', 'core/writeAtomic.ts imports "node:crypto": a Node builtin'],
    ],
    ['an import in a comment', { 'client/index.ts': "// import fs from 'node:fs';\n/** e.g. import axios from 'axios' */\nexport {};" }, []],
    ['a missing file', { 'client/index.ts': "export * from './gone';" }, ['client/index.ts imports "./gone": no such file']],
  ])('%s', (_name, files: Record<string, string>, expected) => {
    const root = mkdtempSync(path.join(tmpdir(), 'reflib-browser-safe-'));
    try {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        writeFileSync(path.join(root, rel), text);
      }
      expect(browserSafetyProblems(path.join(root, 'client/index.ts'), root).problems).toEqual(expected);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
