import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/retired-link';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

// A replacement chain of length 3: r1 → r2 → r3, where r3 is live.
const chain = {
  'r1.yaml': entry('topic', 'eeee0001', 'replaced_by: eeee0002\n', 'retired'),
  'r2.yaml': entry('topic', 'eeee0002', 'replaced_by: eeee0003\n', 'retired'),
  'r3.yaml': entry('topic', 'eeee0003'),
};

describe('retired-link', () => {
  it.each([
    ['a replacement chain on its own (replaced_by is how retirement works)', chain, []],
    ['a link into the chain', { ...chain, 't.yaml': entry('topic', 'aaaaaaaa', 'related: [eeee0001]\n') }, [['t.yaml', 11, 11, 'retired-link']]],
    ['an inline link to a retired entry', { ...chain, 't.yaml': entry('topic', 'aaaaaaaa').replace('overview: What', 'overview: See [[eeee0002]] What') }, [['t.yaml', 7, 15, 'retired-link']]],
    ['a link to the live end of the chain', { ...chain, 't.yaml': entry('topic', 'aaaaaaaa', 'related: [eeee0003]\n') }, []],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });

  it('names the final replacement, following the whole chain', () => {
    const [f] = runCheck(check, { ...chain, 't.yaml': entry('topic', 'aaaaaaaa', 'related: [eeee0001]\n') });
    expect(f.message).toBe('eeee0001 (Entry eeee0001) is retired');
    expect(f.hint).toBe('Link its replacement instead: eeee0003 (Entry eeee0003).');
  });

  it('says when there is no live replacement', () => {
    const [f] = runCheck(check, {
      'x.yaml': entry('topic', 'eeee0001', 'replaced_by: eeee0002\n', 'retired'),
      'y.yaml': entry('topic', 'eeee0002', 'replaced_by: eeee0001\n', 'retired'),
      't.yaml': entry('topic', 'aaaaaaaa', 'related: [eeee0001]\n'),
    });
    expect(f.hint).toMatch(/no live replacement/);
  });
});
