import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../scripts/load/parseEntry';
import { validateEntries } from '../../scripts/validate/validateEntries';
import { entry } from '../support/fixtures';

function validate(text: string) {
  const parsed = parseEntry('entries/x.yaml', text);
  if (!parsed.entry) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.findings)}`);
  return validateEntries([parsed.entry]);
}

/** Replaces one line of a valid entry, to plant a defect at a known line. */
function plant(text: string, find: string, replace: string): string {
  if (!text.includes(find)) throw new Error(`fixture lacks ${find}`);
  return text.replace(find, replace);
}

const base = entry('misconception', '0123abcd');
// Lines of `base`: 1 id, 2 kind, 3 title, 4 status, 5 updated, 6 summary, 7 claim,
// 8 verdict, 9 correction, 10 cite, 11 references:, 12 - key, 13 type, 14 title, 15 url, 16 accessed

describe('validateEntries', () => {
  it('accepts a valid entry', () => {
    const r = validate(base);
    expect(r.findings).toEqual([]);
    expect(r.valid).toHaveLength(1);
  });

  it.each([
    ['an unknown key, at the key', plant(base, 'summary:', 'sumary:'), [[1, 1, 1, 3, /missing required field "summary"/, /Add summary/], [6, 1, 6, 7, /unknown field "sumary"/, /did you mean "summary"/i]]],
    ['a missing field, at the mapping that lacks it', plant(base, 'status: published\n', ''), [[1, 1, 1, 3, /missing required field "status"/, /Add status/]]],
    ['a missing field in a list item, at the item', plant(base, '    accessed: 2026-11-23\n', ''), [[12, 5, 12, 8, /missing required field "accessed"/, /Add accessed/]]],
    ['a wrong type, at the value', plant(base, 'claim: More is better.', 'claim: [a, b]'), [[7, 8, 7, 14, /claim must be text, not a list/, /.+/]]],
    ['a bad enum value, with a suggestion', plant(base, 'status: published', 'status: publishd'), [[4, 9, 4, 17, /"publishd" is not a valid status/, /Did you mean "published"/]]],
    ['a YAML boolean where text is expected', plant(base, 'claim: More is better.', 'claim: true'), [[7, 8, 7, 12, /claim must be text/, /quotes/]]],
    ['a boolean in an enum field, once, with the allowed values', plant(base, 'verdict: incorrect', 'verdict: false'), [[8, 10, 8, 15, /verdict must be text, not false/, /incorrect, unsupported/]]],
    ['a bad ID pattern', plant(base, 'id: 0123abcd', 'id: 0123ABCD'), [[1, 5, 1, 13, /"0123ABCD" is not a valid id/, /8 lowercase hexadecimal/]]],
    ['a bad date', plant(base, 'updated: 2026-11-23', 'updated: 2026-02-30'), [[5, 10, 5, 20, /is not a valid date/, /YYYY-MM-DD/]]],
    ['an empty required value, at its key', plant(base, 'correction: Above the upper limit it causes diarrhoea.', 'correction:'), [[9, 1, 9, 11, /correction must be text, not nothing/, /.+/]]],
    ['a cite key that breaks the key pattern', plant(base, 'cite: [ods]', 'cite: [ODS]'), [[10, 8, 10, 11, /"ODS" is not a valid item of cite/, /.+/]]],
    ['an unknown kind, with a suggestion', plant(base, 'kind: misconception', 'kind: misconceptions'), [[2, 7, 2, 21, /not a valid kind/, /Did you mean "misconception"/]]],
    ['a missing kind', plant(base, 'kind: misconception\n', ''), [[1, 1, 1, 3, /missing required field "kind"/, /Add kind/]]],
  ])('reports %s', (_, text, expected) => {
    const r = validate(text);
    expect(r.valid).toEqual([]);
    const got = [...r.findings].sort((a, b) => a.line - b.line || a.column - b.column).map((f) => [f.line, f.column, f.endLine, f.endColumn, f.message, f.hint]);
    expect(got).toHaveLength(expected.length);
    expected.forEach(([line, column, endLine, endColumn, message, hint], i) => {
      expect(got[i].slice(0, 4)).toEqual([line, column, endLine, endColumn]);
      expect(got[i][4]).toMatch(message as RegExp);
      expect(got[i][5]).toMatch(hint as RegExp);
    });
    for (const f of r.findings) expect(f).toMatchObject({ rule: 'schema', file: 'entries/x.yaml' });
  });

  it('reports a document that is not a mapping', () => {
    expect(validate('just text\n').findings).toEqual([expect.objectContaining({ rule: 'schema', line: 1, column: 1, message: expect.stringMatching(/must be a mapping/) })]);
  });

  it('summarises a quantity that has neither value nor min and max', () => {
    const topic = plant(entry('topic', '0123abcd'), '    cite: [ods]\n', '    cite: [ods]\n    timeframe:\n      unit: week\n');
    const r = validate(topic);
    expect(r.findings.map((f) => [f.line, f.column, f.message])).toEqual([[11, 5, 'timeframe needs value, or min and max']]);
  });

  it('requires sponsors, a statement and where it was found when a conflict of interest is declared', () => {
    const text = plant(
      base,
      'references:\n',
      'references:\n  - key: pickering2020\n    type: article\n    pmid: 33260549\n    first_author: Pickering G\n    year: 2020\n    title: Magnesium Status and Stress\n    journal: Nutrients\n    coi:\n      status: declared\n',
    );
    const r = validate(text);
    expect(r.findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [19, 5, 'missing required field "sponsors"'],
      [19, 5, 'missing required field "statement"'],
      [19, 5, 'missing required field "sources"'],
    ]);
  });

  const article = (coi: string, extra = '') =>
    plant(base, 'references:\n', `references:\n  - key: pickering2020\n    type: article\n    pmid: 33260549\n    first_author: Pickering G\n    year: 2020\n    title: Magnesium Status and Stress\n    journal: Nutrients\n    coi:\n${coi}${extra}`);

  it.each([
    ['not-found without where it was looked for', '      status: not-found\n', '', [[19, 5, 'missing required field "sources"']]],
    ['none-declared without where it was read', '      status: none-declared\n', '', [[19, 5, 'missing required field "sources"']]],
    ['not-found with a page and date', '      status: not-found\n      sources: [{url: "https://example.org/a", accessed: 2026-12-06}]\n', '', []],
    ['not-checked needs nothing more', '      status: not-checked\n', '', []],
    ['a tie without its source', '      status: not-checked\n      ties: [{party: Acme, relation: an author works there}]\n', '', [[21, 14, 'missing required field "source"']]],
    ['a notice that does not say whether it was read', '      status: not-checked\n', '    notices:\n      - type: erratum\n        pmid: 29634047\n        note: Changes one word.\n', [[22, 9, 'missing required field "read"']]],
    ['a notice read: false', '      status: not-checked\n', '    notices:\n      - type: erratum\n        pmid: 29634047\n        read: false\n        note: Not read yet.\n', []],
  ])('coi and notices: %s', (_, coi, extra, expected) => {
    expect(validate(article(coi, extra)).findings.map((f) => [f.line, f.column, f.message])).toEqual(expected);
  });

  it('explains a field required only for some statuses, from its description', () => {
    const r = validate(article('      status: not-found\n'));
    expect(r.findings.map((f) => [f.message, f.hint])).toEqual([['missing required field "sources"', expect.stringMatching(/^Add sources: … \(Where the declaration was read \(declared, none-declared\) or looked for/)]]);
  });

  it('says what a notice\'s read may be when it is neither false nor a page', () => {
    const r = validate(article('      status: not-checked\n', '    notices:\n      - type: erratum\n        pmid: 29634047\n        read: yes\n        note: Read it.\n'));
    expect(r.findings.map((f) => [f.line, f.column, f.message])).toEqual([[24, 15, 'read must be false, or a mapping (key: value lines), not "yes"']]);
    expect(r.findings[0].hint).toMatch(/^Whether an editor has read the notice: false, or the page/);
  });

  it('says what is missing inside a read mapping, not that it is not false', () => {
    const r = validate(article('      status: not-checked\n', '    notices:\n      - type: erratum\n        pmid: 29634047\n        read: {url: "https://example.org/n"}\n        note: Read it.\n'));
    expect(r.findings.map((f) => [f.line, f.column, f.message])).toEqual([[24, 9, 'missing required field "accessed"']]);
  });

  it('rejects unknown keys inside a reference', () => {
    const r = validate(plant(base, '    accessed: 2026-11-23', '    accessed: 2026-11-23\n    acessed: 2026-11-24'));
    expect(r.findings.map((f) => [f.line, f.column, f.message, f.hint])).toEqual([[17, 5, 'unknown field "acessed"', 'Did you mean "accessed"?']]);
  });
});

describe('validateEntries messages', () => {
  it('quotes what was written for an ID YAML reads as a number', () => {
    const [f] = validate(plant(base, 'id: 0123abcd', 'id: 1234e567')).findings;
    expect([f.line, f.column, f.message, f.hint]).toEqual([1, 5, 'id must be text, not the number 1234e567', 'YAML reads 1234e567 as a number: put it in quotes ("1234e567") to make it text.']);
  });

  it('names the list for a bad list item', () => {
    const [f] = validate(plant(base, 'claim: More is better.', 'claim: More is better.\ntags:\n  conditions: [Bad_Tag]')).findings;
    expect([f.line, f.column, f.message]).toEqual([9, 16, '"Bad_Tag" is not a valid item of conditions']);
  });
});
