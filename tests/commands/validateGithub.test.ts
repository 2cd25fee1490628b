/**
 * `reflib validate --format github` on a library of 53 findings, as GitHub
 * Actions runs it: at most 10 annotations per level, errors and changed files
 * first, a closing notice with the count left out, and a job summary in
 * $GITHUB_STEP_SUMMARY that lists every finding.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../scripts/commands/validate';
import { entry, makeLibrary, runCli } from '../support/fixtures';
import { unescapeMarkdown } from '../support/formatterFixtures';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const UNUSED = '  - key: other\n    type: web\n    title: Another page\n    url: https://example.org/page\n    accessed: 2026-11-23\n';
const HOSTILE_KEY = 'a|<script>`x`</script> [l](http://e)';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reflib-gh-'));
  temps.push(dir);
  return dir;
};

/**
 * 28 errors (14 topics missing `summary`, two findings each), 1 error with a
 * hostile field name, 12 warnings (unused references) and 12 infos (orphans):
 * 53 findings over 27 files.
 */
function bigLibrary(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`entries/m${String(i).padStart(2, '0')}.yaml`] = entry('misconception', (0xa100 + i).toString(16).padStart(8, '0')) + UNUSED;
  for (let i = 0; i < 14; i++) files[`entries/e${String(i).padStart(2, '0')}.yaml`] = entry('topic', (0xb200 + i).toString(16).padStart(8, '0')).replace('summary:', 'sumary:');
  files['entries/h.yaml'] = entry('topic', '0000c001').replace('summary:', `"${HOSTILE_KEY}": 1\nsummary:`);
  const root = makeLibrary(files);
  temps.push(root);
  return root;
}

/** The environment of a GitHub Actions step, with nothing of the test's own leaking in. */
function actionsEnv(summary: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/health',
    GITHUB_SHA: SHA,
    GITHUB_WORKSPACE: '',
    GITHUB_BASE_REF: '',
    ...extra,
  };
}

interface Annotation {
  level: string;
  file?: string;
  line?: number;
  message: string;
}

function annotations(stdout: string): Annotation[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => {
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(l);
      expect(m, l).not.toBeNull();
      const props = Object.fromEntries(m![2].split(',').map((p) => p.split('=')));
      return { level: m![1], file: props.file?.replace(/%2C/g, ','), line: props.line ? Number(props.line) : undefined, message: m![3].replace(/%0A/g, '\n').replace(/%25/g, '%') };
    });
}

const levels = (list: Annotation[]) => ({
  error: list.filter((a) => a.level === 'error').length,
  warning: list.filter((a) => a.level === 'warning').length,
  notice: list.filter((a) => a.level === 'notice').length,
});

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}


/** Every finding the summary lists, read back from the Markdown, with its link. */
function summaryFindings(md: string): (Finding & { url?: string })[] {
  const out: (Finding & { url?: string })[] = [];
  let file = '';
  let rule = '';
  for (const line of md.split('\n')) {
    const h3 = /^### (.+?)( \*\(changed\)\*)?$/.exec(line);
    const h4 = /^#### (.+) \(\d+\)$/.exec(line);
    const item = /^- (?:\[(.+?)\]\((\S+?)\)|(\S+)) \*\*(error|warning|info)\*\* (.*)$/.exec(line);
    if (h3) file = unescapeMarkdown(h3[1]);
    else if (h4) rule = unescapeMarkdown(h4[1]);
    else if (item) {
      const [, where, lineNo, column] = /^(.*):(\d+):(\d+)$/.exec(unescapeMarkdown(item[1] ?? item[3]))!;
      expect(where).toBe(file);
      out.push({ file, line: Number(lineNo), column: Number(column), severity: item[4], rule, message: unescapeMarkdown(item[5].split(' — ')[0]), url: item[2] });
    }
  }
  return out;
}

const key = (d: Finding) => JSON.stringify([d.file, d.line, d.column, d.severity, d.rule, d.message]);

function jsonFindings(root: string): Finding[] {
  const r = runCli(['validate', '--root', root, '--format', 'json']);
  return JSON.parse(r.stdout).diagnostics;
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

describe('validate --format github', () => {
  it('annotates at most 10 per level, errors first, and writes a job summary with all 53 findings', () => {
    const root = bigLibrary();
    const all = jsonFindings(root);
    expect(all).toHaveLength(53);
    expect(new Set(all.map((d) => d.severity))).toEqual(new Set(['error', 'warning', 'info']));
    const summary = path.join(tempDir(), 'step_summary.md');

    const r = runCli(['validate', '--root', root, '--format', 'github'], root, actionsEnv(summary));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const list = annotations(r.stdout);
    expect(levels(list)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(list.map((a) => a.level)).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning'), ...Array(10).fill('notice')]);
    const last = list[29];
    expect(last.file).toBeUndefined();
    expect(last.message).toBe('reflib: 24 findings were not annotated (GitHub shows 10 per level per step): 19 errors, 2 warnings, 3 notices; see the job summary for every finding.');

    const md = readFileSync(summary, 'utf8');
    expect(md.split('\n')[0]).toBe('## reflib validate: 29 errors, 12 warnings, 12 info');
    const listed = summaryFindings(md);
    expect(listed.map(key).sort()).toEqual(all.map(key).sort());
    expect(new Set(listed.map(key)).size).toBe(53);
    for (const l of listed) expect(l.url).toBe(`https://github.com/acme/health/blob/${SHA}/${l.file}#L${l.line}`);
    // The entry's hostile text is shown, not run.
    expect(listed.find((l) => l.file === 'entries/h.yaml')!.message).toBe(`unknown field "${HOSTILE_KEY}"`);
    expect(md).not.toContain('<script');
  });

  it('appends to what the step already wrote to the summary', () => {
    const root = bigLibrary();
    const summary = path.join(tempDir(), 'step_summary.md');
    writeFileSync(summary, '# Earlier output\n');
    runCli(['validate', '--root', root, '--format', 'github'], root, actionsEnv(summary));
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# Earlier output\n\n## reflib validate: 29 errors')).toBe(true);
    expect(summaryFindings(md)).toHaveLength(53);
  });

  it('warns, and still annotates with the usual exit code, when the summary cannot be written', () => {
    const root = bigLibrary();
    const dir = tempDir(); // a folder: appending to it fails
    const r = runCli(['validate', '--root', root, '--format', 'github'], root, actionsEnv(dir));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^reflib: could not write the job summary to .+: EISDIR/);
    const list = annotations(r.stdout);
    expect(levels(list)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(list[29].message).toMatch(/; run reflib validate to see every finding\.$/);
  });

  it('reads the environment it is given, and returns the reason a summary was not written', async () => {
    const root = bigLibrary();
    const dir = tempDir();
    const r = await validate({ cwd: root, format: 'github', env: { GITHUB_STEP_SUMMARY: dir } });
    expect(r.exitCode).toBe(1);
    expect(r.notes).toEqual([expect.stringMatching(/^reflib: could not write the job summary to /)]);
    const ok = await validate({ cwd: root, format: 'github', env: { GITHUB_STEP_SUMMARY: 'summary.md' } });
    expect(ok.notes).toEqual([]);
    expect(summaryFindings(readFileSync(path.join(root, 'summary.md'), 'utf8'))).toHaveLength(53);
  });

  it('writes no summary and no links outside GitHub Actions', () => {
    const root = bigLibrary();
    const r = runCli(['validate', '--root', root, '--format', 'github'], root, actionsEnv('', { GITHUB_SERVER_URL: '', GITHUB_REPOSITORY: '', GITHUB_SHA: '' }));
    expect(r.code).toBe(1);
    expect(levels(annotations(r.stdout))).toEqual({ error: 10, warning: 10, notice: 10 });
  });

  it('gives paths relative to the repository when the library is a folder of the workspace', () => {
    const root = bigLibrary();
    const summary = path.join(tempDir(), 'step_summary.md');
    const r = runCli(['validate', '--root', root, '--format', 'github'], root, actionsEnv(summary, { GITHUB_WORKSPACE: path.dirname(root) }));
    const prefix = `${path.basename(root)}/`;
    expect(annotations(r.stdout)[0].file).toBe(`${prefix}entries/e00.yaml`);
    const listed = summaryFindings(readFileSync(summary, 'utf8'));
    expect(listed[0].file).toBe('entries/e00.yaml');
    expect(listed[0].url).toBe(`https://github.com/acme/health/blob/${SHA}/${prefix}entries/e00.yaml#L1`);
  });
});

describe('validate --format github --changed-since', () => {
  /** The big library as a repository: main, then a branch that changes e13 (committed), m11 (uncommitted) and adds new.yaml (untracked); main moves on with e12 later. */
  function repoWithChanges(): string {
    const root = bigLibrary();
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'library');
    git(root, 'checkout', '-q', '-b', 'pr');
    appendFileSync(path.join(root, 'entries/e13.yaml'), '# edited on the branch\n');
    git(root, 'commit', '-q', '-am', 'edit e13');
    git(root, 'checkout', '-q', 'main');
    appendFileSync(path.join(root, 'entries/e12.yaml'), '# edited on main after the branch\n');
    git(root, 'commit', '-q', '-am', 'edit e12');
    git(root, 'checkout', '-q', 'pr');
    appendFileSync(path.join(root, 'entries/m11.yaml'), '# not committed\n');
    writeFileSync(path.join(root, 'entries/new.yaml'), entry('topic', '0000d001').replace('status: published', 'status: live'));
    return root;
  }

  it('annotates the changed files first within each level: committed, uncommitted and new files, not later changes to the base', () => {
    const root = repoWithChanges();
    const summary = path.join(tempDir(), 'step_summary.md');
    const before = annotations(runCli(['validate', '--root', root, '--format', 'github'], root, actionsEnv(summary)).stdout);
    expect(before.some((a) => ['entries/e13.yaml', 'entries/m11.yaml', 'entries/new.yaml'].includes(a.file ?? ''))).toBe(false);

    rmSync(summary);
    const r = runCli(['validate', '--root', root, '--format', 'github', '--changed-since', 'main'], root, actionsEnv(summary));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const list = annotations(r.stdout);
    expect(levels(list)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(list.filter((a) => a.level === 'error').slice(0, 3).map((a) => [a.file, a.line])).toEqual([
      ['entries/e13.yaml', 1],
      ['entries/e13.yaml', 6],
      ['entries/new.yaml', 4],
    ]);
    expect(list.filter((a) => a.level === 'error')[3].file).toBe('entries/e00.yaml');
    expect(list.find((a) => a.level === 'warning')!.file).toBe('entries/m11.yaml');
    expect(list.find((a) => a.level === 'notice')!.file).toBe('entries/m11.yaml');
    expect(list.some((a) => a.file === 'entries/e12.yaml')).toBe(false);
    expect(list[29].message).toMatch(/^reflib: 25 findings were not annotated/);

    const md = readFileSync(summary, 'utf8');
    expect(md.split('\n').filter((l) => l.startsWith('### ')).slice(0, 4)).toEqual([
      '### entries/e13.yaml *(changed)*',
      '### entries/m11.yaml *(changed)*',
      '### entries/new.yaml *(changed)*',
      '### entries/e00.yaml',
    ]);
    expect(summaryFindings(md)).toHaveLength(54);
  });

  it('refuses an unknown ref with a hint, exit 2', () => {
    const root = repoWithChanges();
    const r = runCli(['validate', '--root', root, '--format', 'github', '--changed-since', 'origin/nope'], root, actionsEnv(''));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^reflib: --changed-since: unknown git revision "origin\/nope"\n {2}.*fetch-depth: 0/);
  });

  it('refuses a folder outside git, exit 2', () => {
    const root = bigLibrary();
    const r = runCli(['validate', '--root', root, '--format', 'github', '--changed-since', 'main'], root, actionsEnv('', { GIT_CEILING_DIRECTORIES: path.dirname(root) }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^reflib: --changed-since needs a git work tree/);
  });

  it('refuses a ref that looks like an option', () => {
    const root = repoWithChanges();
    const r = runCli(['validate', '--root', root, '--format', 'github', '--changed-since=--output=x'], root, actionsEnv(''));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^reflib: --changed-since takes a git revision/);
  });

  it('is a usage error with another format, or with --watch', () => {
    const root = bigLibrary();
    for (const args of [['--format', 'json'], [], ['--watch']]) {
      const r = runCli(['validate', '--root', root, ...args, '--changed-since', 'main'], root, actionsEnv(''));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^reflib: --(changed-since|watch) /);
    }
  });
});
