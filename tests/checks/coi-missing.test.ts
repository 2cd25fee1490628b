import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/coi-missing';
import { runCheck, where } from '../support/runCheck';
import { articleEntry } from '../support/citations';

describe('coi-missing', () => {
  it.each([
    ['not-checked', 'status: not-checked\n', []],
    ['none-declared', 'status: none-declared\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n', []],
    ['no declaration, at the reference key', '', [['x.yaml', 12, 10, 'coi-missing']]],
  ])('%s', (_, coi, expected) => {
    expect(where(runCheck(check, { 'x.yaml': articleEntry({ coi }) }))).toEqual(expected);
  });
});
