import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/coi-unsurfaced';
import { runCheck, where } from '../support/runCheck';
import { articleEntry } from '../support/citations';

const declared = 'status: declared\nsponsors: [Sanofi]\nstatement: The review was funded in part by Sanofi.\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n';
const caveat = (type: string, text: string, cite = 'p') => `caveats:\n  - type: ${type}\n    text: ${text}\n    cite: [${cite}]\n`;

describe('coi-unsurfaced', () => {
  it.each([
    ['nothing declared', 'status: none-declared\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n', '', []],
    ['a funding caveat that cites the reference and names the sponsor', declared, caveat('funding', 'Funded in part by SANOFI.'), []],
    ['no caveat at all, at coi.status', declared, '', [['x.yaml', 20, 15, 'coi-unsurfaced']]],
    ['the sponsor named only in other prose', declared, caveat('evidence', 'Funded in part by Sanofi.'), [['x.yaml', 24, 15, 'coi-unsurfaced']]],
    ['a funding caveat that does not name the sponsor', declared, caveat('funding', 'Industry funded.'), [['x.yaml', 24, 15, 'coi-unsurfaced']]],
    ['a sponsor name found only inside another word', declared.replace(/Sanofi/g, 'GE'), caveat('funding', 'A challenge to interpret.'), [['x.yaml', 24, 15, 'coi-unsurfaced']]],
  ])('%s', (_, coi, extra, expected) => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ coi, extra }) }))).toEqual(expected);
  });

  it('requires the caveat to cite the declaring reference', () => {
    // The caveat cites a second reference, q, instead of p.
    const text = articleEntry({ coi: declared, extra: caveat('funding', 'Funded in part by Sanofi.', 'q') });
    const other = text + '  - key: q\n    type: web\n    title: Another page\n    url: https://example.org/x\n    accessed: 2026-11-23\n';
    expect(where(runCheck(check, { 'x.yaml': other }))).toEqual([['x.yaml', 24, 15, 'coi-unsurfaced']]);
  });

  const tie = 'status: not-found\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\nties:\n  - party: ThreoTech\n    relation: A co-author is its vice-president of research.\n    source: {url: "https://example.org/tie", accessed: 2026-12-06}\n';
  it.each([
    ['a tie with a funding caveat that names its party', tie, caveat('funding', 'A co-author works for ThreoTech.'), []],
    ['a tie and no caveat, at the tie\'s party', tie, '', [['x.yaml', 23, 18, 'coi-unsurfaced', 'p has an industry tie to ThreoTech that this entry does not surface to readers']]],
    ['a tie whose caveat names someone else', tie, caveat('funding', 'Funded by Sanofi.'), [['x.yaml', 27, 18, 'coi-unsurfaced', 'the funding caveat citing p does not name the tie (ThreoTech)']]],
    [
      'a declared sponsor surfaced, and a tie not',
      'status: declared\nsponsors: [Sanofi]\nstatement: Funded by Sanofi.\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\nties: [{party: ThreoTech, relation: An author works there., source: {url: "https://example.org/t", accessed: 2026-12-06}}]\n',
      caveat('funding', 'Funded in part by Sanofi.'),
      [['x.yaml', 28, 22, 'coi-unsurfaced', 'the funding caveat citing p does not name the tie (ThreoTech)']],
    ],
  ])('industry ties: %s', (_, coi, extra, expected) => {
    const found = runCheck(check, { 'x.yaml': articleEntry({ coi, extra }) });
    expect(found.map((f) => [f.file, f.line, f.column, f.rule, f.message])).toEqual(expected);
    for (const f of found) expect(f.data).toEqual({ reference: 'p', tie: 'ThreoTech' });
  });

  it('checks a study cited by its page like an article', () => {
    const web = articleEntry({ coi: '' }).replace(/  - key: p\n[^]*$/, '  - key: p\n    type: web\n    title: A trial\n    url: https://example.org/trial\n    accessed: 2026-12-06\n    coi:\n      status: declared\n      sponsors: [Acme]\n      statement: Funded by Acme.\n      sources: [{url: "https://example.org/trial", accessed: 2026-12-06}]\n');
    expect(where(runCheck(check, { 'x.yaml': web }))).toEqual([['x.yaml', 18, 15, 'coi-unsurfaced']]);
  });
});
