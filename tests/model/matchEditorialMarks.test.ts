import { describe, expect, it } from 'vitest';
import { findFigures } from '../../scripts/model/findFigures';
import { coverProse, coverQuantity, readMarks, type Mark } from '../../scripts/model/matchEditorialMarks';

const marks = (...texts: string[]): Mark[] => texts.map((text) => ({ text, used: false }));

/** [figure, covered] for each figure in `text`, and whether the mark was used. */
function cover(mark: string, text: string) {
  const m = marks(mark);
  const found = findFigures(text);
  const covered = coverProse(text, found, m);
  return { figures: found.map((f, k) => [f.text, covered[k]]), used: m[0].used };
}

describe('coverProse', () => {
  describe('a mark covers a figure it contains, or lies inside at word boundaries with the figure’s number', () => {
    it.each([
      // The mark contains the figure.
      ['eGFR below 30', 'With an eGFR below 30, ask first.', [['below 30', true]]],
      ['take 30 mg', 'Then take 30 mg.', [['30 mg', true]]],
      // The figure contains the mark, which holds the figure's number.
      ['350 mg', 'Take 350 mg a day; up to 350 mg.', [['350 mg a day', true], ['up to 350 mg', true]]],
      ['350 mg a day', 'Up to 350 mg a day.', [['Up to 350 mg a day', true]]],
      ['30', 'when it is below 30.', [['below 30', true]]],
      ['4 to 8 weeks', 'at least 4 to 8 weeks', [['at least 4 to 8 weeks', true]]],
      ['eight weeks', 'for more than eight weeks', [['more than eight weeks', true]]],
      ['18–65', 'adults of ages 18–65.', [['ages 18–65', true]]],
      ['10 000 mg', 'take 10\u2009000 mg', [['10 000 mg', true]]],
      // Any whitespace run in the text equals one space (readMarks normalises the mark).
      ['4 to 8 weeks', 'For 4 to\n  8 weeks.', [['4 to 8 weeks', true]]],
      ['30 mg', 'Take 30\u200bmg.', [['30 mg', true]]],
    ])('%j in %j', (mark, text, expected) => {
      const r = cover(mark, text);
      expect(r.figures).toEqual(expected);
      expect(r.used).toBe(expected.some(([, c]) => c));
    });
  });

  describe('a mark does not cover a figure it only touches', () => {
    it.each([
      // Inside the figure, but splitting its number or a word.
      ['0', 'Take 25 mg, 500 mg, 20%, 350 mg.', [['25 mg', false], ['500 mg', false], ['20%', false], ['350 mg', false]]],
      ['g', 'Take 25 mg or 2 g.', [['25 mg', false], ['2 g', false]]],
      ['5 mg', 'Take 25 mg or 2.5 mg or 0,5 mg.', [['25 mg', false], ['2.5 mg', false], ['0,5 mg', false]]],
      ['0 mg', 'Take 500 mg or 1,000 mg.', [['500 mg', false], ['1,000 mg', false]]],
      ['000 mg', 'Take 10\u2009000 mg.', [['10 000 mg', false]]],
      ['8 weeks', 'Allow 4-8 weeks or 4 to 8 weeks.', [['4-8 weeks', false], ['4 to 8 weeks', false]]],
      ['1.73 m2', 'an eGFR of 30 mL/min/1.73 m2', [['30 mL/min/1.73 m2', false]]],
      ['30 m', 'Take 30 mg.', [['30 mg', false]]],
      ['low 30', 'eGFR below 30.', [['below 30', false]]],
      // Overlapping two figures.
      ['mg and 40', '30 mg and 40 mg', [['30 mg', false], ['40 mg', false]]],
      // Another spelling: dashes and case count.
      ['4 to 8 weeks', 'Allow 4–8 weeks.', [['4–8 weeks', false]]],
      ['30 MG', 'Take 30 mg.', [['30 mg', false]]],
    ])('%j in %j', (mark, text, expected) => {
      const r = cover(mark, text);
      expect(r.figures).toEqual(expected);
      expect(r.used).toBe(false);
    });
  });

  it('covers every occurrence, in bounded work on a long string', () => {
    const text = '1 mg '.repeat(6_000);
    const m = marks('1 mg', '0', '');
    const covered = coverProse(text, findFigures(text), m);
    expect(covered.filter(Boolean)).toHaveLength(6_000);
    expect(m.map((x) => x.used)).toEqual([true, false, false]);
  });

  it('reads nothing when no mark has text', () => {
    expect(coverProse('30 mg', findFigures('30 mg'), marks(''))).toEqual([false]);
  });
});

describe('coverQuantity', () => {
  it('marks every mark equal to a spelling, and only those', () => {
    const m = marks('4 to 8 weeks', '4-8 weeks', '8 weeks');
    expect(coverQuantity(['4–8 weeks', '4-8 weeks', '4 to 8 weeks'], m)).toBe(true);
    expect(m.map((x) => x.used)).toEqual([true, true, false]);
    expect(coverQuantity(['30 mg'], marks('3 mg'))).toBe(false);
  });
});

describe('readMarks', () => {
  it('normalises each figure, and keeps items without one as empty', () => {
    expect(readMarks({ editorial_figures: [{ figure: ' 4 to\u00a0 8 weeks ' }, { reason: 'x' }, null, { figure: 3 }] })).toEqual([
      { text: '4 to 8 weeks', used: false },
      { text: '', used: false },
      { text: '', used: false },
      { text: '', used: false },
    ]);
    expect(readMarks({})).toEqual([]);
  });
});
