import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/duplicate-id';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

describe('duplicate-id', () => {
  it.each([
    ['distinct IDs', { 'a.yaml': entry('topic', '0000000a'), 'b.yaml': entry('topic', '0000000b') }, []],
    [
      'two files with one ID: both are reported, each naming the other',
      { 'a.yaml': entry('topic', '0000000a'), 'b.yaml': entry('misconception', '0000000a') },
      [['a.yaml', 1, 5, 'duplicate-id'], ['b.yaml', 1, 5, 'duplicate-id']],
    ],
    [
      'three files with one ID',
      { 'a.yaml': entry('topic', '0000000a'), 'b.yaml': entry('topic', '0000000a'), 'c.yaml': entry('topic', '0000000a') },
      [['a.yaml', 1, 5, 'duplicate-id'], ['b.yaml', 1, 5, 'duplicate-id'], ['c.yaml', 1, 5, 'duplicate-id']],
    ],
    [
      'a duplicate in an entry that fails its schema (still reported)',
      { 'a.yaml': entry('topic', '0000000a'), 'b.yaml': entry('topic', '0000000a').replace('status: published', 'status: nope') },
      [['a.yaml', 1, 5, 'duplicate-id'], ['b.yaml', 1, 5, 'duplicate-id']],
    ],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });

  it('names both files and points related at the other', () => {
    const [first] = runCheck(check, { 'a.yaml': entry('topic', '0000000a'), 'b.yaml': entry('topic', '0000000a') });
    expect(first.message).toContain('b.yaml');
    expect(first.related).toEqual([expect.objectContaining({ file: 'b.yaml', line: 1, column: 5 })]);
  });
});
