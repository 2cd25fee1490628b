/** The MEDLINE reader on real recordings (Biopython's, tests/pubmed/fixtures/medline/) and on a marked synthetic file. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeMedline, MedlineError, parseMedline } from '../../scripts/pubmed/parseMedline';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures/medline', name), 'utf8');

describe('parseMedline on real recordings', () => {
  it('reads pubmed_result1.txt (12230038), which starts with a blank line', () => {
    expect(parseMedline(fixture('pubmed_result1.txt'))).toEqual([{
      line: 2,
      record: {
        pmid: '12230038', status: 'found', title: 'The Bio* toolkits--a brief overview.', authors: [{ name: 'Mangalam H' }],
        journal: { abbreviation: 'Brief Bioinform', title: 'Briefings in bioinformatics' }, year: 2002, volume: '3', issue: '3', pages: '296-302',
        publicationTypes: ['Journal Article'],
      },
    }]);
  });

  it('reads pubmed_result4.txt (37195739): a title wrapped with trailing spaces, the DOI from AID, authors in order', () => {
    const [{ record }] = parseMedline(fixture('pubmed_result4.txt'));
    expect(record.title).toBe('High extracellular glucose promotes cell motility by modulating cell deformability and contractility via cAMP-RhoA-ROCK axis in human breast cancer cells.');
    expect(record.authors).toEqual([{ name: 'Oh M' }, { name: 'Batty S' }, { name: 'Banerjee N' }, { name: 'Kim TH' }]);
    expect(record).toMatchObject({ pmid: '37195739', year: 2023, pages: 'mbcE22120560', doi: '10.1091/mbc.E22-12-0560', journal: { abbreviation: 'Mol Biol Cell', title: 'Molecular biology of the cell' } });
    expect(record.volume).toBeUndefined();
  });

  it('reads several records separated by blank lines, in order', () => {
    const both = `${fixture('pubmed_result4.txt')}\n\n${fixture('pubmed_result1.txt')}`;
    expect(parseMedline(both).map((r) => r.record.pmid)).toEqual(['37195739', '12230038']);
  });
});

describe('parseMedline on the synthetic file (COIS, GR, CN, EIN, RIN, ECI, PMC, TT)', () => {
  const [{ record }] = parseMedline(fixture('synthetic-notices.txt'));
  it('keeps collective names among the authors, in order', () => {
    expect(record.authors).toEqual([{ name: 'Doe JA' }, { name: 'Synthetic Study Group' }, { name: 'Roe R' }]);
  });
  it('reads notices as efetch gives them: PMID and citation', () => {
    expect(record.errata).toEqual([{ pmid: '99999992', citation: 'Synth J. 2020 Apr;12(4):200' }]);
    expect(record.retractions).toEqual([{ pmid: '99999993', citation: 'Synth J. 2021 Jan;13(1):1' }]);
    expect(record.expressionsOfConcern).toEqual([{ citation: 'Synth J. 2020 Dec;12(12):9' }]);
    expect(record.publicationTypes).toContain('Retracted Publication');
  });
  it('joins the wrapped COIS statement and takes the agency from each grant', () => {
    expect(record.coiStatement).toBe('Competing interests: JAD received fees from Example Pharma. RR declares none.');
    expect(record.grantAgencies).toEqual(['Medical Research Council', 'NIX NIH HHS']);
  });
  it('keeps the vernacular title and the PMC ID', () => {
    expect(record).toMatchObject({ vernacularTitle: 'Ein synthetischer Datensatz.', pmcid: 'PMC9999999', doi: '10.0000/synthetic.0001' });
  });
});

describe('parseMedline refuses what it cannot read, with the line', () => {
  it.each([
    ['a continuation before any field', '      continued\nPMID- 1\n', 1, /continuation line/],
    ['a line that is not a field', 'PMID- 1\nTI  - A title\nthis is prose\n', 3, /not a MEDLINE field/],
    ['a record not starting with PMID', 'TI  - A title\nPMID- 1\n', 1, /must start with PMID/],
    ['two PMIDs in one record', 'PMID- 1\nTI  - A\nPMID- 2\n', 3, /second PMID/],
    ['a PMID that is not one', 'PMID- 0123\nTI  - A\n', 1, /not a PMID/],
    ['nothing at all', '\n\n', 1, /no MEDLINE record/],
  ])('%s', (_, text, line, message) => {
    let caught: unknown;
    try {
      parseMedline(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MedlineError);
    expect((caught as MedlineError).line).toBe(line);
    expect((caught as MedlineError).message).toMatch(message);
  });

  it('recognises MEDLINE only by a leading PMID field', () => {
    expect(looksLikeMedline(fixture('pubmed_result1.txt'))).toBe(true);
    expect(looksLikeMedline('\uFEFFPMID- 123\n')).toBe(true);
    expect(looksLikeMedline('TI  - x\nPMID- 1\n')).toBe(false);
    expect(looksLikeMedline('<PubmedArticleSet/>')).toBe(false);
  });
});
