import { describe, expect, it } from 'vitest';
import duplicateId from '../../scripts/checks/duplicate-id';
import check from '../../scripts/checks/id-reuse';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

const reuse = {
  'old.yaml': entry('topic', 'aaaaaaaa', 'replaced_by: bbbbbbbb\n', 'retired'),
  'new.yaml': entry('misconception', 'aaaaaaaa'),
  'b.yaml': entry('topic', 'bbbbbbbb'),
};

describe('id-reuse', () => {
  it.each([
    ['a retired ID used again, at the new entry', reuse, [['new.yaml', 1, 5, 'id-reuse']]],
    ['two live entries sharing an ID (duplicate-id reports it)', { 'a.yaml': entry('topic', 'aaaaaaaa'), 'b.yaml': entry('topic', 'aaaaaaaa') }, []],
    ['a retired entry alone', { 'old.yaml': reuse['old.yaml'], 'b.yaml': reuse['b.yaml'] }, []],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });

  it('leaves the clash to id-reuse rather than reporting it twice', () => {
    expect(runCheck(duplicateId, reuse)).toEqual([]);
  });
});
