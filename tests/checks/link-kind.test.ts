import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/link-kind';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

const myth = (extra = '') => entry('misconception', 'bbbbbbbb', extra);

describe('link-kind', () => {
  it.each([
    ['fields pointing at their kinds', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb]\n'), 'm.yaml': myth('corrects: aaaaaaaa\n') }, []],
    ['a caution field pointing at a misconception', { 't.yaml': entry('topic', 'aaaaaaaa', 'cautions: [bbbbbbbb]\n'), 'm.yaml': myth() }, [['t.yaml', 11, 12, 'link-kind']]],
    ['corrects pointing at a misconception', { 'm.yaml': myth('corrects: cccccccc\n'), 'n.yaml': entry('misconception', 'cccccccc') }, [['m.yaml', 11, 11, 'link-kind']]],
    ['related, which takes any kind', { 't.yaml': entry('topic', 'aaaaaaaa', 'related: [bbbbbbbb]\n'), 'm.yaml': myth() }, []],
    ['inline links, which take any kind', { 't.yaml': entry('topic', 'aaaaaaaa').replace('overview: What', 'overview: See [[bbbbbbbb]] What'), 'm.yaml': myth() }, []],
    ['a link to a missing ID (broken-link reports it)', { 't.yaml': entry('topic', 'aaaaaaaa', 'cautions: [cccccccc]\n') }, []],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });

  it('names the allowed kinds and the actual kind', () => {
    const [f] = runCheck(check, { 't.yaml': entry('topic', 'aaaaaaaa', 'cautions: [bbbbbbbb]\n'), 'm.yaml': myth() });
    expect(f.message).toBe('cautions must point at population-caution entries, but bbbbbbbb (Entry bbbbbbbb) is a misconception');
  });
});
