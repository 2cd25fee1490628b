import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/unused-reference';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

const second = '  - key: other\n    type: web\n    title: Another page\n    url: https://example.org/page\n    accessed: 2026-11-23\n';

describe('unused-reference', () => {
  it.each([
    ['every reference cited', entry('misconception', '0000000a'), []],
    ['a reference nothing cites, at its key', entry('misconception', '0000000a') + second, [['x.yaml', 17, 10, 'unused-reference']]],
  ])('%s', (_, text, expected) => {
    expect(where(runCheck(check, { 'x.yaml': text }))).toEqual(expected);
  });
});
