import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../scripts/core/diagnostic';
import { groupByPmid } from '../../scripts/pipeline/groupByPmid';
import { reportedResult } from '../../scripts/pipeline/reportedResult';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { entry, makeLibrary } from '../support/fixtures';

/** A diagnostic at `file:line`, with `{reference, pmid}` data when given a PMID. */
function d(file: string, line: number, rule: string, pmid?: number, o: { message?: string; severity?: Severity; reference?: string } = {}): Diagnostic {
  const out: Diagnostic = { file, line, column: 11, endLine: line, endColumn: 19, severity: o.severity ?? 'warning', rule, message: o.message ?? `PMID ${pmid} is unverified` };
  if (pmid !== undefined) out.data = { reference: o.reference ?? `r${line}`, pmid };
  return out;
}

/** Each diagnostic as `file:line rule`, with its related locations as `file:line`. */
const shape = (ds: Diagnostic[]) => ds.map((x) => [`${x.file}:${x.line} ${x.rule}`, (x.related ?? []).map((r) => `${r.file}:${r.line}`)]);

describe('groupByPmid', () => {
  it.each([
    ['one PMID at three sites: once, at the first, with the others related', [d('a', 1, 'pmid-unverified', 1), d('a', 9, 'pmid-unverified', 1), d('b', 4, 'pmid-unverified', 1)], [['a:1 pmid-unverified', ['a:9', 'b:4']]]],
    ['two PMIDs: apart', [d('a', 1, 'pmid-unverified', 1), d('a', 2, 'pmid-unverified', 2), d('b', 1, 'pmid-unverified', 2)], [['a:1 pmid-unverified', []], ['a:2 pmid-unverified', ['b:1']]]],
    ['one PMID, two rules: one finding per rule', [d('a', 1, 'pmid-erratum', 1, { message: 'erratum' }), d('a', 1, 'pmid-unverified', 1), d('b', 1, 'pmid-erratum', 1, { message: 'erratum' }), d('b', 1, 'pmid-unverified', 1)], [['a:1 pmid-erratum', ['b:1']], ['a:1 pmid-unverified', ['b:1']]]],
    ['one PMID, different messages (what each site states): apart', [d('a', 5, 'pmid-mismatch', 1, { message: 'year is "2019"' }), d('b', 5, 'pmid-mismatch', 1, { message: 'year is "2018"' }), d('c', 5, 'pmid-mismatch', 1, { message: 'year is "2019"' })], [['a:5 pmid-mismatch', ['c:5']], ['b:5 pmid-mismatch', []]]],
    ['one PMID, different severities: apart', [d('a', 1, 'pmid-not-in-lock', 1, { severity: 'error' }), d('b', 1, 'pmid-not-in-lock', 1, { severity: 'warning' })], [['a:1 pmid-not-in-lock', []], ['b:1 pmid-not-in-lock', []]]],
    ['every grouped rule', ['pmid-not-in-lock', 'pmid-unverified', 'pmid-not-found', 'pmid-mismatch', 'pmid-retracted', 'pmid-erratum'].flatMap((r) => [d('a', 1, r, 1), d('b', 1, r, 1)]), ['pmid-not-in-lock', 'pmid-unverified', 'pmid-not-found', 'pmid-mismatch', 'pmid-retracted', 'pmid-erratum'].map((r) => [`a:1 ${r}`, ['b:1']])],
    ['a rule about the entry, not the PMID (coi-missing): per site', [d('a', 1, 'coi-missing', 1), d('b', 1, 'coi-missing', 1)], [['a:1 coi-missing', []], ['b:1 coi-missing', []]]],
    ['no PMID in the data: per site', [d('a', 1, 'pmid-unverified'), d('b', 1, 'pmid-unverified')], [['a:1 pmid-unverified', []], ['b:1 pmid-unverified', []]]],
    ['other rules pass through, in order', [d('a', 1, 'orphan'), d('a', 2, 'pmid-unverified', 1), d('a', 3, 'schema'), d('b', 1, 'pmid-unverified', 1)], [['a:1 orphan', []], ['a:2 pmid-unverified', ['b:1']], ['a:3 schema', []]]],
    ['nothing', [], []],
  ])('%s', (_, input, expected) => {
    expect(shape(groupByPmid(input))).toEqual(expected);
  });

  it.each([
    ['a group reported at its first site within the paths, the others (outside too) related', (f: string) => f === 'b', [d('a', 1, 'pmid-unverified', 1), d('b', 1, 'pmid-unverified', 1), d('c', 1, 'pmid-unverified', 1)], [['b:1 pmid-unverified', ['a:1', 'c:1']]]],
    ['a group with no site within the paths: left out', (f: string) => f === 'z', [d('a', 1, 'pmid-unverified', 1), d('b', 1, 'pmid-unverified', 1)], []],
    ['other findings outside the paths: left out', (f: string) => f === 'b', [d('a', 1, 'orphan'), d('b', 1, 'orphan')], [['b:1 orphan', []]]],
  ])('within: %s', (_, within, input, expected) => {
    expect(shape(groupByPmid(input, within))).toEqual(expected);
  });

  it('says which reference each other site is, keeps related locations the check gave, and keeps the key order', () => {
    const first = { ...d('a', 1, 'pmid-unverified', 1, { reference: 'pickering2020' }), related: [{ file: 'x', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'given by the check' }] };
    const [out] = groupByPmid([first, d('b', 7, 'pmid-unverified', 1, { reference: 'pickering' })]);
    expect(out.related).toEqual([first.related[0], { file: 'b', line: 7, column: 11, endLine: 7, endColumn: 19, message: 'also cited here (reference pickering)' }]);
    expect(Object.keys(out)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message', 'related', 'data']);
    expect(out.data).toEqual({ reference: 'pickering2020', pmid: 1 });
  });
});

describe('reportedResult', () => {
  const summary = { files: 3, entries: 3, errors: 9, warnings: 9, infos: 9, suppressed: 2 };
  const sites = [d('a', 1, 'pmid-unverified', 1), d('a', 2, 'schema', undefined, { severity: 'error', message: 'bad' }), d('b', 1, 'pmid-unverified', 1), d('b', 2, 'orphan', undefined, { severity: 'info', message: 'orphan' })];
  it.each([
    ['everything, grouped', {}, ['a:1 pmid-unverified', 'a:2 schema', 'b:2 orphan'], { errors: 1, warnings: 1, infos: 1 }],
    ['errors only (--quiet): warnings and infos neither shown nor counted', { quiet: true }, ['a:2 schema'], { errors: 1, warnings: 0, infos: 0 }],
    ['one file', { within: (f: string) => f === 'b' }, ['b:1 pmid-unverified', 'b:2 orphan'], { errors: 0, warnings: 1, infos: 1 }],
    ['one file, errors only', { within: (f: string) => f === 'b', quiet: true }, [], { errors: 0, warnings: 0, infos: 0 }],
  ])('%s', (_, scope, expected, counts) => {
    const r = reportedResult(sites, summary, new Map(), scope);
    expect(r.diagnostics.map((x) => `${x.file}:${x.line} ${x.rule}`)).toEqual(expected);
    // Files, entries and suppressions are the whole run's.
    expect(r.summary).toEqual({ files: 3, entries: 3, suppressed: 2, ...counts });
  });
});

/** An entry citing PMID 12345678 (not in any lock) as reference `p`, its pmid on line 14, or 15 after `comment` on the line above. */
function citing(id: string, comment = ''): string {
  const ref = `references:\n  - key: p\n    type: article\n${comment ? `    ${comment}\n` : ''}    pmid: 12345678\n    first_author: Doe J\n    year: 2000\n    title: A paper\n    journal: J Test\n    coi: {status: not-checked}\n`;
  return entry('misconception', id).replace('references:\n', ref).replace('cite: [ods]', 'cite: [ods, p]');
}
const SUPPRESS = '# reflib-disable-next-line pmid-not-in-lock -- a preprint, recorded in the lock next week';
const library = (a: string, b: string) => makeLibrary({ 'entries/a.yaml': a, 'entries/b.yaml': b, 'reflib.config.yaml': 'rules:\n  orphan: off\n' });

describe('grouping through the pipeline, with suppressions per citation site', () => {
  it.each([
    ['no suppression: one error, at the first citation, the other related', '', '', [['entries/a.yaml:14 pmid-not-in-lock', ['entries/b.yaml:14']]], 0],
    ['the first citation suppressed: reported at the second, alone', SUPPRESS, '', [['entries/b.yaml:14 pmid-not-in-lock', []]], 1],
    ['the second citation suppressed: reported at the first, alone', '', SUPPRESS, [['entries/a.yaml:14 pmid-not-in-lock', []]], 1],
    ['both suppressed: nothing', SUPPRESS, SUPPRESS, [], 2],
  ])('%s', async (_, commentA, commentB, expected, suppressed) => {
    const checked = await checkLibrary(library(citing('aaaa0001', commentA), citing('aaaa0002', commentB)));
    expect(shape(checked.result.diagnostics)).toEqual(expected);
    expect(checked.result.summary).toMatchObject({ errors: expected.length, warnings: 0, suppressed });
    // Every site is still known, for the cache and for narrowing to paths.
    expect(checked.sites.filter((x) => x.rule === 'pmid-not-in-lock')).toHaveLength(2 - suppressed);
  });
});
