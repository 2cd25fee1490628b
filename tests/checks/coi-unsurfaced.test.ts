import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/coi-unsurfaced';
import { runCheck, where } from '../support/runCheck';
import { articleEntry } from '../support/citations';

const declared = 'status: declared\nsponsors: [Sanofi]\nstatement: The review was funded in part by Sanofi.\n';
const caveat = (type: string, text: string, cite = 'p') => `caveats:\n  - type: ${type}\n    text: ${text}\n    cite: [${cite}]\n`;

describe('coi-unsurfaced', () => {
  it.each([
    ['nothing declared', 'status: none-declared\n', '', []],
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
});
