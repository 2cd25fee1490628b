/** An app, using the client against `reflib serve`, fetches and verifies a release built from the real library. */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, IntegrityError } from '../../scripts/client';
import { build } from '../../scripts/commands/build';
import { serve } from '../../scripts/commands/serve';
import { BIN, makeLibrary, REPO } from '../support/fixtures';

/** Folders made by a test, removed after it. */
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function builtLibrary(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-e2e-'));
  made.push(root);
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  const r = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1795000000' } });
  if (r.exitCode !== 0) throw new Error(r.output);
  return root;
}

describe('client against reflib serve, on a real build', () => {
  it('fetches and verifies the whole library and one entry', async () => {
    const root = await builtLibrary();
    const server = await serve({ cwd: root, port: 0 });
    try {
      const client = createClient({ baseUrl: server.url });
      const { library, version, stale } = await client.library();
      expect([version, stale, library.entries.length]).toEqual(['1.0.0', false, 20]);
      const { entry, redirected } = await client.entry('3ca17b72');
      expect(redirected).toBe(false);
      expect(entry).toMatchObject({ id: '3ca17b72', kind: 'form-comparison', title: 'Magnesium forms compared' });
      // Corrupt one byte of a served file: the client refuses it.
      const file = path.join(root, 'dist/1.0.0/entries/033c7bbb.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('vicious circle', 'vicious cycle'));
      await expect(createClient({ baseUrl: server.url }).entry('033c7bbb')).rejects.toBeInstanceOf(IntegrityError);
    } finally {
      await server.close();
    }
  });
});

describe('reflib serve (CLI)', () => {
  it('prints the URL it listens on, serves latest.json, and stops on SIGTERM', async () => {
    const root = await builtLibrary();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: root });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /^Serving .*dist at (http:\/\/127\.0\.0\.1:\d+\/)\n$/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
    });
    const res = await fetch(`${url}latest.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: string }).version).toBe('1.0.0');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it.each([
    ['no dist/ folder', ['serve'], /^reflib: no dist\/ folder: run reflib build first\n/],
    ['a bad port', ['serve', '--port', 'http'], /^reflib: --port must be a port number from 0 to 65535, not "http"\n/],
  ])('exits 2 with one line for %s', async (_, args, message) => {
    const root = makeLibrary({ 'entries/a.yaml': 'id: x\n' });
    made.push(root);
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
