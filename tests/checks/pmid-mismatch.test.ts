import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-mismatch';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

const lock = lockOf(record());

describe('pmid-mismatch', () => {
  it.each([
    ['a match, forgiving case, punctuation and the final period', {}, []],
    ['a match on the title in other case and punctuation', { title: 'magnesium status and stress - the vicious circle concept revisited' }, []],
    ['a match on the full journal name', { journal: 'nutrients' }, []],
    ['another first author', { firstAuthor: 'Mazur A' }, [['x.yaml', 15, 19, 'pmid-mismatch']]],
    ['another year', { year: '2019' }, [['x.yaml', 16, 11, 'pmid-mismatch']]],
    ['another journal', { journal: 'Neuron' }, [['x.yaml', 18, 14, 'pmid-mismatch']]],
    ['another title', { title: 'Enhancement of learning and memory by elevating brain magnesium' }, [['x.yaml', 17, 12, 'pmid-mismatch']]],
    [
      'a PMID typo landing on another real paper: every field differs',
      { pmid: '20152124' },
      [['x.yaml', 15, 19, 'pmid-mismatch'], ['x.yaml', 16, 11, 'pmid-mismatch'], ['x.yaml', 17, 12, 'pmid-mismatch'], ['x.yaml', 18, 14, 'pmid-mismatch']],
    ],
  ])('%s', (_, options, expected) => {
    const withSlutsky = lockOf(
      record(),
      record({ pmid: '20152124', title: 'Enhancement of learning and memory by elevating brain magnesium.', authors: [{ name: 'Slutsky I' }], journal: { abbreviation: 'Neuron' }, year: 2010 }),
    );
    expect(where(runCheck(check, { 'x.yaml': articleEntry(options) }, withSlutsky)).sort()).toEqual(expected);
  });

  it('shows both values', () => {
    const [f] = runCheck(check, { 'x.yaml': articleEntry({ year: '2019' }) }, lock);
    expect(f.message).toBe(`year is "2019" but PubMed's record for PMID 33260549 says "2020"`);
  });

  it('accepts accents and initials written differently', () => {
    const grober = lockOf(record({ authors: [{ name: 'Gröber U' }] }));
    expect(runCheck(check, { 'x.yaml': articleEntry({ firstAuthor: 'Grober U' }) }, grober)).toEqual([]);
    expect(runCheck(check, { 'x.yaml': articleEntry({ firstAuthor: 'Gröber' }) }, grober)).toEqual([]);
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ firstAuthor: 'Gröber K' }) }, grober))).toEqual([['x.yaml', 15, 19, 'pmid-mismatch']]);
  });

  it('accepts the vernacular title of a non-English paper', () => {
    const wienecke = lockOf(record({ title: '[Long-term HRV analysis shows stress reduction by magnesium intake].', vernacularTitle: 'Langzeit-HRV-Analyse zeigt Stressreduktion durch Magnesiumzufuhr.' }));
    expect(runCheck(check, { 'x.yaml': articleEntry({ title: 'Langzeit-HRV-Analyse zeigt Stressreduktion durch Magnesiumzufuhr' }) }, wienecke)).toEqual([]);
    expect(runCheck(check, { 'x.yaml': articleEntry({ title: 'Long-term HRV analysis shows stress reduction by magnesium intake' }) }, wienecke)).toEqual([]);
  });
});
