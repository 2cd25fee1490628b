import { describe, expect, it } from 'vitest';
import check, { lockedNeighbours, oneSlipApart } from '../../scripts/checks/pmid-not-in-lock';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

const hand = record({ source: { type: 'hand-entered', checkedBy: 'An editor', checkedAgainst: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', checked: '2026-11-20', seenOnPubmed: false } });
const notFound = (pmid: string) => ({ pmid, status: 'not-found' as const, source: record().source });

describe('pmid-not-in-lock', () => {
  it.each([
    ['a fetched record', lockOf(record()), []],
    ['a hand-entered record (pmid-unverified reports it)', lockOf(hand), []],
    ['a not-found record (pmid-not-found reports it)', lockOf(notFound('33260549')), []],
    ['no record, and an empty lock', lockOf(), [['x.yaml', 14, 11, 'pmid-not-in-lock']]],
    ['no record, with others in the lock', lockOf(record({ pmid: '11111111' })), [['x.yaml', 14, 11, 'pmid-not-in-lock']]],
  ])('%s', (_, lock, expected) => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry() }, lock))).toEqual(expected);
  });

  it('is an error by default, with the PMID and reference as data', () => {
    expect(check.meta.defaultSeverity).toBe('error');
    const [f] = runCheck(check, { 'x.yaml': articleEntry() }, lockOf());
    expect(f.data).toEqual({ reference: 'p', pmid: 33260549 });
    expect(f.message).toBe('PMID 33260549 is not in pubmed-lock.json: nothing shows it exists');
    expect(f.hint).toMatch(/reflib pubmed sync/);
  });

  it.each([
    ['one digit changed', '33260548', 'Did you mean 33260549 '],
    ['two neighbours swapped', '33265049', 'Did you mean 33260549 '],
    ['a digit dropped', '3326549', 'Did you mean 33260549 '],
    ['a digit added', '33260549', 'Did you mean 3326054 ', '3326054'],
    ['two slips', '33260500', undefined],
    ['nothing near', '12345678', undefined],
  ])('suggests a locked PMID one slip away: %s', (_, pmid, suggestion, locked = '33260549') => {
    const [f] = runCheck(check, { 'x.yaml': articleEntry({ pmid }) }, lockOf(record({ pmid: locked })));
    if (suggestion) expect(f.hint).toContain(suggestion);
    else expect(f.hint).not.toMatch(/Did you mean/);
  });

  it('never suggests a PMID PubMed said does not exist, and names every near one in order', () => {
    const lock = lockOf(notFound('33260548'), record({ pmid: '33260547' }), record({ pmid: '33260540' }));
    expect(lockedNeighbours('33260549', lock)).toEqual(['33260540', '33260547']);
    expect(runCheck(check, { 'x.yaml': articleEntry({ pmid: '33260549' }) }, lock)[0].hint).toMatch(/^Did you mean 33260540 or 33260547 /);
  });

  it.each([
    ['12345678', '12345679', true],
    ['12345678', '12345687', true],
    ['12345678', '1234567', true],
    ['1234567', '12345678', true],
    ['12345678', '02345678', true],
    ['12345678', '12345678', false],
    ['12345678', '21436587', false],
    ['12345678', '12345', false],
    ['12345678', '13245768', false],
    ['12', '21', true],
    ['1', '', true],
  ])('oneSlipApart(%s, %s) is %s', (a, b, expected) => {
    expect(oneSlipApart(a, b)).toBe(expected);
    expect(oneSlipApart(b, a)).toBe(expected);
  });

  it('skips a malformed PMID (pmid-format reports it)', () => {
    expect(runCheck(check, { 'x.yaml': articleEntry({ pmid: 'PMC7761127' }) }, lockOf())).toEqual([]);
  });
});
