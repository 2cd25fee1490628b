import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-format';
import { runCheck, where } from '../support/runCheck';
import { articleEntry } from '../support/citations';

describe('pmid-format', () => {
  it.each([
    ['a well-formed PMID', '33260549', undefined],
    ['a PMCID', 'PMC7761127', /PubMed Central ID.*pmcid: PMC7761127/],
    ['a PMC URL', 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7761127/', /PubMed Central ID.*pmcid: PMC7761127/],
    ['a DOI', '10.3390/nu12123672', /is a DOI.*doi: 10.3390\/nu12123672/],
    ['a DOI URL', 'https://doi.org/10.3390/nu12123672', /is a DOI.*doi: 10.3390\/nu12123672/],
    ['a PubMed URL', 'https://pubmed.ncbi.nlm.nih.gov/33260549/', /PubMed URL.*pmid: 33260549/],
    ['another URL', 'https://example.org/paper', /is a URL.*type: web/],
    ['a PMID prefix', '"PMID: 33260549"', /prefix.*pmid: 33260549/],
    ['a quoted number', '"33260549"', /written as text.*without quotes/],
    ['a leading zero', '033260549', /leading zero/],
    ['nine digits', '123456789', /9 digits: a PMID has at most 8/],
    ['zero', '0', /positive whole number/],
    ['a negative number', '-5', /positive whole number/],
    ['a decimal', '3326.5', /positive whole number/],
    ['words', 'pending', /"pending" is not a PMID/],
    ['hexadecimal', '0x1337', /not written as a PMID.*plain digits/],
    ['exponent form', '2.0152124e7', /not written as a PMID.*plain digits/],
    ['a plus sign', '+33260549', /not written as a PMID.*plain digits/],
  ])('%s', (_, pmid, expected) => {
    const found = runCheck(check, { 'x.yaml': articleEntry({ pmid }) });
    if (!expected) return expect(found).toEqual([]);
    expect(where(found)).toEqual([['x.yaml', 14, 11, 'pmid-format']]);
    expect(`${found[0].message} ${found[0].hint}`).toMatch(expected);
  });
});
