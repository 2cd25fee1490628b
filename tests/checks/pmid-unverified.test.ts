import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-unverified';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

const hand = (seenOnPubmed: boolean) =>
  record({ source: { type: 'hand-entered', checkedBy: 'An editor', checkedAgainst: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', checked: '2026-11-20', seenOnPubmed } });

describe('pmid-unverified', () => {
  it.each([
    ['a fetched record', lockOf(record()), []],
    ['no record (pmid-not-in-lock reports it)', lockOf(), []],
    ['a hand-entered record seen on PubMed', lockOf(hand(true)), [['x.yaml', 14, 11, 'pmid-unverified']]],
    ['a corroborated record, in a draft', lockOf(hand(false)), [['x.yaml', 14, 11, 'pmid-unverified']], '33260549', 'draft'],
    ['a corroborated record, in review', lockOf(hand(false)), [['x.yaml', 14, 11, 'pmid-unverified']], '33260549', 'review'],
    ['a corroborated record, in a published entry (pmid-unchecked reports it)', lockOf(hand(false)), []],
    ['a transcribed record, in a published entry', lockOf(hand(true)), [['x.yaml', 14, 11, 'pmid-unverified']]],
    ['a PMID changed by one digit, so not in the lock (pmid-not-in-lock reports it)', lockOf(record()), [], '33260548'],
  ])('%s', (_, lock, expected, pmid = '33260549', status = 'published') => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ pmid, status }) }, lock))).toEqual(expected);
  });

  it.each([
    ['a version 1 record seen on a named page: transcribed', hand(true), 'PMID 33260549 was copied by hand from https://pubmed.ncbi.nlm.nih.gov/33260549/ on 2026-11-20, not fetched from PubMed'],
    ['a version 1 record not seen on PubMed: corroborated', hand(false), "PMID 33260549 is only corroborated by others' citations and was never checked against PubMed"],
    [
      'an imported record',
      record({ source: { type: 'imported', file: 'pubmed-33260549.xml', sha256: 'a'.repeat(64), format: 'efetch-xml', imported: '2026-12-06T10:00:00Z' } }),
      'PMID 33260549 was checked against a saved PubMed file (pubmed-33260549.xml, efetch-xml), not fetched from PubMed',
    ],
    [
      'a transcribed record',
      record({ source: { type: 'transcribed', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7761127/', date: '2026-12-06', by: 'An editor' } }),
      'PMID 33260549 was copied by hand from https://pmc.ncbi.nlm.nih.gov/articles/PMC7761127/ on 2026-12-06, not fetched from PubMed',
    ],
    ['a corroborated record', record({ source: { type: 'corroborated', seenIn: 'shared/references.md', recorded: '2026-11-23', by: 'An editor' } }), "PMID 33260549 is only corroborated by others' citations and was never checked against PubMed"],
  ])('says how the record was obtained, and no more: %s', (_name, rec, message) => {
    expect(runCheck(check, { 'x.yaml': articleEntry({ status: 'draft' }) }, lockOf(rec))[0].message).toBe(message);
  });

  it('skips a malformed PMID (pmid-format reports it)', () => {
    expect(runCheck(check, { 'x.yaml': articleEntry({ pmid: 'PMC7761127' }) })).toEqual([]);
  });
});
