/**
 * The hostile-input suite: each input, added to a copy of the real library,
 * gets a located finding with a stable rule id in the file at fault, exit 1,
 * no stack trace, no change to any file, and the rest of the library still
 * checked. Runs are bounded by the test timeout, which is generous: what is
 * asserted about work is counts and sizes, never a timing.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../scripts/commands/validate';
import type { Diagnostic } from '../../scripts/core/diagnostic';
import { REPO, runCliAsync } from '../support/fixtures';
import { CACHE_DIR } from '../../scripts/pipeline/openCache';
import { hostileCases, type HostileCase } from './hostileInputs';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A copy of the real library (entries and the lock) with `files` added. */
function libraryWith(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-hostile-'));
  roots.push(root);
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/** Every file under `dir` with a hash of its bytes and its mode, to prove nothing changed; reflib's own content cache aside. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (d === dir && name === CACHE_DIR) continue;
      const p = path.join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${s.mode}`;
    }
  };
  walk(dir);
  return out;
}

const realFiles = readdirSync(path.join(REPO, 'entries'), { recursive: true }).filter((f) => String(f).endsWith('.yaml')).length;
let baseline: Diagnostic[];

beforeAll(async () => {
  baseline = (await validate({ cwd: libraryWith({}), format: 'json' })).result.diagnostics;
});

/** The diagnostics outside the hostile files, which must be exactly the real library's. */
const others = (list: readonly Diagnostic[], c: HostileCase) => list.filter((d) => !(d.file in c.files));

describe('each hostile input, alone in a copy of the real library', () => {
  it.each(hostileCases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const root = libraryWith(c.files);
    const before = fingerprint(root);
    const r = await validate({ cwd: root, format: 'json' });
    const found = r.result.diagnostics.filter((d) => d.file === c.expect.file && d.rule === c.expect.rule);
    expect(found.length, JSON.stringify(r.result.diagnostics.filter((d) => d.file in c.files).slice(0, 3))).toBeGreaterThan(0);
    if (c.expect.line !== undefined) expect(found[0].line).toBe(c.expect.line);
    if (c.expect.message) expect(found[0].message).toMatch(c.expect.message);
    expect(found[0].severity).toBe('error');
    expect(r.exitCode).toBe(1);
    // The rest of the library is checked as if the hostile file were not there.
    expect(others(r.result.diagnostics, c)).toEqual(baseline);
    expect(r.result.summary.files).toBe(realFiles + Object.keys(c.files).length);
    // Output stays proportionate to the input: no finding repeats a whole long input.
    expect(r.output.length).toBeLessThan(2_000 * Object.keys(c.files).length + 200_000);
    expect(fingerprint(root)).toEqual(before);
  }, 60_000);
});

describe('every hostile input at once, through the real command line', () => {
  it('exits 1 with every finding, no stack trace, and no file changed', async () => {
    const cases = hostileCases();
    const root = libraryWith(Object.assign({}, ...cases.map((c) => c.files)));
    const before = fingerprint(root);
    const r = await runCliAsync(['validate', '--root', root, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const diagnostics = JSON.parse(r.stdout).diagnostics as Diagnostic[];
    for (const c of cases) expect(diagnostics.some((d) => d.file === c.expect.file && d.rule === c.expect.rule), c.name).toBe(true);
    expect(fingerprint(root)).toEqual(before);
  }, 120_000);
});
