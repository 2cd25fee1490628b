/**
 * The pre-commit hook validates what is being committed: the index's version
 * of the library, with links checked against the staged entries, whatever the
 * working tree holds. Each test commits in a temporary git repository whose
 * hooks are this checkout's tools/git-hooks, so git runs the real hook.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entry, makeLibrary, REPO } from '../support/fixtures';

const HOOKS = path.join(REPO, 'tools/git-hooks');
const SAID = 'reflib pre-commit: validating the staged version of the library (skip with git commit --no-verify)';
const REFUSED = 'reflib pre-commit: commit refused: fix the staged files and git add them, or skip with git commit --no-verify';

/** The topic aaaaaaaa lists the misconception bbbbbbbb, which corrects it: a valid library. */
const topic = (links = 'bbbbbbbb') => entry('topic', 'aaaaaaaa', `misconceptions: [${links}]\n`);
const myth = entry('misconception', 'bbbbbbbb', 'corrects: aaaaaaaa\n');

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Repo {
  root: string;
  write(rel: string, text: string): void;
  git(...args: string[]): string;
  /** `git commit`, with the hook; its exit code and what it printed. */
  commit(...args: string[]): { code: number | null; output: string };
  /** The hook alone, as git would run it before a commit: its exit code (git commit itself exits 1 whatever the hook's code) and what it printed. */
  hook(): { code: number | null; output: string };
  commits(): number;
  /** The hook's temporary folders left in its TMPDIR (other tools may keep caches there). */
  leftovers(): string[];
}

/** A git repository holding a valid library (at its top, or in the folder `library`, set in git config reflib.root), committed, with this checkout's hooks. */
function repo({ library }: { library?: string } = {}): Repo {
  const at = library ? `${library}/` : '';
  const root = makeLibrary({ [`${at}entries/topic.yaml`]: topic(), [`${at}entries/myth.yaml`]: myth, 'README.md': 'A library.\n' });
  const tmp = mkdtempSync(path.join(tmpdir(), 'reflib-hook-tmp-'));
  cleanup.push(root, tmp);
  // The hook runs <top>/scripts/bin.js: here, this checkout's (bin.js resolves its own folder through the link).
  symlinkSync(path.join(REPO, 'scripts'), path.join(root, 'scripts'));
  writeFileSync(path.join(root, '.gitignore'), '/scripts\n');
  // A clean environment: no GIT_DIR or GIT_INDEX_FILE from a caller; the hook's temporary folder where the test can see it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  Object.assign(env, { NO_COLOR: '1', TMPDIR: tmp });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q');
  git('config', 'user.email', 't@example.org');
  git('config', 'user.name', 'T');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'core.hooksPath', HOOKS);
  if (library) git('config', 'reflib.root', library);
  const r: Repo = {
    root,
    write: (rel, text) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    },
    git,
    commit: (...args) => {
      const c = spawnSync('git', ['commit', '-q', ...args], { cwd: root, env, encoding: 'utf8' });
      return { code: c.status, output: c.stdout + c.stderr };
    },
    hook: () => {
      const c = spawnSync(path.join(HOOKS, 'pre-commit'), { cwd: root, env, encoding: 'utf8' });
      return { code: c.status, output: c.stdout + c.stderr };
    },
    commits: () => Number(git('rev-list', '--count', 'HEAD').trim()),
    leftovers: () => readdirSync(tmp).filter((n) => n.startsWith('reflib-pre-commit.')),
  };
  git('add', '-A');
  const first = r.commit('-m', 'library');
  expect(first.output).toContain(library ? SAID.replace('library (', `library in ${library}/ (`) : SAID);
  expect(first.code).toBe(0);
  return r;
}

describe('pre-commit hook', () => {
  it('refuses a staged broken entry whose working copy is fixed', () => {
    const r = repo();
    r.write('entries/topic.yaml', topic('bbbbbbbc'));
    r.git('add', 'entries/topic.yaml');
    r.write('entries/topic.yaml', topic());
    const c = r.commit('-m', 'broken');
    expect(c.code).toBe(1);
    expect(c.output).toContain(SAID);
    expect(c.output).toMatch(/^entries\/topic\.yaml {2}\(entry aaaaaaaa\)$/m);
    expect(c.output).toMatch(/^ {2}\d+:\d+ {2}error .*bbbbbbbc.* {2}broken-link$/m);
    expect(c.output).toContain(REFUSED);
    expect(r.commits()).toBe(1);
    expect(r.leftovers()).toEqual([]);
  });

  it('lets a staged fix through whose working copy is broken', () => {
    const r = repo();
    r.write('entries/topic.yaml', topic('bbbbbbbc'));
    r.git('add', 'entries/topic.yaml');
    expect(r.commit('--no-verify', '-m', 'broken').code).toBe(0);
    r.write('entries/topic.yaml', topic());
    r.git('add', 'entries/topic.yaml');
    r.write('entries/topic.yaml', topic().replace('summary:', 'sumary:'));
    const c = r.commit('-m', 'fix');
    expect(c.output).toContain(SAID);
    expect(c.output).not.toContain('sumary');
    expect(c.output).not.toContain(REFUSED);
    expect(c.code).toBe(0);
    expect(r.commits()).toBe(3);
    expect(r.leftovers()).toEqual([]);
  });

  it('checks links against the staged library: a target only in the working tree does not count', () => {
    const r = repo();
    r.write('entries/other.yaml', entry('misconception', 'cccccccc', 'corrects: aaaaaaaa\n'));
    r.write('entries/topic.yaml', topic('bbbbbbbb, cccccccc'));
    r.git('add', 'entries/topic.yaml');
    const c = r.commit('-m', 'links a file left out');
    expect(c.code).toBe(1);
    expect(c.output).toMatch(/^ {2}\d+:\d+ {2}error .*cccccccc.* {2}broken-link$/m);
    expect(c.output).not.toContain('entries/other.yaml');
    expect(r.commits()).toBe(1);
  });

  it('refuses a staged deletion of a link target that the working tree still has', () => {
    const r = repo();
    r.git('rm', '-q', '--cached', 'entries/myth.yaml');
    const c = r.commit('-m', 'drop the myth');
    expect(c.code).toBe(1);
    expect(c.output).toMatch(/^entries\/topic\.yaml {2}\(entry aaaaaaaa\)$/m);
    expect(c.output).toMatch(/^ {2}\d+:\d+ {2}error .*bbbbbbbb.* {2}broken-link$/m);
    expect(c.output).toContain(REFUSED);
    expect(r.commits()).toBe(1);
  });

  it('validates what commit -a commits: the working tree, staged by git for the commit', () => {
    const r = repo();
    r.write('entries/topic.yaml', topic().replace('summary:', 'sumary:'));
    const c = r.commit('-a', '-m', 'all');
    expect(c.code).toBe(1);
    expect(c.output).toContain('unknown field "sumary"');
    expect(r.commits()).toBe(1);
  });

  it('skips without validating when nothing of the library is staged', () => {
    const r = repo();
    r.write('entries/topic.yaml', topic('bbbbbbbc'));
    r.write('README.md', 'A library of references.\n');
    r.git('add', 'README.md');
    const c = r.commit('-m', 'readme');
    expect(c.code).toBe(0);
    expect(c.output).not.toContain(SAID);
    expect(r.commits()).toBe(2);
  });

  it('validates a library in a subfolder, named by git config reflib.root', () => {
    const r = repo({ library: 'library' });
    r.write('library/entries/topic.yaml', topic('bbbbbbbc'));
    r.git('add', 'library/entries/topic.yaml');
    const c = r.commit('-m', 'broken');
    expect(c.code).toBe(1);
    expect(c.output).toContain('reflib pre-commit: validating the staged version of the library in library/ (skip with git commit --no-verify)');
    expect(c.output).toMatch(/^entries\/topic\.yaml {2}\(entry aaaaaaaa\)$/m);
    expect(c.output).toMatch(/^ {2}\d+:\d+ {2}error .*bbbbbbbc.* {2}broken-link$/m);
    expect(c.output).toContain(REFUSED);
    expect(r.commits()).toBe(1);
    expect(r.leftovers()).toEqual([]);
  });

  it('says where the library is when entries are staged in a subfolder the hook was not told about', () => {
    const r = repo({ library: 'library' });
    r.git('config', '--unset', 'reflib.root');
    r.write('library/entries/topic.yaml', topic('bbbbbbbc'));
    r.git('add', 'library/entries/topic.yaml');
    const c = r.commit('-m', 'not checked');
    expect(c.output).toContain('reflib pre-commit: not validated: entries are staged in library/, but the library is looked for at the repository\'s top; set git config reflib.root library');
    expect(c.output).not.toContain(SAID);
    expect(c.code).toBe(0);
  });

  it('fails with a clear message, not "fix the staged files", when it cannot find reflib', () => {
    const r = repo();
    // No scripts/bin.js at the top, no node_modules/.bin/reflib, no reflib.bin.
    rmSync(path.join(r.root, 'scripts'));
    r.write('entries/topic.yaml', topic('bbbbbbbc'));
    r.git('add', 'entries/topic.yaml');
    const h = r.hook();
    expect(h.code).toBe(2);
    expect(h.output).toMatch(/^reflib pre-commit: cannot find reflib: set git config reflib\.bin /m);
    const c = r.commit('-m', 'no reflib');
    expect(c.code).toBe(1);
    expect(c.output).toMatch(/^reflib pre-commit: cannot find reflib: set git config reflib\.bin /m);
    expect(c.output).not.toContain('fix the staged files');
    expect(c.output).not.toContain('Cannot find module');
    expect(r.commits()).toBe(1);
    expect(r.leftovers()).toEqual([]);
  });

  it('runs the reflib named by git config reflib.bin', () => {
    const r = repo();
    const bin = path.join(REPO, 'scripts/bin.js');
    rmSync(path.join(r.root, 'scripts'));
    r.git('config', 'reflib.bin', bin);
    r.write('entries/topic.yaml', topic('bbbbbbbc'));
    r.git('add', 'entries/topic.yaml');
    const c = r.commit('-m', 'broken');
    expect(c.code).toBe(1);
    expect(c.output).toMatch(/^ {2}\d+:\d+ {2}error .*bbbbbbbc.* {2}broken-link$/m);
    expect(c.output).toContain(REFUSED);
    r.git('config', 'reflib.bin', 'tools/reflib.js');
    expect(r.hook().code).toBe(2);
    const missing = r.commit('-m', 'broken');
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(`reflib pre-commit: cannot find reflib: reflib.bin (or REFLIB_BIN) is ${r.root}/tools/reflib.js, which does not exist`);
    expect(missing.output).not.toContain('fix the staged files');
    expect(r.commits()).toBe(1);
  });
});
