import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/unpublished-link';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

const topic = (extra: string, status = 'published') => entry('topic', 'aaaaaaaa', extra, status);
const myth = (status: string) => entry('misconception', 'bbbbbbbb', '', status);

describe('unpublished-link', () => {
  it.each([
    ['published to published', { 't.yaml': topic('misconceptions:\n  - bbbbbbbb\n'), 'm.yaml': myth('published') }, []],
    ['published to draft', { 't.yaml': topic('misconceptions:\n  - bbbbbbbb\n'), 'm.yaml': myth('draft') }, [['t.yaml', 12, 5, 'unpublished-link']]],
    ['published to review, inline', { 't.yaml': topic('').replace('overview: What', 'overview: See [[bbbbbbbb]]. What'), 'm.yaml': myth('review') }, [['t.yaml', 7, 15, 'unpublished-link']]],
    ['draft to draft', { 't.yaml': topic('misconceptions: [bbbbbbbb]\n', 'draft'), 'm.yaml': myth('draft') }, []],
    ['a retired entry redirecting to a draft', { 't.yaml': topic('replaced_by: bbbbbbbb\n', 'retired'), 'm.yaml': myth('draft') }, [['t.yaml', 11, 14, 'unpublished-link']]],
    ['published to retired (retired-link reports it)', { 't.yaml': topic('related: [bbbbbbbb]\n'), 'm.yaml': myth('retired') }, []],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });
});
