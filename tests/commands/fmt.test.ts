import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fmt } from '../../scripts/commands/fmt';
import { MAX_FILE_BYTES } from '../../scripts/core/limits';
import { makeLibrary as makeFixture, REPO, runCli } from '../support/fixtures';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** Registers a temporary folder for removal after the tests. */
function track(root: string): string {
  roots.push(root);
  return root;
}

const makeLibrary = (files: Record<string, string | Buffer>) => track(makeFixture(files));

const messy = 'kind: topic\nid: aaaaaaaa\ntitle: "T"\n';

describe('reflib fmt', () => {
  it('--check lists the files that would change and exits 1, changing nothing', async () => {
    const root = makeLibrary({ 'entries/a.yaml': messy, 'entries/b.yaml': 'id: bbbbbbbb\nkind: topic\n' });
    const r = await fmt({ cwd: root, check: true });
    expect([r.exitCode, r.output]).toEqual([1, 'entries/a.yaml: not formatted\n1 of 2 files would be reformatted: run reflib fmt\n']);
    expect(readFileSync(path.join(root, 'entries/a.yaml'), 'utf8')).toBe(messy);
  });

  it('rewrites files, after which --check passes', async () => {
    const root = makeLibrary({ 'entries/a.yaml': messy });
    expect((await fmt({ cwd: root })).changed).toEqual(['entries/a.yaml']);
    expect(readFileSync(path.join(root, 'entries/a.yaml'), 'utf8')).toBe('id: aaaaaaaa\nkind: topic\ntitle: T\n');
    expect(await fmt({ cwd: root, check: true })).toMatchObject({ exitCode: 0, output: 'All 1 files are formatted.\n' });
  });

  it('never rewrites a file that does not parse, and says so', async () => {
    const broken = 'id: a\nid: b\n';
    const root = makeLibrary({ 'entries/a.yaml': broken, 'entries/b.yaml': messy });
    const r = await fmt({ cwd: root });
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('entries/a.yaml: not formatted, it does not parse (Map keys must be unique); run reflib validate');
    expect(readFileSync(path.join(root, 'entries/a.yaml'), 'utf8')).toBe(broken);
    expect(r.changed).toEqual(['entries/b.yaml']);
  });

  it('formats only the paths given, from the CLI', () => {
    const root = makeLibrary({ 'entries/a.yaml': messy, 'entries/b.yaml': messy });
    const r = runCli(['fmt', 'entries/b.yaml'], root);
    expect([r.code, r.stdout]).toEqual([0, 'formatted entries/b.yaml\n1 of 1 files reformatted.\n']);
    expect(readFileSync(path.join(root, 'entries/a.yaml'), 'utf8')).toBe(messy);
    writeFileSync(path.join(root, 'entries/a.yaml'), messy);
    expect(runCli(['fmt', '--check'], root).code).toBe(1);
  });
});

describe('reflib fmt refuses what it must not rewrite', () => {
  it('leaves a file that is not UTF-8 untouched', async () => {
    const bytes = Buffer.from('id: aaaaaaaa\ntitle: Gr\xe9ber\n', 'latin1');
    const root = makeLibrary({ 'entries/a.yaml': bytes });
    const r = await fmt({ cwd: root });
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('entries/a.yaml: not formatted, it is not valid UTF-8; run reflib validate');
    expect(readFileSync(path.join(root, 'entries/a.yaml')).equals(bytes)).toBe(true);
  });

  it('refuses a path that is not a YAML file', async () => {
    const root = makeLibrary({ 'entries/a.yaml': messy, 'package.json': '{"name": "x"}\n' });
    await expect(fmt({ cwd: root, paths: ['package.json'] })).rejects.toThrow(/package.json is not a YAML entry file/);
    expect(readFileSync(path.join(root, 'package.json'), 'utf8')).toBe('{"name": "x"}\n');
  });

  it('finds nothing to change in a file reflib new just wrote', async () => {
    const { newEntry } = await import('../../scripts/commands/new');
    const root = makeLibrary({ 'entries/.keep': '' });
    for (const kind of ['topic', 'form-comparison', 'interaction', 'population-caution', 'misconception']) await newEntry({ cwd: root, kind, title: `A ${kind}` });
    expect(await fmt({ cwd: root, check: true })).toMatchObject({ exitCode: 0, changed: [] });
  });
});

describe('reflib fmt never follows a symbolic link', () => {
  /** A library with a messy entry, a link to a file outside it, a link to an entry inside it and a linked folder. */
  function linkedLibrary() {
    const root = makeLibrary({ 'entries/a.yaml': messy, 'outside/secret.yaml': SECRET, 'outside/folder/x.yaml': messy });
    symlinkSync(path.join(root, 'outside/secret.yaml'), path.join(root, 'entries/secret.yaml'));
    symlinkSync('a.yaml', path.join(root, 'entries/alias.yaml'));
    symlinkSync(path.join(root, 'outside/folder'), path.join(root, 'entries/linked'));
    return root;
  }
  const SECRET = 'kind: topic\nid: aaaaaaaa\ntitle: "SECRET token"\n';
  const untouched = (root: string) => {
    expect(readlinkSync(path.join(root, 'entries/secret.yaml'))).toBe(path.join(root, 'outside/secret.yaml'));
    expect(readlinkSync(path.join(root, 'entries/alias.yaml'))).toBe('a.yaml');
    expect(readFileSync(path.join(root, 'outside/secret.yaml'), 'utf8')).toBe(SECRET);
    expect(readFileSync(path.join(root, 'outside/folder/x.yaml'), 'utf8')).toBe(messy);
  };

  it.each([
    ['fmt', false, 0],
    ['fmt --check', true, 1],
  ])('%s leaves links out of the library’s files, reading nothing through them', async (_, check, exitCode) => {
    const root = linkedLibrary();
    const r = await fmt({ cwd: root, check });
    expect([r.exitCode, r.changed]).toEqual([exitCode, ['entries/a.yaml']]);
    expect(r.output).toMatch(/ 1 files (would be )?reformatted/);
    untouched(root);
    expect(readFileSync(path.join(root, 'entries/a.yaml'), 'utf8')).toBe(check ? messy : 'id: aaaaaaaa\nkind: topic\ntitle: T\n');
  });

  it.each([
    ['a link to a file outside the library', 'entries/secret.yaml', 'it is a symbolic link'],
    ['a link to an entry', 'entries/alias.yaml', 'it is a symbolic link'],
    ['a file reached through a linked folder', 'entries/linked/x.yaml', 'it is reached through a symbolic link (entries/linked)'],
  ])('refuses %s named on the command line, and exits 1', (_, rel, why) => {
    const root = linkedLibrary();
    for (const args of [['fmt', rel], ['fmt', '--check', rel]]) {
      const r = runCli(args, root);
      const summary = args.includes('--check') ? 'No file would be reformatted, but 1 of 1 could not be checked.' : '0 of 1 files reformatted.';
      expect([r.code, r.stdout, r.stderr]).toEqual([1, `${rel}: not formatted, ${why}, and fmt never follows links; put the file itself there\n${summary}\n`, '']);
      untouched(root);
    }
  });

  it('refuses a FIFO named on the command line without waiting on it', async () => {
    const root = makeLibrary({ 'entries/a.yaml': 'id: aaaaaaaa\nkind: topic\n' });
    if (spawnSync('mkfifo', [path.join(root, 'entries/pipe.yaml')]).status !== 0) return;
    const r = await fmt({ cwd: root, paths: ['entries/pipe.yaml'] });
    expect([r.exitCode, r.output]).toEqual([1, 'entries/pipe.yaml: not formatted, it is not a regular file\n0 of 1 files reformatted.\n']);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const big = `id: aaaaaaaa\nkind: topic\ntitle: "${'x'.repeat(MAX_FILE_BYTES)}"\n`;
    const root = makeLibrary({ 'entries/big.yaml': big });
    const r = await fmt({ cwd: root });
    expect([r.exitCode, r.output]).toEqual([1, 'entries/big.yaml: not formatted, it is over the size limit of 1 MiB; run reflib validate\n0 of 1 files reformatted.\n']);
    expect(readFileSync(path.join(root, 'entries/big.yaml'), 'utf8')).toBe(big);
  });
});

describe('reflib fmt never writes to a file that holds no data', () => {
  const NO_DATA: [string, string | Buffer, string][] = [
    ['empty', '', 'it is empty'],
    ['blank.yaml', ' \r\n\n', 'it is empty'],
    ['comment.yaml', '# to do: write this entry', 'it holds only comments, no data'],
    ['modeline.yaml', '\ufeff# yaml-language-server: $schema=../schemas/topic.schema.json\r\n\r\n# notes   \r\n', 'it holds only comments, no data'],
    ['marker.yaml', '---\n', 'it holds no data'],
  ];

  it.each([
    ['fmt', false],
    ['fmt --check', true],
  ])('%s leaves each alone, says so and exits 0', async (_, check) => {
    const files = Object.fromEntries(NO_DATA.map(([name, text]) => [`entries/${name === 'empty' ? 'empty.yaml' : name}`, text]));
    const root = makeLibrary({ ...files, 'entries/ok.yaml': 'id: aaaaaaaa\nkind: topic\n' });
    const before = Object.keys(files).map((rel) => statSync(path.join(root, rel)).ino);
    const r = await fmt({ cwd: root, check });
    expect(r.exitCode).toBe(0);
    for (const [name, , why] of NO_DATA) expect(r.output).toContain(`entries/${name === 'empty' ? 'empty.yaml' : name}: left as it is, ${why}; run reflib validate\n`);
    expect(r.changed).toEqual([]);
    for (const [rel, text] of Object.entries(files)) expect(readFileSync(path.join(root, rel)).equals(Buffer.from(text))).toBe(true);
    // Not even rewritten with the same bytes: the atomic writer would give the file a new inode.
    expect(Object.keys(files).map((rel) => statSync(path.join(root, rel)).ino)).toEqual(before);
  });
});

describe('reflib fmt keeps every scalar as written', () => {
  it('keeps a number-like ID and list items, and the modeline on line 1, in a real entry', () => {
    const rel = 'entries/topics/magnesium-and-sleep.yaml';
    const real = readFileSync(path.join(REPO, rel), 'utf8');
    const [modeline, ...rest] = real.split('\n');
    // kind before id, so fmt has keys to reorder; the id and related list as in the issue.
    const body = rest.join('\n').replace(/^id: .*\n/m, '').replace(/^related: .*$/m, 'related: [01234567, 1000e123]');
    const root = makeLibrary({ [rel]: `${modeline}\nkind: topic\nid: 01234567\n${body.replace(/^kind: topic\n/m, '')}` });
    const r = runCli(['fmt'], root);
    expect([r.code, r.stdout]).toEqual([0, `formatted ${rel}\n1 of 1 files reformatted.\n`]);
    const out = readFileSync(path.join(root, rel), 'utf8');
    expect(out.split('\n').slice(0, 3)).toEqual([modeline, 'id: 01234567', 'kind: topic']);
    expect(out).toContain('\nrelated: [01234567, 1000e123]\n');
  });
});

describe('reflib fmt on a copy of the real library', () => {
  it('finds nothing to change and rewrites nothing', () => {
    const root = track(mkdtempSync(path.join(tmpdir(), 'reflib-fmt-')));
    cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
    const files = readdirSync(path.join(root, 'entries'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    const inodes = files.map((f) => statSync(path.join(root, 'entries', f)).ino);
    const r = runCli(['fmt'], root);
    expect([r.code, r.stdout]).toEqual([0, `0 of ${files.length} files reformatted.\n`]);
    for (const f of files) expect(readFileSync(path.join(root, 'entries', f), 'utf8')).toBe(readFileSync(path.join(REPO, 'entries', f), 'utf8'));
    expect(files.map((f) => statSync(path.join(root, 'entries', f)).ino)).toEqual(inodes);
  });
});

describe('reflib fmt removes what an interrupted run left', () => {
  /** A temporary as the atomic writer names it, of a writer that has exited (no process has this PID) or of this running one. */
  const stale = (name: string, hex: string) => `.${name}.tmp-999999999-${hex.repeat(12)}`;
  const live = (name: string) => `.${name}.tmp-${process.pid}-${'c'.repeat(12)}`;
  const formatted = 'id: aaaaaaaa\nkind: topic\n';

  function interruptedLibrary(): string {
    return makeLibrary({
      'entries/topics/a.yaml': formatted,
      'entries/topics/b.yaml': formatted,
      [`entries/topics/${stale('a.yaml', 'a')}`]: 'id: half written',
      [`entries/topics/${stale('b.yaml', 'b')}`]: 'id: half written',
      [`entries/topics/${live('a.yaml')}`]: 'another run is writing this',
      'entries/topics/.a.yaml.tmp-notes': 'a user file that only looks like a temporary',
      [`entries/${stale('c.yaml', 'd')}`]: 'id: half written',
    });
  }
  const left = (root: string) => readdirSync(path.join(root, 'entries'), { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.tmp-')).sort();

  it('fmt --check changes nothing, temporaries included', async () => {
    const root = interruptedLibrary();
    const before = left(root);
    expect(await fmt({ cwd: root, check: true })).toMatchObject({ exitCode: 0, changed: [] });
    expect(left(root)).toEqual(before);
  });

  it('fmt removes every stale temporary under entries/, even beside files it does not rewrite', async () => {
    const root = interruptedLibrary();
    const inode = statSync(path.join(root, 'entries/topics/a.yaml')).ino;
    expect(await fmt({ cwd: root })).toMatchObject({ exitCode: 0, changed: [] });
    expect(left(root)).toEqual([`topics/${live('a.yaml')}`, 'topics/.a.yaml.tmp-notes'].sort());
    expect(statSync(path.join(root, 'entries/topics/a.yaml')).ino).toBe(inode);
  });

  it('fmt with paths removes only the stale temporaries of those files', async () => {
    const root = interruptedLibrary();
    expect(await fmt({ cwd: root, paths: ['entries/topics/a.yaml'] })).toMatchObject({ exitCode: 0, changed: [] });
    expect(left(root)).toEqual([stale('c.yaml', 'd'), `topics/${live('a.yaml')}`, 'topics/.a.yaml.tmp-notes', `topics/${stale('b.yaml', 'b')}`].sort());
  });
});
