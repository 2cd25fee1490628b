import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/duplicate-link';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

const myth = entry('misconception', 'bbbbbbbb');

describe('duplicate-link', () => {
  it.each([
    ['each ID once', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb]\n'), 'm.yaml': myth }, []],
    ['an ID twice in a flow sequence, at the repeat', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb, bbbbbbbb]\n'), 'm.yaml': myth }, [['t.yaml', 11, 28, 'duplicate-link']]],
    ['an ID twice in a block sequence', { 't.yaml': entry('topic', 'aaaaaaaa', 'related:\n  - bbbbbbbb\n  - bbbbbbbb\n'), 'm.yaml': myth }, [['t.yaml', 13, 5, 'duplicate-link']]],
    ['an ID repeated after another', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb, cccccccc, bbbbbbbb]\n'), 'm.yaml': myth }, [['t.yaml', 11, 38, 'duplicate-link']]],
    ['one ID listed once by each of two entries', { 't.yaml': entry('topic', 'aaaaaaaa', 'related: [bbbbbbbb]\n'), 'u.yaml': entry('topic', 'cccccccc', 'related: [bbbbbbbb]\n'), 'm.yaml': myth }, []],
    ['the same ID in two different fields', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb]\nrelated: [bbbbbbbb]\n'), 'm.yaml': myth }, []],
    ['the same inline link twice in prose', { 't.yaml': entry('topic', 'aaaaaaaa').replace('overview: What', 'overview: See [[bbbbbbbb]] and [[bbbbbbbb]] What'), 'm.yaml': myth }, []],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });
});
