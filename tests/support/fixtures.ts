/** Helpers to build small libraries on disk and run the real CLI against them. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'scripts/bin.js');

/** Temporary folders made through tempDir in this test file: tests/support/removeTempDirs.ts removes them after it. */
const made: string[] = [];

/** A fresh temporary folder named `<prefix><random>`, removed after the test file (removing it sooner is fine). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the folders tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (path → text or bytes) under a fresh temporary folder and returns it. */
export function makeLibrary(files: Record<string, string | Buffer>): string {
  const root = tempDir('reflib-test-');
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** Reads a file of the real library, by path relative to the repository. */
export function readRepoFile(rel: string): string {
  return readFileSync(path.join(REPO, rel), 'utf8');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * What a child reflib sees of GitHub Actions: nothing, unless a test says so.
 * Under Actions, `npm test` must not append to the real job summary or pick
 * up the pull request's base branch.
 */
const NOT_IN_ACTIONS: NodeJS.ProcessEnv = { GITHUB_STEP_SUMMARY: '', GITHUB_BASE_REF: '', GITHUB_ACTIONS: '' };

/** Runs `reflib` as a child process, as an editor or CI would. */
export function runCli(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...NOT_IN_ACTIONS, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A references list with one web source, keyed `ods`, as the fixture entries end. */
export const ODS_REFERENCES = `references:
  - key: ods
    type: web
    title: Magnesium fact sheet
    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/
    accessed: 2026-11-23
`;

/** A minimal valid entry of each kind, for building fixture libraries. */
export function entry(kind: 'misconception' | 'topic', id: string, extra = '', status = 'published'): string {
  const ref = ODS_REFERENCES;
  const head = `id: ${id}
kind: ${kind}
title: Entry ${id}
status: ${status}
updated: 2026-11-23
summary: A short summary for entry ${id}, long enough.
`;
  const body =
    kind === 'topic'
      ? `overview: What the topic covers.\nguidance:\n  - text: Take it with food.\n    cite: [ods]\n`
      : `claim: More is better.\nverdict: incorrect\ncorrection: Above the upper limit it causes diarrhoea.\ncite: [ods]\n`;
  return head + body + extra + ref;
}

/** Runs any command without blocking, so a server in this process can answer it; `env` is the child's whole environment. */
export function runAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `reflib` as a child process without blocking, so a server in this process can answer it. */
export function runCliAsync(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runAsync(process.execPath, [BIN, ...args], cwd, { ...process.env, ...NOT_IN_ACTIONS, NO_COLOR: '1', ...env });
}

/** Every file under `dir`, by relative path (forward slashes), with its bytes as base64: to compare trees byte for byte. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join('/')] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** A copy of the real library (entries/ and the lock) in a new temporary folder; the caller removes it. */
export function copyRealLibrary(prefix: string): string {
  const root = tempDir(prefix);
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  return root;
}
