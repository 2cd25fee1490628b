import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/cite-key';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

describe('cite-key', () => {
  it.each([
    ['a cite key that exists', entry('misconception', '0000000a'), []],
    ['an unknown key, at the key', entry('misconception', '0000000a').replace('cite: [ods]', 'cite: [ods, pickering2020]'), [['x.yaml', 10, 13, 'cite-key']]],
    ['an unknown key nested in a list item', entry('topic', '0000000a').replace('    cite: [ods]', '    cite:\n      - odss'), [['x.yaml', 11, 9, 'cite-key']]],
    ['nothing for an entry that fails its schema', entry('misconception', '0000000a').replace('cite: [ods]', 'cite: [nope]\nbogus: 1'), []],
  ])('%s', (_, text, expected) => {
    expect(where(runCheck(check, { 'x.yaml': text }))).toEqual(expected);
  });

  it('suggests the keys the entry does define', () => {
    const [f] = runCheck(check, { 'x.yaml': entry('misconception', '0000000a').replace('cite: [ods]', 'cite: [odss]') });
    expect(f.hint).toContain('ods');
  });
});
