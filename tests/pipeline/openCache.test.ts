/**
 * The content cache: a warm run gives exactly the cold run's result without
 * parsing, validating or placing anything again; an edit, a copy or a
 * delete is seen; a corrupt, foreign or unwritable cache is a miss.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { CACHE_DIR } from '../../scripts/pipeline/openCache';
import { hostileCases } from '../hostile/hostileInputs';
import { makeLibrary, REPO, runCliAsync } from '../support/fixtures';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
}, 120_000);

/** A copy of the real library plus the small hostile inputs: findings of most rules, from load to checks. */
function library(): string {
  const files: Record<string, string | Buffer> = {};
  for (const c of hostileCases()) {
    if (Object.values(c.files).every((f) => f.length < 20_000)) Object.assign(files, c.files);
  }
  const root = makeLibrary(files);
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  roots.push(root);
  return root;
}

const run = (root: string, cache = true) => checkLibrary(root, {}, undefined, { contentCache: cache });
const cacheFile = (root: string) => path.join(root, CACHE_DIR, 'files.json');

describe('the content cache', () => {
  it('gives a warm run exactly the cold result, parsing no file for positions', async () => {
    const root = library();
    const uncached = await run(root, false);
    const cold = await run(root);
    expect(JSON.parse(readFileSync(cacheFile(root), 'utf8')).files).toBeTypeOf('object');
    const warm = await run(root);
    expect(warm.result.diagnostics).toEqual(uncached.result.diagnostics);
    expect(cold.result.diagnostics).toEqual(uncached.result.diagnostics);
    expect(warm.result.diagnostics.length).toBeGreaterThan(60);
    expect(new Set(warm.result.diagnostics.map((d) => d.rule)).size).toBeGreaterThanOrEqual(8);
    // Every finding was placed from remembered spans: no Document was built, except for data JSON cannot keep (Infinity, -0), which is never cached.
    expect(warm.library.entries.filter((e) => e.file.hasDocument && e.jsonSafe).map((e) => e.file.path)).toEqual([]);
    expect(warm.library.entries.filter((e) => !e.jsonSafe).length).toBeLessThan(3);
    expect(cold.library.entries.some((e) => e.file.hasDocument)).toBe(true);
  }, 120_000);

  it('sees an edit, a copy under another name and a delete', async () => {
    const root = library();
    await run(root);
    const file = path.join(root, 'entries/topics/stress-magnesium-vicious-circle.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^title: .*$/m, 'title: 42'));
    cpSync(path.join(root, 'entries/forms'), path.join(root, 'entries/forms-copy'), { recursive: true });
    rmSync(path.join(root, 'entries/misconceptions'), { recursive: true });
    const warm = await run(root);
    const uncached = await run(root, false);
    expect(warm.result.diagnostics).toEqual(uncached.result.diagnostics);
    expect(warm.result.diagnostics.some((d) => d.rule === 'schema' && d.file.endsWith('vicious-circle.yaml') && d.line > 1)).toBe(true);
    expect(warm.result.diagnostics.some((d) => d.rule === 'duplicate-id')).toBe(true);
  }, 120_000);

  it.each([
    ['not JSON', '{"salt": "'],
    ['another salt', JSON.stringify({ salt: 'other', files: {} })],
    ['records of the wrong shape', (good: string) => good.replace(/"findings":\[/g, '"findings":{"x":[').replace(/"valid":(true|false)/g, '"valid":"yes"')],
    ['records with no data', (good: string) => JSON.stringify({ ...JSON.parse(good), files: Object.fromEntries(Object.keys(JSON.parse(good).files).map((k) => [k, { schema: 1 }])) })],
    ['an array', '[]'],
    ['records with findings missing their columns', (good: string) => good.replace(/"column":\d+,/g, '')],
    ['empty', ''],
  ])('treats a cache that is %s as a miss', async (_name, corrupt) => {
    const root = library();
    const expected = (await run(root)).result.diagnostics;
    const good = readFileSync(cacheFile(root), 'utf8');
    writeFileSync(cacheFile(root), typeof corrupt === 'string' ? corrupt : corrupt(good));
    expect((await run(root)).result.diagnostics).toEqual(expected);
    // And writes a good one again.
    expect(JSON.parse(readFileSync(cacheFile(root), 'utf8')).files).toBeTypeOf('object');
  }, 120_000);

  it.each([
    ['diagnostics without positions', (run: Record<string, unknown>) => ({ ...run, diagnostics: [{ file: 'x' }, { line: 1e308 }] })],
    ['a summary that is not counts', (run: Record<string, unknown>) => ({ ...run, summary: { files: 'a' } })],
    ['a severity that is none', (run: Record<string, unknown>) => ({ ...run, diagnostics: [{ file: 'x', line: 1, column: 1, endLine: 1, endColumn: 2, rule: 'r', message: 'm', severity: 'fatal' }] })],
  ])('treats a whole-run result with %s as a miss', async (_name, poison) => {
    const root = library();
    const validate = async () => (await import('../../scripts/commands/validate')).validate({ cwd: root, format: 'json' });
    const expected = (await validate()).output;
    const runsFile = path.join(root, CACHE_DIR, 'runs.json');
    const runs = JSON.parse(readFileSync(runsFile, 'utf8')) as { runs: Record<string, unknown>[] };
    writeFileSync(runsFile, JSON.stringify({ ...runs, runs: runs.runs.map((r) => poison(r) as Record<string, unknown>) }));
    expect((await validate()).output).toBe(expected);
  }, 120_000);

  it('does not follow a link in place of the cache folder', async () => {
    const root = library();
    const elsewhere = makeLibrary({});
    roots.push(elsewhere);
    symlinkSync(elsewhere, path.join(root, CACHE_DIR));
    const expected = (await run(root, false)).result.diagnostics;
    expect((await run(root)).result.diagnostics).toEqual(expected);
    expect(readdirSync(elsewhere)).toEqual([]);
  }, 120_000);

  it('runs without one where it cannot write, and leaves no stray files', async () => {
    const root = library();
    writeFileSync(path.join(root, CACHE_DIR), 'a file where the cache folder would go');
    const expected = (await run(root, false)).result.diagnostics;
    expect((await run(root)).result.diagnostics).toEqual(expected);
    expect(readFileSync(path.join(root, CACHE_DIR), 'utf8')).toBe('a file where the cache folder would go');
  }, 120_000);

  it('survives runs at the same time: each gets the full result and the cache stays whole', async () => {
    const root = library();
    const expected = (await run(root, false)).result.diagnostics.length;
    const runs = await Promise.all([1, 2, 3].map(() => runCliAsync(['validate', '--root', root, '--format', 'json'])));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).diagnostics.length).toBe(expected);
    }
    expect(JSON.parse(readFileSync(cacheFile(root), 'utf8')).files).toBeTypeOf('object');
    const names = (await import('node:fs')).readdirSync(path.join(root, CACHE_DIR)).sort();
    expect(names).toEqual(['.gitignore', 'files.json', 'runs.json']);
  }, 120_000);

  it('is neither read nor written with --no-cache', async () => {
    const root = library();
    mkdirSync(path.join(root, 'x'));
    const r = await runCliAsync(['validate', '--root', root, '--no-cache', '--format', 'json']);
    expect(r.code).toBe(1);
    expect((await import('node:fs')).existsSync(path.join(root, CACHE_DIR))).toBe(false);
  }, 120_000);
});
