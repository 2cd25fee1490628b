import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-retracted';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

const retracted = lockOf(record({ retractions: [{ pmid: '39999999' }] }));
const acknowledged = 'notices:\n  - type: retraction\n    pmid: 39999999\n    read: false\n    note: Cited only to say the finding was withdrawn.\n';

describe('pmid-retracted', () => {
  it.each([
    ['a paper that is not retracted', lockOf(record()), undefined, []],
    ['a retraction notice', retracted, undefined, [['x.yaml', 14, 11, 'pmid-retracted']]],
    ['the Retracted Publication type alone', lockOf(record({ publicationTypes: ['Journal Article', 'Retracted Publication'] })), undefined, [['x.yaml', 14, 11, 'pmid-retracted']]],
    ['a retraction acknowledged in notices', retracted, acknowledged, []],
    ['a retraction acknowledged with another notice PMID', retracted, acknowledged.replace('39999999', '39999998'), [['x.yaml', 14, 11, 'pmid-retracted']]],
    ['an erratum acknowledged does not cover a retraction', retracted, acknowledged.replace('retraction', 'erratum'), [['x.yaml', 14, 11, 'pmid-retracted']]],
  ])('%s', (_, lock, refExtra, expected) => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ refExtra }) }, lock))).toEqual(expected);
  });

  it('names the notice', () => {
    expect(runCheck(check, { 'x.yaml': articleEntry() }, retracted)[0].message).toBe('PMID 33260549 is retracted (retraction notice PMID 39999999)');
  });
});
