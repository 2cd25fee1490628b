import { describe, expect, it } from 'vitest';
import { findFigures } from '../../scripts/model/findFigures';

const texts = (s: string) => findFigures(s).map((f) => f.text);

describe('findFigures', () => {
  it.each([
    // amounts, with and without a space, and with rates
    ['Take 30 mg a day.', ['30 mg a day']],
    ['Take 30mg, or 2 g daily.', ['30mg', '2 g daily']],
    ['144 mg elemental magnesium per 1.5-2 g salt', ['144 mg', '1.5-2 g']],
    ['0,5 mg and 1,000 mg and 1.5 g', ['0,5 mg', '1,000 mg', '1.5 g']],
    ['500 µg or 500 μg or 500 mcg, 1000 IU, 2 mmol/L, 4 mEq, 200 kcal', ['500 µg', '500 μg', '500 mcg', '1000 IU', '2 mmol/L', '4 mEq', '200 kcal']],
    ['250 mL, 2 L of water', ['250 mL', '2 L']],
    ['5 mg/kg, 5 mg/kg/day, 400 mg/day, 400 mg per day', ['5 mg/kg', '5 mg/kg/day', '400 mg/day', '400 mg per day']],
    ['an eGFR of 30 mL/min/1.73 m2', ['30 mL/min/1.73 m2']],
    ['3 times a day, three times daily', ['3 times a day', 'three times daily']],
    // percentages
    ['fell by 7.2 % and 20%, 5 percent, 5 per cent', ['7.2 %', '20%', '5 percent', '5 per cent']],
    ['from 20–30%, or 20%-30% (two figures)', ['20–30%', '20%', '30%']],
    // durations, ranges, spelled numbers
    ['for 90 days, 8 weeks, 6 months, 2 years, 12 hours, 8 h, 30 minutes, 10 min, 3 nights', ['90 days', '8 weeks', '6 months', '2 years', '12 hours', '8 h', '30 minutes', '10 min', '3 nights']],
    ['for 4–8 weeks, 4-8 weeks, 4 to 8 weeks, 4 – 8 weeks', ['4–8 weeks', '4-8 weeks', '4 to 8 weeks', '4 – 8 weeks']],
    ['eight weeks, four to eight weeks, two-week', ['eight weeks', 'four to eight weeks', 'two-week']],
    ['an 8-week trial', ['8-week']],
    // thresholds, with or without a unit
    ['eGFR below 30, above 65, under 18, over 50', ['below 30', 'above 65', 'under 18', 'over 50']],
    ['eGFR less than or equal to 30, greater than or equal to 2 g, no more than 350 mg', ['less than or equal to 30', 'greater than or equal to 2 g', 'no more than 350 mg']],
    ['less than 30, more than 400, at least 4, up to 350 mg', ['less than 30', 'more than 400', 'at least 4', 'up to 350 mg']],
    ['<30, ≤ 30, > 65, ≥ 65 years, <= 2, >=3', ['<30', '≤ 30', '> 65', '≥ 65 years', '<= 2', '>=3']],
    ['more than eight weeks', ['more than eight weeks']],
    ['differ by more than 50 milliseconds', ['more than 50 milliseconds']],
    // in longer prose, a line fold in the middle
    ['take it for at least\n4 to 8 weeks', ['at least 4 to 8 weeks']],
  ])('finds the figures in %j', (text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  it.each([
    ['years, alone and in citations', 'In 2020, Pickering (2012) and 2019–2020 reviews; over 2000'],
    ['numbers with no unit', 'three of its eight authors, 46 people, 100 participants'],
    ['p-values', 'p = 0.03, p < 0.05, P<0.001, (p ≤ 0.05)'],
    ['p-values in words', 'P value below 0.05, p-value less than 0.05, P < .05, p-values of less than 0.01, a p value that was below 0.05.'],
    ['counts after a comparator', 'more than 20 trials, at least 3 studies, n > 40, over 100 participants'],
    ['numbers in the ID part of inline links', 'see [[3ca17b72]] and [[30 mg|the form]]'],
    ['ordinal list markers', '1. First 2) second 3rd item'],
    ['numbers glued to names', 'COVID-19, vitamin B6, omega-3, 5-HT, H2O, pNN50, Mg2+'],
    ['a number before a word that is no unit', 'type 2 diabetes, stage 3 disease, 2nd week'],
    ['24-hour, an adjective naming a round-the-clock measure', 'a 24-hour urine collection, a 24-h recall'],
    ['"one", mostly an article', 'one day, one-night readings, one week'],
    ['number words without a unit of time', 'two forms, eight authors'],
    ['a single-letter unit run into a word', '1.5 L-threonate, 2 gout, 4 h-index'],
    ['a number far from its unit', '30          mg'],
    ['entry IDs', 'related 03c978d6 and 2d41ae2c and 12345678'],
    ['a comparator without a number', 'as above, over time, up to you'],
    ['a group of thousands after a plain space (two numbers, the first unitless)', 'take 2 250'],
    ['a point glued to a word', 'v.5 release'],
  ])('finds no figure in %s', (_name, text) => {
    expect(texts(text)).toEqual([]);
  });

  it('gives offsets into the string, of the figure and of the number it states', () => {
    expect(findFigures('eGFR below 30: take 30\u00a0mg, ages 18–65')).toEqual([
      { from: 5, to: 13, value: [11, 13], text: 'below 30' },
      { from: 20, to: 25, value: [20, 22], text: '30 mg' },
      { from: 27, to: 37, value: [32, 37], text: 'ages 18–65' },
    ]);
  });

  describe('figures the scanner used to miss', () => {
    it.each([
      // Readers see the text of an inline link; the ID before the | is no figure.
      ['the text of an inline link', 'see [[7a7a7a7a|1,000 mg at night for 8 weeks]] first', ['1,000 mg', '8 weeks'], [[15, 23], [37, 44]]],
      ['an inline link whose ID looks like a figure', 'see [[12345678|the form]] and [[30 mg]]', [], []],
      ['figures before, inside and after a link', '2 g, [[7a7a7a7a|3 g]], 4 g', ['2 g', '3 g', '4 g'], [[0, 3], [16, 19], [23, 26]]],
      // Invisible characters and Unicode spaces between number and unit are whitespace.
      ['a zero-width space', '30\u200bmg', ['30 mg'], [[0, 5]]],
      ['a left-to-right mark', '30\u200emg', ['30 mg'], [[0, 5]]],
      ['a right-to-left mark', '30\u200fmg', ['30 mg'], [[0, 5]]],
      ['a soft hyphen', '30\u00admg', ['30 mg'], [[0, 5]]],
      ['a word joiner', '30\u2060mg', ['30 mg'], [[0, 5]]],
      ['a byte-order mark', '30\ufeffmg', ['30 mg'], [[0, 5]]],
      ['an ideographic space', '30\u3000mg', ['30 mg'], [[0, 5]]],
      ['an em space and a medium mathematical space', '30\u2003mg, 4\u205fweeks', ['30 mg', '4 weeks'], [[0, 5], [7, 14]]],
      ['a zero-width space before a comparator\'s number', 'eGFR below\u200b30.', ['below 30'], [[5, 13]]],
      // Thousands grouped with a thin or no-break space are one number.
      ['a thin space between thousands', '10\u2009000 mg', ['10 000 mg'], [[0, 9]]],
      ['a no-break space between thousands', '10\u00a0000 mg', ['10 000 mg'], [[0, 9]]],
      ['a narrow no-break space, twice', '1\u202f000\u202f000 IU', ['1 000 000 IU'], [[0, 12]]],
      ['a number with a leading point', 'take .5 mg, or (.25 g)', ['.5 mg', '.25 g'], [[5, 10], [16, 21]]],
      ['"or equal to" comparators', 'an eGFR less than or equal to 30', ['less than or equal to 30'], [[8, 32]]],
      ['a number with a plus', 'people 65+ years old', ['65+ years'], [[7, 16]]],
      ['an age range', 'adults of ages 18–65, aged 65+, age 50.', ['ages 18–65', 'aged 65+', 'age 50'], [[10, 20], [22, 30], [32, 38]]],
      ['micrograms in ASCII', '10 ug of B12', ['10 ug'], [[0, 5]]],
    ])('%s', (_name, text, expected, ranges) => {
      const found = findFigures(text);
      expect(found.map((f) => f.text)).toEqual(expected);
      expect(found.map((f) => [f.from, f.to])).toEqual(ranges);
    });
  });

  describe('thresholds without a unit', () => {
    it.each([
      // Reported: after a measure that takes thresholds, whatever follows.
      ['eGFR below 30 in people with kidney disease', ['below 30']],
      ['when eGFR is below 30 and', ['below 30']],
      ['an eGFR of less than 30 in adults', ['less than 30']],
      ['an eGFR that is below 30 in adults', ['below 30']],
      ['(eGFR below 30)', ['below 30']],
      ['with a BMI over 30 and', ['over 30']],
      ['blood pressure above 140 systolic', ['above 140']],
      ['HbA1c above 6.5 units', ['above 6.5']],
      ['creatinine over 2 then', ['over 2']],
      ['age over 65 with', ['over 65']],
      ['people aged under 18 years old', ['under 18 years']],
      ['people older than 65 with', ['older than 65']],
      // Reported: nothing follows the number.
      ['stop below 30.', ['below 30']],
      ['below 30, above 60; at least 4', ['below 30', 'above 60', 'at least 4']],
      ['n below 30)', []],
      // Not reported: a word follows, so the number counts something.
      ['more than 20 trials', []],
      ['at least 3 studies found', []],
      ['in over 50 countries', []],
      ['a cofactor for more than 300 enzyme reactions', []],
      ['fewer than two trials', []],
      // Not reported: statistics.
      ['n > 40', []],
      ['(n ≥ 40)', []],
      ['N<40', []],
    ])('%j', (text, expected) => {
      expect(texts(text)).toEqual(expected);
    });
  });

  describe('hostile input', () => {
    it.each([
      ['a huge number', `${'9'.repeat(20_000)} mg`, 1],
      ['a no-break space or thin space between number and unit', '30\u00a0mg, 20\u202f%, 4\u2009weeks', 3],
      ['Arabic-Indic and full-width digits (not numbers)', '٣٠ mg and ３０ mg', 0],
      ['emoji around a figure', '💊30 mg💊 and 🎉 4 weeks 🎉', 2],
      ['30,000 characters of digits and spaces', '12 '.repeat(10_000), 0],
      ['a long 1-1-1-… chain', `1${'-1'.repeat(15_000)}`, 0],
      ['a long 1.1.1… and 1,1,1… number', `1${'.1'.repeat(10_000)} g ${'1,'.repeat(10_000)}1 g`, 2],
      ['a long run of opening brackets', `${'[['.repeat(15_000)} 30 mg`, 1],
      ['a long run of comparators', `${'< '.repeat(15_000)}30`, 1],
      ['many figures', '1 mg '.repeat(6_000), 6_000],
      ['a long run of spaces after a number', `1${' '.repeat(30_000)}mg`, 0],
      ['a long run of number words', 'eight to '.repeat(3_000), 0],
      ['many inline links with figures in their text', '[[7a7a7a7a|1 mg]] '.repeat(3_000), 3_000],
      ['a long run of unclosed inline links with a bar', '[[a|'.repeat(8_000), 0],
      ['many comparators after measure words', 'eGFR is below 30 '.repeat(2_000), 2_000],
      ['many invisible characters', `1${'\u200b'.repeat(30_000)}mg`, 0],
      ['a long run of thin-spaced thousands', `1${'\u2009000'.repeat(5_000)} mg`, 1],
      ['many p-values in words', 'p value below 0.05 '.repeat(3_000), 0],
    ])('%s: completes with a bounded number of figures', (_name, text, count) => {
      expect(findFigures(text)).toHaveLength(count);
    });

    it('shows a figure with a no-break space with a plain space', () => {
      expect(texts('30\u00a0mg')).toEqual(['30 mg']);
    });
  });
});
