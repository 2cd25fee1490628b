/**
 * kill -9 at moments spread over a run of `build`, `fmt` and `pubmed sync`
 * (a bounded loop, with kill points chosen from a measured run, never a timing
 * asserted), then the next normal run: no file is ever damaged, and no
 * temporary is left behind.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLock } from '../../scripts/citations/readLock';
import { startEutilsServer } from '../support/eutilsServer';
import { BIN, entry, makeLibrary, REPO, runCliAsync } from '../support/fixtures';
import { scrambleLayout } from '../layout/scrambleLayout';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const env = { SOURCE_DATE_EPOCH: '1795000000' };

function copyLibrary(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-kill-'));
  roots.push(root);
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  return root;
}

/** Every file under `dir`: path → sha256 of its bytes. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Names a writer's temporaries take, anywhere below `dir`. */
function temporaries(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((p) => /\.tmp-/.test(path.basename(p)));
}

/** Runs the CLI and SIGKILLs it after `ms`; resolves when it has exited, with whether it was killed. */
function runAndKill(args: string[], ms: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, ...extraEnv }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

/** How long a run takes here, to spread kill points over it (measured, never asserted). */
async function measure(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  const start = Date.now();
  const r = await runCliAsync(args, REPO, { ...env, ...extraEnv });
  expect(r.stderr).toBe('');
  return Date.now() - start;
}

/** Kill points spread from 30% to 100% of a run (start-up takes the first part). */
const killPoints = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.round(total * (0.3 + (0.7 * (i + 0.5)) / n)));

describe('kill -9 during build', () => {
  it('never damages dist/ and the next build leaves it exactly as a clean build would', async () => {
    const clean = copyLibrary();
    expect((await runCliAsync(['build', '--root', clean], REPO, env)).code).toBe(0);
    const expected = fingerprint(path.join(clean, 'dist'));
    const root = copyLibrary();
    const total = await measure(['build', '--root', root]);
    let killed = 0;
    // A first build (nothing in dist/ yet) and rebuilds of the same release, killed at spread moments.
    for (const [i, ms] of killPoints(total, 8).entries()) {
      if (i % 2 === 0) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
      if (await runAndKill(['build', '--root', root], ms)) killed++;
      const next = await runCliAsync(['build', '--root', root], REPO, env);
      expect(next.stderr, `after a kill at ${ms} ms`).toBe('');
      expect(next.code).toBe(0);
      expect(fingerprint(path.join(root, 'dist'))).toEqual(expected);
      expect(temporaries(path.join(root, 'dist'))).toEqual([]);
    }
    // The loop is only a test if some runs really were killed mid-way.
    expect(killed).toBeGreaterThan(0);
  }, 300_000);
});

/** Every real entry put out of layout (same data), so fmt rewrites each of them. */
function scrambleEntries(root: string): void {
  for (const rel of readdirSync(path.join(root, 'entries'), { recursive: true }).map(String).filter((f) => f.endsWith('.yaml'))) {
    const file = path.join(root, 'entries', rel);
    writeFileSync(file, scrambleLayout(readFileSync(file, 'utf8')));
  }
}

describe('kill -9 during fmt', () => {
  it('never leaves a damaged entry, and the next fmt leaves exactly the formatted library and no temporary', async () => {
    const expected = fingerprint(path.join(REPO, 'entries'));
    const root = copyLibrary();
    scrambleEntries(root);
    const total = await measure(['fmt', '--root', root]);
    let killed = 0;
    for (const ms of killPoints(total, 8)) {
      scrambleEntries(root);
      if (await runAndKill(['fmt', '--root', root], ms)) killed++;
      // Whatever the kill hit, every entry is whole: either as it was or as fmt writes it.
      const check = await runCliAsync(['validate', '--root', root, '--format', 'json'], REPO, env);
      expect(JSON.parse(check.stdout).diagnostics.filter((d: { rule: string }) => ['yaml-syntax', 'schema', 'encoding'].includes(d.rule))).toEqual([]);
      const next = await runCliAsync(['fmt', '--root', root], REPO, env);
      expect(next.stderr, `after a kill at ${ms} ms`).toBe('');
      expect(next.code).toBe(0);
      expect(fingerprint(path.join(root, 'entries'))).toEqual(expected);
      expect(temporaries(path.join(root, 'entries'))).toEqual([]);
    }
    expect(killed).toBeGreaterThan(0);
  }, 300_000);
});

/** A library citing `n` distinct PMIDs, so a sync fetches several batches and writes the lock after each. */
function libraryCiting(n: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const id = `c${i.toString(16).padStart(7, '0')}`;
    files[`entries/m${i}.yaml`] = entry('misconception', id)
      .replace('references:\n', `references:\n  - key: p\n    type: article\n    pmid: ${10_000_001 + i}\n    first_author: Doe J\n    year: 2000\n    title: A paper\n    journal: J Test\n    coi: {status: not-checked}\n`)
      .replace('cite: [ods]', 'cite: [ods, p]');
  }
  const root = makeLibrary(files);
  roots.push(root);
  return root;
}

describe('kill -9 during pubmed sync', () => {
  it('never leaves a damaged lock, and the next sync completes it and leaves no temporary', async () => {
    const n = 600;
    const server = await startEutilsServer({ syntheticIds: Array.from({ length: n }, (_, i) => String(10_000_001 + i)), delayMs: 150 });
    try {
      const args = (root: string) => ['pubmed', 'sync', '--root', root, '--email', 'editor@example.org', '--base-url', server.baseUrl];
      const total = await measure(args(libraryCiting(n)));
      let killed = 0;
      for (const ms of killPoints(total, 6)) {
        const root = libraryCiting(n);
        if (await runAndKill(args(root), ms)) killed++;
        // The lock is whole after the kill: absent, or valid with some of the records.
        const lockFile = path.join(root, 'pubmed-lock.json');
        const text = readdirSync(root).includes('pubmed-lock.json') ? readFileSync(lockFile, 'utf8') : undefined;
        if (text !== undefined) expect(parseLock(text).findings).toEqual([]);
        const next = await runCliAsync(args(root), REPO, env);
        expect(next.stderr, `after a kill at ${ms} ms`).toBe('');
        expect(next.code).toBe(0);
        expect(Object.keys(parseLock(readFileSync(lockFile, 'utf8')).lock.records)).toHaveLength(n);
        expect(temporaries(root)).toEqual([]);
      }
      expect(killed).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 300_000);
});
