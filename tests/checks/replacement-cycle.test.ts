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

  it('keeps each finding short in a long loop, so output grows linearly', () => {
    const n = 1000;
    const id = (i: number) => `eeee${String(i % n).padStart(4, '0')}`;
    const files = Object.fromEntries(Array.from({ length: n }, (_, i) => [`${i}.yaml`, retired(id(i), id(i + 1))]));
    const findings = runCheck(check, files);
    expect(findings).toHaveLength(n);
    const first = findings.find((f) => f.file === '0.yaml')!;
    expect(first.message).toBe('replaced_by loops: eeee0000 → eeee0001 → eeee0002 → eeee0003 → eeee0004 → … (994 more) → eeee0999 → eeee0000');
    expect(first.related).toHaveLength(5);
    expect(first.data).toEqual({ members: n });
    // Every finding is about the same size, whatever the loop's length.
    expect(Math.max(...findings.map((f) => JSON.stringify(f).length))).toBeLessThan(2000);
  });
});
