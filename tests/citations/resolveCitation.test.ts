import { describe, expect, it } from 'vitest';
import type { ArticleReference } from '../../scripts/model/references';
import { resolveReference, type ResolvedArticle } from '../../scripts/citations/resolveCitation';
import { lockOf, record } from '../support/citations';

const ref: ArticleReference = {
  key: 'pickering2020',
  type: 'article',
  pmid: 33260549,
  pmcid: 'PMC7761127',
  first_author: 'Pickering G',
  year: 2020,
  title: 'Magnesium Status and Stress: The Vicious Circle Concept Revisited',
  journal: 'Nutrients',
  volume: '12',
  issue: '12',
  pages: '3672',
  doi: '10.3390/nu12123672',
  coi: { status: 'declared', sponsors: ['Sanofi'], statement: 'Funded in part by Sanofi.' },
};

/** A lock version 1 hand-entered record (readLock converts these on load; resolveReference copes with them too). */
const hand = (seenOnPubmed: boolean, checkedAgainst = 'y') => record({ source: { type: 'hand-entered', checkedBy: 'x', checkedAgainst, checked: '2026-11-23', seenOnPubmed }, authors: [{ name: 'Pickering G' }] });
const imported = record({ source: { type: 'imported', file: 'pickering.xml', sha256: 'a'.repeat(64), format: 'efetch-xml', imported: '2026-11-23T10:00:00.000Z' } });
const transcribed = record({ source: { type: 'transcribed', url: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', date: '2026-11-20', by: 'An editor' }, authors: [{ name: 'Pickering G' }] });
const corroborated = record({ source: { type: 'corroborated', seenIn: 'Smith 2022, reference 14', recorded: '2026-11-20', by: 'An editor' }, authors: [{ name: 'Pickering G' }] });

describe('resolveReference', () => {
  it.each([
    ['verified', lockOf(record())],
    ['imported', lockOf(imported)],
    ['transcribed', lockOf(transcribed)],
    ['corroborated', lockOf(corroborated)],
    ['transcribed', lockOf(hand(true, 'https://pubmed.ncbi.nlm.nih.gov/33260549/'))],
    ['corroborated', lockOf(hand(true))],
    ['corroborated', lockOf(hand(false))],
    ['unverified', lockOf()],
    ['mismatched', lockOf(record({ year: 2019 }))],
    ['not-found', lockOf({ pmid: '33260549', status: 'not-found', source: record().source })],
  ])('reports %s', (verification, lock) => {
    // Never hand-checked: that label claimed a check on PubMed nobody recorded.
    expect((resolveReference(ref, lock) as ResolvedArticle).verification).toBe(verification);
  });

  it('formats an NLM citation with PubMed authors when fetched', () => {
    const r = resolveReference(ref, lockOf(record({ authors: ['Pickering G', 'Mazur A', 'Trousselard M', 'Bienkowski P', 'Yaltsewa N', 'Amessou M', 'Noah L'].map((name) => ({ name })) }))) as ResolvedArticle;
    expect(r.citation).toBe(
      'Pickering G, Mazur A, Trousselard M, Bienkowski P, Yaltsewa N, Amessou M, et al. Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients. 2020;12(12):3672. doi:10.3390/nu12123672. PMID: 33260549; PMCID: PMC7761127.',
    );
    expect(r.urls).toEqual({ pubmed: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', doi: 'https://doi.org/10.3390/nu12123672', pmc: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7761127/' });
    expect(r.coi).toEqual(ref.coi);
  });

  it('marks the author list incomplete when only the first author is known', () => {
    const r = resolveReference(ref, lockOf(hand(true))) as ResolvedArticle;
    expect(r.authorsComplete).toBe(false);
    expect(r.citation.startsWith('Pickering G, et al. Magnesium Status')).toBe(true);
  });

  it('never fills details from a record that does not match', () => {
    const r = resolveReference({ ...ref, doi: undefined }, lockOf(record({ year: 2019, doi: '10.9999/other' }))) as ResolvedArticle;
    expect(r.doi).toBeUndefined();
  });

  it('carries PubMed notices and the retraction flag', () => {
    const r = resolveReference(ref, lockOf(record({ errata: [{ pmid: '1' }], retractions: [{ citation: 'Nutrients. 2021' }] }))) as ResolvedArticle;
    expect(r.pubmedNotices).toEqual({ retractions: ['Nutrients. 2021'], errata: ['1'], expressionsOfConcern: [] });
    expect(r.retracted).toBe(true);
  });

  it('formats a web reference with its access date', () => {
    const r = resolveReference({ key: 'ods', type: 'web', title: 'Magnesium - Fact Sheet for Health Professionals', publisher: 'NIH Office of Dietary Supplements', url: 'https://ods.od.nih.gov/x', accessed: '2026-11-23' }, lockOf());
    expect(r.citation).toBe('NIH Office of Dietary Supplements. Magnesium - Fact Sheet for Health Professionals. Available from: https://ods.od.nih.gov/x [accessed 2026-11-23].');
  });

  it('ships the English title and the note for readers, never the note for editors', () => {
    const r = resolveReference({ ...ref, title_en: 'An English title', reader_note: 'For readers.', note: 'For editors only.' }, lockOf(transcribed)) as ResolvedArticle;
    expect(r.titleEnglish).toBe('An English title');
    expect(r.readerNote).toBe('For readers.');
    expect(JSON.stringify(r)).not.toContain('For editors only.');
    const plain = resolveReference(ref, lockOf(transcribed)) as ResolvedArticle;
    expect('titleEnglish' in plain || 'readerNote' in plain).toBe(false);
  });

  it('carries the COI with where it was read, the industry ties and whether each notice was read', () => {
    const coi = {
      status: 'not-found' as const,
      sources: [{ url: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', accessed: '2026-12-06' }],
      ties: [{ party: 'Acme', relation: 'An author works there.', source: { url: 'https://example.org/acme', accessed: '2026-12-06' } }],
    };
    const notices = [{ type: 'erratum' as const, pmid: 1, read: false as const, note: 'Not read yet.' }];
    const r = resolveReference({ ...ref, coi, notices }, lockOf(record({ errata: [{ pmid: '1' }] }))) as ResolvedArticle;
    expect(r.coi).toEqual(coi);
    expect(r.notices).toEqual(notices);
  });

  it('carries a web source\'s English title, COI and note for readers', () => {
    const coi = { status: 'not-found' as const, sources: [{ url: 'https://link.springer.com/x', accessed: '2026-12-06' }] };
    const r = resolveReference({ key: 'w', type: 'web', title: 'Langzeit-HRV-Analyse', title_en: 'Long-term HRV analysis', url: 'https://link.springer.com/x', accessed: '2026-12-06', coi, reader_note: 'A German paper.', note: 'Editors only.' }, lockOf());
    expect(r).toMatchObject({ titleEnglish: 'Long-term HRV analysis', coi, readerNote: 'A German paper.' });
    expect(JSON.stringify(r)).not.toContain('Editors only.');
  });
});
