import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('names a file it cannot read', async () => {
    const root = makeLibrary({ 'entries/ok.yaml': 'id: a\n' });
    symlinkSync(path.join(root, 'missing-target.yaml'), path.join(root, 'entries/broken.yaml'));
    await expect(readLibrary(root)).rejects.toThrow(/cannot read entries\/broken.yaml \(ENOENT\)/);
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
