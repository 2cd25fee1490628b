/**
 * The report's conflict-of-interest table gives the coi-unsurfaced rule's own
 * answer: the same function decides both, and the report finds the rule's
 * diagnostic by its data, never by searching message text.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../../scripts/commands/validate';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { collectReportData } from '../../scripts/report/collectReportData';
import { articleEntry } from '../support/citations';
import { makeLibrary } from '../support/fixtures';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const declared = (sponsor: string) => `status: declared\nsponsors: [${sponsor}]\nstatement: Funded by ${sponsor}.\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n`;
const funding = (text: string, cite = 'p') => `  - type: funding\n    text: ${text}\n    cite: [${cite}]\n`;
/** A second declared reference keyed `pp`, whose key contains the first one's. */
const second = (sponsor: string) => `  - key: pp\n    type: article\n    pmid: 33260550\n    first_author: Other A\n    year: 2021\n    title: Another paper\n    journal: Nutrients\n    coi:\n      status: declared\n      sponsors: [${sponsor}]\n      statement: Funded by ${sponsor}.\n      sources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n`;

async function bothAnswers(text: string) {
  const root = makeLibrary({ 'entries/x.yaml': text });
  roots.push(root);
  const validated = await validate({ cwd: root, format: 'json' });
  const rule = validated.result.diagnostics.filter((d) => d.rule === 'coi-unsurfaced');
  const data = collectReportData(await checkLibrary(root), { rootHref: '../..', releases: [] });
  return { rule, coi: data.coi };
}

describe('the report and validate agree on whether a conflict of interest is surfaced', () => {
  it.each([
    ['the sponsor named as a whole word', declared('GE'), funding('Funded in part by GE Healthcare.'), { p: true }],
    ['the sponsor "GE" only inside "challenge"', declared('GE'), funding('A challenge to interpret.'), { p: false }],
    ['the sponsor named with other case and accents', declared('Nestlé'), funding('Funded by NESTLE.'), { p: true }],
    ['a funding caveat that cites another reference', declared('Sanofi'), funding('Funded by Sanofi.', 'q'), { p: false }],
    ['no caveat at all', declared('Sanofi'), '', { p: false }],
  ])('%s', async (_name, coi, caveats, expected) => {
    const { rule, coi: rows } = await bothAnswers(articleEntry({ coi, extra: caveats ? `caveats:\n${caveats}` : '' }));
    expect(Object.fromEntries(rows.map((r) => [r.key, r.surfacedBy !== undefined]))).toEqual(expected);
    // Exactly the unsurfaced references have the rule's error, and the report shows that very diagnostic.
    expect(rule.map((d) => d.data?.reference).sort()).toEqual(rows.filter((r) => !r.surfacedBy).map((r) => r.key).sort());
    for (const row of rows) expect(row.diagnostic).toEqual(row.surfacedBy ? undefined : rule.find((d) => d.data?.reference === row.key));
  });

  it('pins each diagnostic to its own reference when one key contains another', async () => {
    // p is surfaced, pp is not; pp's message also contains "p".
    const text = articleEntry({ coi: declared('Sanofi'), extra: `caveats:\n${funding('Funded by Sanofi.')}` }) + second('Bayer');
    const { rule, coi } = await bothAnswers(text);
    expect(rule.map((d) => d.data)).toEqual([{ reference: 'pp', sponsor: 'Bayer' }]);
    expect(coi.map((r) => [r.key, r.surfacedBy ?? null, r.diagnostic?.data?.reference ?? null])).toEqual([
      ['p', 'Funded by Sanofi.', null],
      ['pp', null, 'pp'],
    ]);
  });
});

describe('entry pages and PMIDs cited in several entries', () => {
  it('shows a finding about one PMID on the page of every entry citing it, though validate reports it once', async () => {
    const at = (id: string) => articleEntry({ pmid: '12121212' }).replace(/^id: \S+$/m, `id: ${id}`);
    const root = makeLibrary({ 'entries/a.yaml': at('aaaa0001'), 'entries/b.yaml': at('aaaa0002') });
    roots.push(root);
    const checked = await checkLibrary(root);
    const grouped = checked.result.diagnostics.filter((d) => d.rule === 'pmid-not-in-lock');
    expect(grouped.map((d) => [d.file, d.related?.map((r) => r.file)])).toEqual([['entries/a.yaml', ['entries/b.yaml']]]);
    const data = collectReportData(checked, { rootHref: '../..', releases: [] });
    const onPage = (id: string) => data.entries.find((e) => e.id === id)!.diagnostics.filter((d) => d.rule === 'pmid-not-in-lock');
    expect(onPage('aaaa0001').map((d) => [d.file, d.line, d.column])).toEqual([['entries/a.yaml', 14, 11]]);
    expect(onPage('aaaa0002').map((d) => [d.file, d.line, d.column, d.related?.[0].file])).toEqual([['entries/b.yaml', 14, 11, 'entries/a.yaml']]);
    // The dashboard still counts one finding.
    expect(data.diagnostics.filter((d) => d.rule === 'pmid-not-in-lock')).toHaveLength(1);
  });
});
