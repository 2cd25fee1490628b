import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/retired-replacement';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

describe('retired-replacement', () => {
  it.each([
    ['a retired entry with replaced_by', { 'a.yaml': entry('topic', 'aaaaaaaa', 'replaced_by: bbbbbbbb\n', 'retired'), 'b.yaml': entry('topic', 'bbbbbbbb') }, []],
    ['a retired entry without replaced_by, at its status', { 'a.yaml': entry('topic', 'aaaaaaaa', '', 'retired') }, [['a.yaml', 4, 9, 'retired-replacement']]],
    ['replaced_by on a published entry, at the key', { 'a.yaml': entry('topic', 'aaaaaaaa', 'replaced_by: bbbbbbbb\n'), 'b.yaml': entry('topic', 'bbbbbbbb') }, [['a.yaml', 11, 1, 'retired-replacement']]],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });
});
