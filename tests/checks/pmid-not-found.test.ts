import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-not-found';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

describe('pmid-not-found', () => {
  it.each([
    ['a found record', lockOf(record()), []],
    ['no record (pmid-unverified reports it)', lockOf(), []],
    ['PubMed says not found', lockOf({ pmid: '33260549', status: 'not-found', source: record().source }), [['x.yaml', 14, 11, 'pmid-not-found']]],
  ])('%s', (_, lock, expected) => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry() }, lock))).toEqual(expected);
  });
});
