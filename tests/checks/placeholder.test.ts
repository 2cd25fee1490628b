import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/placeholder';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

const withSummary = (summary: string) => ({ 'm.yaml': entry('misconception', 'bbbbbbbb').replace(/^summary: .*$/m, `summary: ${summary}`) });

describe('placeholder', () => {
  it.each([
    ['a filled-in entry', withSummary('A real summary.'), []],
    ['a placeholder from reflib new', withSummary('"<fill in: one or two sentences for lists and search>"'), [['m.yaml', 6, 10, 'placeholder']]],
    ['a placeholder with spaces around it', withSummary('"  <Fill in the summary>  "'), [['m.yaml', 6, 10, 'placeholder']]],
    // The check skips entries whose text holds no `<`: a placeholder written with an escape must still be found.
    ['a placeholder written with an escape', withSummary('"\\x3cfill in: the summary>"'), [['m.yaml', 6, 10, 'placeholder']]],
    ['text that merely holds a <', withSummary('Below <30 mL/min, and <fill in> is no placeholder here.'), []],
    ['a placeholder in a list, inside references', { 'm.yaml': entry('misconception', 'bbbbbbbb').replace('    title: Magnesium fact sheet', '    title: "<fill in: the title>"') }, [['m.yaml', 14, 12, 'placeholder']]],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });

  it('names the field and says what goes there', () => {
    const [f] = runCheck(check, withSummary('"<fill in: One or two sentences>"'));
    expect(f.message).toBe('fill this in: summary');
    expect(f.hint).toBe('Replace the placeholder with one or two sentences');
  });
});
