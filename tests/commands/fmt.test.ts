import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fmt } from '../../scripts/commands/fmt';
import { makeLibrary, runCli } from '../support/fixtures';

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
