import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-unverified';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

const hand = (seenOnPubmed: boolean) =>
  record({ source: { type: 'hand-entered', checkedBy: 'An editor', checkedAgainst: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', checked: '2026-11-20', seenOnPubmed } });

describe('pmid-unverified', () => {
  it.each([
    ['a fetched record', lockOf(record()), []],
    ['no record', lockOf(), [['x.yaml', 14, 11, 'pmid-unverified']]],
    ['a hand-entered record seen on PubMed', lockOf(hand(true)), [['x.yaml', 14, 11, 'pmid-unverified']]],
    ['a corroborated record', lockOf(hand(false)), [['x.yaml', 14, 11, 'pmid-unverified']]],
    ['a PMID changed by one digit', lockOf(record()), [['x.yaml', 14, 11, 'pmid-unverified']], '33260548'],
  ])('%s', (_, lock, expected, pmid = '33260549') => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ pmid }) }, lock))).toEqual(expected);
  });

  it('says which state the PMID is in', () => {
    const msg = (lock: ReturnType<typeof lockOf>) => runCheck(check, { 'x.yaml': articleEntry() }, lock)[0].message;
    expect(msg(lockOf())).toMatch(/not in pubmed-lock.json/);
    expect(msg(lockOf(hand(true)))).toMatch(/checked by hand against PubMed \(2026-11-20\), not fetched/);
    expect(msg(lockOf(hand(false)))).toMatch(/only corroborated/);
  });

  it('skips a malformed PMID (pmid-format reports it)', () => {
    expect(runCheck(check, { 'x.yaml': articleEntry({ pmid: 'PMC7761127' }) })).toEqual([]);
  });
});
