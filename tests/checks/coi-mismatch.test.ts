import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/coi-mismatch';
import { declaresInterest } from '../../scripts/citations/classifyCoiStatement';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

describe('coi-mismatch', () => {
  it.each([
    ['none-declared, and PubMed agrees', 'status: none-declared\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n', 'The authors declare no conflict of interest.', []],
    ['none-declared, PubMed declares one, at coi.status', 'status: none-declared\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n', 'G.P. received consultancy fees from Sanofi.', [['x.yaml', 20, 15, 'coi-mismatch']]],
    ['declared, PubMed declares one', 'status: declared\nsponsors: [Sanofi]\nstatement: Funded in part by Sanofi.\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n', 'G.P. received consultancy fees from Sanofi.', []],
    ['not-found, PubMed declares one: a stronger contradiction', 'status: not-found\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n', 'G.P. received consultancy fees from Sanofi.', [['x.yaml', 20, 15, 'coi-mismatch']]],
    ['not-checked (nothing to contradict)', 'status: not-checked\n', 'G.P. received consultancy fees from Sanofi.', []],
    ['none-declared, PubMed has no statement', 'status: none-declared\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n', undefined, []],
  ])('%s', (_, coi, coiStatement, expected) => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ coi }) }, lockOf(record({ coiStatement }))))).toEqual(expected);
  });
});

describe('declaresInterest', () => {
  it.each([
    ['The authors declare no conflict of interest.', false],
    ['The authors declare that they have no competing interests.', false],
    ['None.', false],
    ['No potential conflict of interest was reported by the authors.', false],
    ['The authors have nothing to disclose.', false],
    ['G.P. received consultancy fees from Sanofi.', true],
    ['This review was funded in part by Sanofi.', true],
    ['The authors declare no conflict of interest, except that A.M. is an employee of Nestlé.', true],
    ['Competing interests: JJD is the author of a book on magnesium.', true],
    ['The authors declare no competing financial interests, apart from grants from Bayer.', true],
    ['The authors declare no conflict of interest other than funding from Sanofi.', true],
    ['The authors have no relevant conflicts to disclose besides research grants and speaker fees from Bayer.', true],
    ['The authors received no funding and declare no conflict of interest.', false],
  ])('%s → %s', (statement, expected) => {
    expect(declaresInterest(statement)).toBe(expected);
  });
});
