import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/self-link';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

describe('self-link', () => {
  it.each([
    ['links to others', { 'a.yaml': entry('topic', 'aaaaaaaa', 'related: [bbbbbbbb]\n'), 'b.yaml': entry('topic', 'bbbbbbbb') }, []],
    ['a structured link to itself', { 'a.yaml': entry('topic', 'aaaaaaaa', 'related: [aaaaaaaa]\n') }, [['a.yaml', 11, 11, 'self-link']]],
    ['an inline link to itself', { 'a.yaml': entry('topic', 'aaaaaaaa').replace('overview: What', 'overview: See [[aaaaaaaa]] What') }, [['a.yaml', 7, 15, 'self-link']]],
    ['replaced_by itself (replacement-cycle reports it)', { 'a.yaml': entry('topic', 'aaaaaaaa', 'replaced_by: aaaaaaaa\n', 'retired') }, []],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });
});
