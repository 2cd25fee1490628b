/**
 * The Markdown the server shows for an entry and a PMID: in hovers and in
 * completion items. Entries are parsed by the real parser.
 */
import { describe, expect, it } from 'vitest';
import { describeCitation, describeEntry, describePmid, escapeMarkdown } from '../../scripts/editor/describeEntry';
import { parseEntry } from '../../scripts/load/parseEntry';
import type { LockRecord } from '../../scripts/citations/lockRecord';
import { entry } from '../support/fixtures';
import { record } from '../support/citations';

const parsed = (rel: string, text: string) => {
  const e = parseEntry(rel, text).entry;
  if (!e) throw new Error(`${rel} does not parse`);
  return e;
};

describe('escapeMarkdown', () => {
  it.each([
    ['plain words', 'plain words'],
    ['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['[link](url) <b> #1 a+b! a|b {x} \\', '\\[link\\]\\(url\\) \\<b\\> \\#1 a\\+b\\! a\\|b \\{x\\} \\\\'],
    ['Café 𝔘 — 5 mg/day', 'Café 𝔘 — 5 mg/day'],
    ['', ''],
  ])('%j', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });
});

describe('describeCitation', () => {
  it.each<[string, Partial<LockRecord>, string]>([
    ['two authors', {}, 'Pickering G, Mazur A (2020) Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients.'],
    ['three authors, all shown', { authors: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] }, 'A, B, C (2020) Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients.'],
    ['four authors: three, then et al.', { authors: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }] }, 'A, B, C et al. (2020) Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients.'],
    ['no authors, no year', { authors: undefined, year: undefined }, 'Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients.'],
    ['the journal’s title when it has no abbreviation', { journal: { title: 'Nutrients Journal' } }, 'Pickering G, Mazur A (2020) Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients Journal.'],
    ['no journal', { journal: undefined }, 'Pickering G, Mazur A (2020) Magnesium Status and Stress: The Vicious Circle Concept Revisited.'],
    ['nothing but the PMID', { authors: undefined, year: undefined, title: undefined, journal: undefined }, ''],
  ])('%s', (_, overrides, expected) => {
    expect(describeCitation(record(overrides))).toBe(expected);
  });
});

describe('describeEntry', () => {
  it('gives title, ID, kind, status, summary and file', () => {
    const e = parsed('entries/m.yaml', entry('misconception', 'bbbb0001').replace('title: Entry bbbb0001', 'title: Magnesium *cures* insomnia'));
    expect(describeEntry(e)).toBe('**Magnesium \\*cures\\* insomnia**\n\n`bbbb0001` · misconception · published\n\nA short summary for entry bbbb0001, long enough.\n\n*entries/m.yaml*');
  });

  it('says what replaced a retired entry', () => {
    const e = parsed('entries/old.yaml', entry('misconception', 'bbbb0009', 'replaced_by: bbbb0001\n', 'retired'));
    expect(describeEntry(e)).toBe('**Entry bbbb0009**\n\n`bbbb0009` · misconception · retired\n\nRetired: replaced by `bbbb0001`.\n\nA short summary for entry bbbb0009, long enough.\n\n*entries/old.yaml*');
  });

  it('says nothing of a replacement for an entry that is not retired', () => {
    const e = parsed('entries/m.yaml', entry('misconception', 'bbbb0009', 'replaced_by: bbbb0001\n', 'draft'));
    expect(describeEntry(e)).not.toContain('Retired');
  });

  it('stands in for what is missing or not a string', () => {
    const e = parsed('entries/x.yaml', 'id: cccc0001\ntitle: [not, a, string]\nstatus: 3\n');
    expect(describeEntry(e)).toBe('**\\(untitled\\)**\n\n`cccc0001` · unknown kind · no status\n\n*entries/x.yaml*');
  });
});

describe('describePmid', () => {
  it('gives the citation, DOI and verification level of a found record', () => {
    expect(describePmid('33260549', record({ doi: '10.3390/nu12_123672' }))).toBe(
      '**PMID 33260549**: Pickering G, Mazur A \\(2020\\) Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients.\n\ndoi: 10.3390/nu12\\_123672\n\nVerification: **fetched**. Fetched from PubMed \\(NCBI E-utilities\\) on 2026-11-23.',
    );
  });

  it.each<[string, Partial<LockRecord>]>([
    ['a retraction notice', { retractions: [{ pmid: '40000000' }] }],
    ['the publication type Retracted Publication alone', { publicationTypes: ['Journal Article', 'Retracted Publication'] }],
  ])('says the paper is retracted, from %s', (_, overrides) => {
    expect(describePmid('33260549', record(overrides))).toContain('\n\n**Retracted.**\n\n');
  });

  it('counts errata', () => {
    expect(describePmid('33260549', record({ errata: [{ citation: 'a' }, { citation: 'b' }] }))).toContain('\n\n2 erratum notice(s).\n\n');
  });

  it('gives the level of a transcribed record, and its source', () => {
    const text = describePmid('33260549', record({ source: { type: 'transcribed', url: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', date: '2026-12-06', by: 'an editor' } }));
    expect(text.split('\n\n').at(-1)).toBe('Verification: **transcribed**. Copied by hand from https://pubmed.ncbi.nlm.nih.gov/33260549/ on 2026-12-06; not fetched from PubMed.');
  });

  it.each([
    ['not in the lock', undefined, '**PMID 1** is not in pubmed-lock.json.\n\nRun `reflib pubmed sync` (online) or `reflib pubmed import` to record it.'],
    ['not found by PubMed', { pmid: '1', status: 'not-found', source: record().source } as LockRecord, '**PMID 1**: PubMed has no record with this ID (lock). Check the number.'],
  ])('explains a PMID %s', (_, rec, expected) => {
    expect(describePmid('1', rec)).toBe(expected);
  });
});
