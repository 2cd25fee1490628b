/**
 * Rules that separate what matters: a PMID missing from the lock is an error
 * of its own; findings about one PMID are reported once; and `validate
 * [paths…]`, `--quiet` and `--max-warnings N`, after ESLint's options.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../scripts/commands/validate';
import { build } from '../../scripts/commands/build';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import type { Diagnostic } from '../../scripts/core/diagnostic';
import { REPO, runCli, tempDir } from '../support/fixtures';

const STRESS = 'entries/topics/stress-magnesium-vicious-circle.yaml';
const FORMS = 'entries/forms/magnesium-forms.yaml';
const MADE_UP = '12345678';

/** A copy of the real library (entries and lock), with `edits` applied per file; returns the root. */
function plant(edits: Record<string, (text: string) => string> = {}, added: Record<string, string> = {}): string {
  const root = tempDir('reflib-scope-');
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  for (const [file, edit] of Object.entries(edits)) writeFileSync(path.join(root, file), edit(readFileSync(path.join(root, file), 'utf8')));
  for (const [file, text] of Object.entries(added)) writeFileSync(path.join(root, file), text);
  return root;
}

/** Replaces the first cited PMID of STRESS with one no lock has; returns it and the line it is on. */
const firstPmid = () => /^ {4}pmid: (\d+)$/m.exec(readFileSync(path.join(REPO, STRESS), 'utf8'))![1];
const madeUp = { [STRESS]: (t: string) => t.replace(`pmid: ${firstPmid()}`, `pmid: ${MADE_UP}`) };
const lineOf = (root: string, file: string, text: string) => readFileSync(path.join(root, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

/** Standard error without the note a checkout prints while lib/ is older than scripts/. */
const stderrOf = (r: { stderr: string }) => r.stderr.replace(/^reflib: lib\/ is older than scripts\/.*\n/m, '');

const json = (stdout: string): { diagnostics: Diagnostic[]; summary: Record<string, number> } => JSON.parse(stdout);

describe('a PMID that is not in the lock', () => {
  it('fails validate with its own rule, an error at the citation (json format)', () => {
    const root = plant(madeUp);
    const r = runCli(['validate', '--format', 'json', '--no-cache'], root);
    expect(r.code).toBe(1);
    const errors = json(r.stdout).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.rule, d.file, d.line, d.data?.pmid])).toEqual([['pmid-not-in-lock', STRESS, lineOf(root, STRESS, `pmid: ${MADE_UP}`), Number(MADE_UP)]]);
    // Not the routine warning of a PMID the lock has but did not fetch.
    expect(json(r.stdout).diagnostics.filter((d) => d.rule === 'pmid-unverified' && d.data?.pmid === Number(MADE_UP))).toEqual([]);
  });

  it('makes build refuse, writing nothing', async () => {
    const root = plant(madeUp);
    const r = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1795000000' }, cache: false });
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/PMID 12345678 is not in pubmed-lock\.json[\s\S]*pmid-not-in-lock[\s\S]*Build refused/);
    expect(existsSync(path.join(root, 'dist', 'latest.json'))).toBe(false);
  });

  it('can be turned down in reflib.config.yaml, but --strict keeps it an error', async () => {
    const root = plant(madeUp, { 'reflib.config.yaml': 'rules:\n  pmid-not-in-lock: warn\n' });
    expect((await validate({ cwd: root, cache: false })).exitCode).toBe(0);
    const strict = await validate({ cwd: root, cache: false, strict: true });
    expect(strict.exitCode).toBe(1);
    expect(strict.result.diagnostics.find((d) => d.rule === 'pmid-not-in-lock')?.severity).toBe('error');
  });
});

describe('findings about one PMID, on the real library', () => {
  it('are reported once per rule and PMID, at the first citation, with every other citation related', async () => {
    const r = runCli(['validate', '--format', 'json', '--no-cache']);
    expect(r.code).toBe(0);
    const { diagnostics } = json(r.stdout);
    const pmidFindings = diagnostics.filter((d) => d.data?.pmid !== undefined && d.rule.startsWith('pmid-'));
    const keys = pmidFindings.map((d) => `${d.rule} ${d.data!.pmid}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Nothing is lost: the citations reported, first and related, are every citation the rule found.
    const { sites } = await checkLibrary(REPO);
    for (const rule of new Set(pmidFindings.map((d) => d.rule))) {
      const reported = pmidFindings.filter((d) => d.rule === rule).flatMap((d) => [`${d.file}:${d.line}`, ...(d.related ?? []).map((x) => `${x.file}:${x.line}`)]);
      expect(reported.sort()).toEqual(sites.filter((d) => d.rule === rule).map((d) => `${d.file}:${d.line}`).sort());
    }
    // The first citation is the one reported.
    for (const d of pmidFindings) for (const x of d.related ?? []) expect(`${d.file}\0${String(d.line).padStart(6)}` < `${x.file}\0${String(x.line).padStart(6)}`).toBe(true);
    // Fewer findings than citations: the point of grouping.
    expect(pmidFindings.length).toBeLessThan(sites.filter((d) => d.data?.pmid !== undefined && d.rule.startsWith('pmid-')).length);
  });
});

describe('--quiet and --max-warnings', () => {
  const whole = json(runCli(['validate', '--format', 'json', '--no-cache']).stdout);
  const warnings = whole.summary.warnings;

  it('the real library has warnings and no errors (the premise of what follows)', () => {
    expect(whole.summary.errors).toBe(0);
    expect(warnings).toBeGreaterThan(0);
  });

  it('--quiet prints nothing at all in text, and exits 0, when there is no error', () => {
    const r = runCli(['validate', '--quiet', '--no-cache']);
    expect([r.code, r.stdout, stderrOf(r)]).toEqual([0, '', '']);
  });

  it('--quiet still prints the json document, without warnings, counting none', () => {
    const r = runCli(['validate', '--quiet', '--format', 'json', '--no-cache']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toEqual({ diagnostics: [], summary: { ...whole.summary, warnings: 0, infos: 0 } });
  });

  it('--quiet prints the errors when there are some', () => {
    const root = plant(madeUp);
    const r = runCli(['validate', '--quiet', '--no-cache'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error {2}PMID 12345678 is not in pubmed-lock\.json/);
    expect(r.stdout).not.toMatch(/warning {2}/);
    expect(r.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
  });

  it.each([
    ['the count of warnings', () => warnings, 0, ''],
    ['more than the count', () => warnings + 1, 0, ''],
    ['one less than the count', () => warnings - 1, 1, `reflib found too many warnings (maximum: ${warnings - 1}).\n`],
    ['0', () => 0, 1, 'reflib found too many warnings (maximum: 0).\n'],
  ])('--max-warnings %s', (_, n, code, stderr) => {
    const r = runCli(['validate', '--format', 'json', '--no-cache', '--max-warnings', String(n())]);
    expect([r.code, stderrOf(r)]).toEqual([code, stderr]);
    // The report is printed either way.
    expect(json(r.stdout).summary.warnings).toBe(warnings);
  });

  it('--quiet ignores warnings for --max-warnings too, as ESLint does', () => {
    expect(runCli(['validate', '--quiet', '--max-warnings', '0', '--no-cache']).code).toBe(0);
  });

  it.each([
    [['--max-warnings', '-1'], /value starts with a dash/],
    [['--max-warnings=-1'], /--max-warnings takes a whole number, 0 or more, not "-1"/],
    [['--max-warnings', 'abc'], /not "abc"/],
    [['--max-warnings', '1.5'], /not "1\.5"/],
    [['--max-warnings', '1e3'], /not "1e3"/],
    [['--max-warnings', ' 1'], /not " 1"/],
    [['--max-warnings', '0x10'], /not "0x10"/],
    [['--max-warnings', '99999999999999999999'], /not "99999999999999999999"/],
    [['--max-warnings='], /--max-warnings needs a value/],
    [['--max-warnings'], /argument missing/],
    [['--max-warnings', '1', '--max-warnings', '2'], /given twice/],
    [['--watch', '--max-warnings', '0'], /--watch has no exit code for --max-warnings/],
  ])('refuses %j (exit 2)', (args, message) => {
    const r = runCli(['validate', '--no-cache', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('refuses a --max-warnings that is not a whole number 0 or more from the API too', async () => {
    for (const n of [-1, 1.5, NaN, Infinity]) await expect(validate({ cwd: REPO, maxWarnings: n })).rejects.toThrow(/--max-warnings must be a whole number/);
  });
});

describe('validate [paths…]', () => {
  /** FORMS links to a misconception that does not exist; STRESS is untouched and links to FORMS. */
  const broken = () => plant({ [FORMS]: (t) => t.replace(/^related: \[/m, 'related: [deadbeef, ') });

  it('reports only the files given, while links resolve against the whole library', async () => {
    const root = broken();
    const stress = await validate({ cwd: root, cache: false, paths: [STRESS] });
    // STRESS links to FORMS (outside the paths), and that link resolves: no broken-link anywhere reported.
    expect(readFileSync(path.join(root, STRESS), 'utf8')).toMatch(/\b3ca17b72\b/);
    expect(stress.result.diagnostics.map((d) => d.file)).toEqual(stress.result.diagnostics.map(() => STRESS));
    expect(stress.result.diagnostics.filter((d) => d.rule === 'broken-link')).toEqual([]);
    expect(stress.exitCode).toBe(0);
    const forms = await validate({ cwd: root, cache: false, paths: [FORMS] });
    expect(forms.result.diagnostics.filter((d) => d.rule === 'broken-link').map((d) => d.file)).toEqual([FORMS]);
    expect(forms.exitCode).toBe(1);
  });

  it.each([
    ['a folder', ['entries/topics'], (f: string) => f.startsWith('entries/topics/')],
    ['two files', [STRESS, FORMS], (f: string) => f === STRESS || f === FORMS],
    ['the root', ['.'], () => true],
    ['entries/', ['entries/'], () => true],
  ])('takes %s', async (_, paths, expected) => {
    const root = broken();
    const all = await validate({ cwd: root, cache: false });
    const some = await validate({ cwd: root, cache: false, paths });
    expect(some.result.diagnostics.every((d) => expected(d.file))).toBe(true);
    // Every finding of the whole run in those files is there (a PMID group may move into them: see below).
    const grouped = (d: Diagnostic) => d.data?.pmid !== undefined && d.rule.startsWith('pmid-');
    expect(some.result.diagnostics.filter((d) => !grouped(d))).toEqual(all.result.diagnostics.filter((d) => expected(d.file) && !grouped(d)));
    expect(some.exitCode).toBe(some.result.summary.errors > 0 ? 1 : 0);
  });

  it('resolves paths against the current folder', async () => {
    const root = broken();
    const r = await validate({ cwd: path.join(root, 'entries/forms'), root: '../..', cache: false, paths: ['magnesium-forms.yaml'] });
    expect(new Set(r.result.diagnostics.map((d) => d.file))).toEqual(new Set([FORMS]));
  });

  it('reports a PMID group at its first citation within the paths, with the others related', async () => {
    const pmid = firstPmid();
    const files = readdirSync(path.join(REPO, 'entries'), { recursive: true, encoding: 'utf8' })
      .map((f) => `entries/${f.split(path.sep).join('/')}`)
      .filter((f) => f.endsWith('.yaml') && readFileSync(path.join(REPO, f), 'utf8').includes(`pmid: ${pmid}\n`))
      .sort();
    expect(files.length).toBeGreaterThan(1);
    const root = plant(Object.fromEntries(files.map((f) => [f, (t: string) => t.replaceAll(`pmid: ${pmid}\n`, `pmid: ${MADE_UP}\n`)])));
    const at = (r: Awaited<ReturnType<typeof validate>>) => r.result.diagnostics.filter((d) => d.rule === 'pmid-not-in-lock').map((d) => [d.file, (d.related ?? []).map((x) => x.file)]);
    const last = files[files.length - 1];
    expect(at(await validate({ cwd: root, cache: false }))).toEqual([[files[0], files.slice(1)]]);
    expect(at(await validate({ cwd: root, cache: false, paths: [last] }))).toEqual([[last, files.slice(0, -1)]]);
  });

  it('serves narrowed and whole runs from one cache entry without mixing them', async () => {
    const root = broken();
    const fresh = async (paths?: string[]) => (await validate({ cwd: root, cache: false, paths })).result.diagnostics;
    const cached = async (paths?: string[]) => (await validate({ cwd: root, paths })).result.diagnostics;
    const [whole, one] = [await fresh(), await fresh([FORMS])];
    expect(one.length).toBeLessThan(whole.length);
    expect(await cached([FORMS])).toEqual(one);
    expect(await cached()).toEqual(whole);
    expect(await cached([FORMS])).toEqual(one);
    expect(await cached(['entries/topics'])).toEqual(await fresh(['entries/topics']));
  });

  it('narrows every format', () => {
    const root = broken();
    const sarif = JSON.parse(runCli(['validate', FORMS, '--format', 'sarif', '--no-cache'], root).stdout);
    expect(new Set(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set([FORMS]));
    const junit = runCli(['validate', FORMS, '--format', 'junit', '--no-cache'], root);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toContain(FORMS);
    expect(junit.stdout).not.toContain(STRESS);
    const github = runCli(['validate', FORMS, '--format', 'github', '--no-cache'], root);
    expect(github.stdout).toMatch(/^::error file=entries\/forms\/magnesium-forms\.yaml/m);
    expect(github.stdout).not.toContain(STRESS);
  });

  it.each([
    ['a path that does not exist', () => ['entries/nope.yaml'], /no such file or folder: entries\/nope\.yaml/],
    ['a path outside the library', () => [tmpdir()], /is outside the library/],
    ['the parent of the root', () => ['..'], /\.\. is outside the library/],
    ['a folder of the root that is not the library', (root: string) => (mkdirSync(path.join(root, 'dist'), { recursive: true }), ['dist']), /dist is not part of the library/],
  ])('refuses %s (exit 2), before checking anything', (_, paths, message) => {
    const root = plant();
    const r = runCli(['validate', '--no-cache', ...paths(root)], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
