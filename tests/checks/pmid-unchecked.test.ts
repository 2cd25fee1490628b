import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-unchecked';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

const corroborated = record({ source: { type: 'corroborated', seenIn: 'shared/references.md', recorded: '2026-11-23', by: 'An editor' } });
const transcribed = record({ source: { type: 'transcribed', url: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', date: '2026-12-06', by: 'An editor' } });
const imported = record({ source: { type: 'imported', file: 'p.xml', sha256: 'a'.repeat(64), format: 'efetch-xml', imported: '2026-12-06T10:00:00Z' } });

describe('pmid-unchecked', () => {
  it.each([
    ['published, corroborated only', 'published', lockOf(corroborated), [['x.yaml', 14, 11, 'pmid-unchecked']]],
    ['a draft, corroborated only (pmid-unverified warns)', 'draft', lockOf(corroborated), []],
    ['in review, corroborated only (pmid-unverified warns)', 'review', lockOf(corroborated), []],
    ['retired, corroborated only (not shipped as content)', 'retired', lockOf(corroborated), []],
    ['published, transcribed', 'published', lockOf(transcribed), []],
    ['published, imported', 'published', lockOf(imported), []],
    ['published, fetched', 'published', lockOf(record()), []],
    ['published, no record (pmid-not-in-lock reports it)', 'published', lockOf(), []],
  ])('%s', (_, status, lock, expected) => {
    const extra = status === 'retired' ? 'replaced_by: bbbb0002\n' : '';
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ status, extra }) }, lock))).toEqual(expected);
  });

  it('says what is wrong and what to do', () => {
    const [finding] = runCheck(check, { 'x.yaml': articleEntry() }, lockOf(corroborated));
    expect(finding.message).toBe("PMID 33260549 is only corroborated by others' citations, and this entry is published: nobody has checked the paper exists as cited");
    expect(finding.hint).toMatch(/pubmed sync.*pubmed import.*transcribed.*status: draft/s);
    expect(finding.data).toEqual({ reference: 'p', pmid: 33260549 });
  });
});
