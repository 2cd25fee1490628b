/**
 * tools/build/bundleClient.js, which `npm run compile` runs: it writes the
 * browser bundle of a self-contained client, and refuses, writing nothing,
 * a client that reaches a Node builtin, an npm package, a file outside its
 * folder or a Node global. Fixtures stand in for scripts/.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from '../support/fixtures';

const BUNDLER = path.join(REPO, 'tools/build/bundleClient.js');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` under a fresh folder, bundles its scripts/client/index.ts into out/client.mjs, and returns what happened. */
async function bundle(files: Record<string, string>): Promise<{ code: number | null; stderr: string; root: string; out: string }> {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-bundle-'));
  made.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const out = path.join(root, 'out/client.mjs');
  const args = [BUNDLER, '--entry', path.join(root, 'scripts/client/index.ts'), '--out', out, '--root', path.join(root, 'scripts')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr: stderr.split(root).join('<root>'), root, out }));
  });
}

const CLEAN = {
  'scripts/client/index.ts': "export { ClientError } from './clientErrors';\nexport { sha } from '../bundle/sha';\nexport const inNode = typeof process !== 'undefined';",
  'scripts/client/clientErrors.ts': 'export class ClientError extends Error { constructor(message: string, readonly code: string) { super(message); } }',
  'scripts/bundle/sha.ts': "export const sha = async (b: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', b));",
};

describe('bundleClient.js', () => {
  it('bundles a self-contained client into one ES module with a banner, a source map and types', async () => {
    const r = await bundle(CLEAN);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const code = readFileSync(r.out, 'utf8');
    expect(code.split('\n')[0]).toMatch(/^\/\*! reflib \d+\.\d+\.\d+: the bundle client \(reflib\/client\) for browsers/);
    expect(code).toMatch(/export \{\s+ClientError,\s+inNode,\s+sha\s+\};/);
    expect(code).toMatch(/\/\/# sourceMappingURL=client\.mjs\.map\n$/);
    expect(JSON.parse(readFileSync(`${r.out}.map`, 'utf8')).sourcesContent).toHaveLength(3);
    expect(readFileSync(path.join(r.root, 'out/client.d.mts'), 'utf8')).toMatch(/^export \* from '.*lib\/client\/index\.js';$/m);
    const loaded = (await import(r.out)) as { sha: (b: Uint8Array) => Promise<Uint8Array>; inNode: boolean };
    expect(Buffer.from(await loaded.sha(new Uint8Array())).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it.each([
    ['a Node builtin', { 'scripts/client/index.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;" }, '<root>/scripts/client/index.ts:1:30: Could not resolve "node:fs" (a Node builtin: browsers have none)'],
    [
      'an npm package',
      { 'scripts/client/index.ts': "export { pad } from './pad';", 'scripts/client/pad.ts': "import leftPad from 'left-pad';\nexport const pad = leftPad;", 'node_modules/left-pad/index.js': 'module.exports = (s) => s;' },
      '<root>/scripts/client/pad.ts imports "left-pad" (<root>/node_modules/left-pad/index.js): an npm package',
    ],
    ['a file outside the root', { 'scripts/client/index.ts': "export { tool } from '../../tools/tool';", 'tools/tool.ts': 'export const tool = 1;' }, '<root>/scripts/client/index.ts imports "../../tools/tool" (<root>/tools/tool.ts): a file outside <root>/scripts/'],
    ['a Node global', { 'scripts/client/index.ts': "export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');" }, 'the client uses the Node global `Buffer`'],
  ])('fails on %s, says where, and leaves no bundle behind', async (_name, files: Record<string, string>, problem) => {
    const r = await bundle(files);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bundleClient: the browser client must be self-contained');
    expect(r.stderr).toContain(`  - ${problem}\n`);
    expect(existsSync(r.out)).toBe(false);
    expect(existsSync(`${r.out}.map`)).toBe(false);
  });

  it('removes the bundle of an earlier build when the client stops being self-contained', async () => {
    const first = await bundle(CLEAN);
    expect(first.code).toBe(0);
    writeFileSync(path.join(first.root, 'scripts/client/index.ts'), "export { createHash } from 'node:crypto';");
    const again = await new Promise<number | null>((resolve) => {
      const args = [BUNDLER, '--entry', path.join(first.root, 'scripts/client/index.ts'), '--out', first.out, '--root', path.join(first.root, 'scripts')];
      spawn(process.execPath, args, { cwd: first.root }).on('close', resolve);
    });
    expect(again).toBe(1);
    expect(existsSync(first.out)).toBe(false);
  });
});
