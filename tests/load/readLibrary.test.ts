import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_FOLDER_DEPTH } from '../../scripts/core/limits';
import { UsageError } from '../../scripts/core/usageError';
import { firstInvalidUtf8, listEntryFiles, readLibrary } from '../../scripts/load/readLibrary';
import { makeLibrary } from '../support/fixtures';

describe('listEntryFiles', () => {
  it('finds .yaml and .yml files recursively, sorted, skipping dot-files and other files', async () => {
    const root = makeLibrary({
      'entries/b/two.yml': 'a: 1',
      'entries/a.yaml': 'a: 1',
      'entries/.hidden.yaml': 'a: 1',
      'entries/notes.md': '#',
    });
    expect(await listEntryFiles(root)).toEqual(['entries/a.yaml', 'entries/b/two.yml']);
  });

  it.each([
    ['a missing root', (r: string) => path.join(r, 'nope'), /library root not found/],
    ['a root without entries/', (r: string) => r, /no entries\/ folder/],
  ])('rejects %s with a UsageError', async (_, pick, message) => {
    const root = makeLibrary({ 'README.md': '#' });
    await expect(listEntryFiles(pick(root))).rejects.toThrow(message);
    await expect(listEntryFiles(pick(root))).rejects.toBeInstanceOf(UsageError);
  });

  it('rejects an empty library', async () => {
    const root = makeLibrary({ 'entries/readme.txt': 'x' });
    await expect(listEntryFiles(root)).rejects.toThrow(/library is empty/);
  });
});

describe('readLibrary', () => {
  it('reports a file that is not UTF-8 at its first bad byte', async () => {
    const root = makeLibrary({
      'entries/ok.yaml': 'id: a\n',
      'entries/latin1.yaml': Buffer.concat([Buffer.from('id: a\ntitle: Gr'), Buffer.from([0xf6]), Buffer.from('ber\n')]),
    });
    const r = await readLibrary(root);
    expect(r.files.map((f) => f.path)).toEqual(['entries/ok.yaml']);
    expect(r.findings).toEqual([expect.objectContaining({ file: 'entries/latin1.yaml', rule: 'encoding', line: 2, column: 10 })]);
  });

  it.each([
    ['a link to a file outside the library', (root: string) => symlinkSync(path.join(root, 'secret.yaml'), path.join(root, 'entries/linked.yaml')), 'entries/linked.yaml', 'a symbolic link under entries/: reflib does not follow it'],
    ['a dangling link', (root: string) => symlinkSync(path.join(root, 'missing.yaml'), path.join(root, 'entries/linked.yaml')), 'entries/linked.yaml', 'a symbolic link under entries/: reflib does not follow it'],
    ['a link to a folder', (root: string) => symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'entries/more')), 'entries/more', 'a symbolic link under entries/: reflib does not follow it'],
    ['a FIFO named like an entry', (root: string) => execFileSync('mkfifo', [path.join(root, 'entries/pipe.yaml')]), 'entries/pipe.yaml', 'not a regular file'],
  ])('never follows or reads %s, and says so', async (_name, make, file, message) => {
    const root = makeLibrary({ 'entries/ok.yaml': 'id: a\n', 'secret.yaml': 'password: hunter2\n', 'elsewhere/x.yaml': 'id: b\n' });
    make(root);
    const r = await readLibrary(root);
    expect(r.files.map((f) => f.path)).toEqual(['entries/ok.yaml']);
    expect(r.findings).toEqual([expect.objectContaining({ file, rule: 'not-a-file', line: 1, column: 1, message })]);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('does not read a file over the size limit', async () => {
    const root = makeLibrary({ 'entries/ok.yaml': 'id: a\n', 'entries/huge.yaml': Buffer.alloc(MAX_FILE_BYTES + 1, 0x61) });
    const r = await readLibrary(root);
    expect(r.files.map((f) => f.path)).toEqual(['entries/ok.yaml']);
    expect(r.findings).toEqual([expect.objectContaining({ file: 'entries/huge.yaml', rule: 'limit', line: 1, message: 'the file is 1.0 MiB, over the limit of 1 MiB for an entry' })]);
  });

  it.each([
    ['NUL', 'summary: a\u0000b\n', 2, 11, 'U+0000'],
    ['bell', 'summary: ok\ntitle: x\u0007\n', 3, 9, 'U+0007'],
    ['a C1 control', 'summary: ok \u0090\n', 2, 13, 'U+0090'],
    ['NEL', 'summary: ok\u0085x\n', 2, 12, 'U+0085'],
  ])('reports a raw %s character where it is', async (_name, body, line, column, code) => {
    const root = makeLibrary({ 'entries/x.yaml': `id: aaaa0001\n${body}` });
    const r = await readLibrary(root);
    expect(r.files).toEqual([]);
    expect(r.findings).toEqual([expect.objectContaining({ file: 'entries/x.yaml', rule: 'encoding', line, column, message: `the file holds a control character (${code})` })]);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0x61, 0xc3, 0xb6], -1],
    [[0x61, 0xf6, 0x62], 1],
    [[0x61, 0xe2, 0x82], 1],
    [[0xc0, 0x80], 0],
  ])('%j → %i', (bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('deep folders', () => {
  it('reads folders up to the limit and reports the first one beyond it, without a crash', async () => {
    const deep = Array.from({ length: MAX_FOLDER_DEPTH + 5 }, () => 'a').join('/');
    const root = makeLibrary({ 'entries/ok.yaml': 'id: a\n', [`entries/${deep}/x.yaml`]: 'id: b\n' });
    const r = await readLibrary(root);
    expect(r.files.map((f) => f.path)).toEqual(['entries/ok.yaml']);
    const tooDeep = `entries/${Array.from({ length: MAX_FOLDER_DEPTH + 1 }, () => 'a').join('/')}`;
    expect(r.findings).toEqual([expect.objectContaining({ file: tooDeep, rule: 'limit', message: `folders under entries/ nested more than ${MAX_FOLDER_DEPTH} deep: this one is not read` })]);
  });
});
