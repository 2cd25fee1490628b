import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/replacement-cycle';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

const retired = (id: string, next: string) => entry('topic', id, `replaced_by: ${next}\n`, 'retired');

describe('replacement-cycle', () => {
  it.each([
    ['a chain of 3 ending in a live entry', { '1.yaml': retired('eeee0001', 'eeee0002'), '2.yaml': retired('eeee0002', 'eeee0003'), '3.yaml': entry('topic', 'eeee0003') }, []],
    ['a loop of two, reported on each', { '1.yaml': retired('eeee0001', 'eeee0002'), '2.yaml': retired('eeee0002', 'eeee0001') }, [['1.yaml', 11, 14, 'replacement-cycle'], ['2.yaml', 11, 14, 'replacement-cycle']]],
    ['an entry replaced by itself', { '1.yaml': retired('eeee0001', 'eeee0001') }, [['1.yaml', 11, 14, 'replacement-cycle']]],
    [
      'a chain leading into a loop: only the loop is reported',
      { '0.yaml': retired('eeee0000', 'eeee0001'), '1.yaml': retired('eeee0001', 'eeee0002'), '2.yaml': retired('eeee0002', 'eeee0003'), '3.yaml': retired('eeee0003', 'eeee0001') },
      [['1.yaml', 11, 14, 'replacement-cycle'], ['2.yaml', 11, 14, 'replacement-cycle'], ['3.yaml', 11, 14, 'replacement-cycle']],
    ],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files)).sort()).toEqual(expected);
  });

  it('spells out the loop', () => {
    const [f] = runCheck(check, { '1.yaml': retired('eeee0001', 'eeee0002'), '2.yaml': retired('eeee0002', 'eeee0001') });
    expect(f.message).toBe('replaced_by loops: eeee0001 → eeee0002 → eeee0001');
    expect(f.related).toEqual([expect.objectContaining({ file: '2.yaml', line: 11, column: 14 })]);
  });
});
