import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/pmid-erratum';
import { runCheck, where } from '../support/runCheck';
import { articleEntry, lockOf, record } from '../support/citations';

const note = (type: string, pmid: string) => `notices:\n  - type: ${type}\n    pmid: ${pmid}\n    read: {url: "https://example.org/notice", accessed: 2026-12-06}\n    note: Read; the cited figures are unchanged.\n`;

describe('pmid-erratum', () => {
  it.each([
    ['no notices', lockOf(record()), undefined, []],
    ['an erratum not acknowledged', lockOf(record({ errata: [{ pmid: '29634047' }] })), undefined, [['x.yaml', 14, 11, 'pmid-erratum']]],
    ['an erratum acknowledged', lockOf(record({ errata: [{ pmid: '29634047' }] })), note('erratum', '29634047'), []],
    ['another erratum acknowledged than the one PubMed lists', lockOf(record({ errata: [{ pmid: '29634047' }] })), note('erratum', '29634048'), [['x.yaml', 14, 11, 'pmid-erratum']]],
    ['an expression of concern not acknowledged', lockOf(record({ expressionsOfConcern: [{ pmid: '41000000' }] })), undefined, [['x.yaml', 14, 11, 'pmid-erratum']]],
    ['an expression of concern acknowledged', lockOf(record({ expressionsOfConcern: [{ pmid: '41000000' }] })), note('expression-of-concern', '41000000'), []],
    ['two errata, one acknowledged', lockOf(record({ errata: [{ pmid: '29634047' }, { pmid: '29634049' }] })), note('erratum', '29634047'), [['x.yaml', 14, 11, 'pmid-erratum']]],
  ])('%s', (_, lock, refExtra, expected) => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ refExtra }) }, lock))).toEqual(expected);
  });
});
