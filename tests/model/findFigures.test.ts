import { describe, expect, it } from 'vitest';
import { findEntryFigures, findFigures, readQuantity } from '../../scripts/model/findFigures';

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
    ['numbers inside inline links', 'see [[3ca17b72]] and [[3ca17b72|the 30 mg form, 8 weeks]]'],
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
  ])('finds no figure in %s', (_name, text) => {
    expect(texts(text)).toEqual([]);
  });

  it('gives offsets into the string', () => {
    expect(findFigures('eGFR below 30: take 30\u00a0mg')).toEqual([
      { from: 5, to: 13, text: 'below 30' },
      { from: 20, to: 25, text: '30 mg' },
    ]);
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
    ])('%s: completes with a bounded number of figures', (_name, text, count) => {
      expect(findFigures(text)).toHaveLength(count);
    });

    it('shows a figure with a no-break space with a plain space', () => {
      expect(texts('30\u00a0mg')).toEqual(['30 mg']);
    });
  });
});

describe('readQuantity', () => {
  it.each([
    [{ value: 144, unit: 'mg' }, { at: 'value', text: '144 mg', spellings: ['144 mg'] }],
    [{ min: 1.5, max: 2, unit: 'g' }, { at: 'min', text: '1.5–2 g', spellings: ['1.5–2 g', '1.5-2 g', '1.5 to 2 g'] }],
    [{ value: 90, unit: 'day' }, { at: 'value', text: '90 day', spellings: ['90 day', '90 days'] }],
  ])('reads %j', (map, expected) => {
    expect(readQuantity(map)).toEqual(expected);
  });

  it('reads a threshold, with its comparator as a sign or in words', () => {
    const q = readQuantity({ measure: 'eGFR', comparator: '<', value: 30, unit: 'mL/min/1.73 m2' })!;
    expect(q.text).toBe('eGFR < 30 mL/min/1.73 m2');
    expect(q.spellings).toEqual(expect.arrayContaining(['30 mL/min/1.73 m2', 'below 30', 'eGFR below 30', '< 30 mL/min/1.73 m2', 'eGFR less than 30 mL/min/1.73 m2']));
  });

  it.each([[{ unit: 'mg' }], [{ value: '30', unit: 'mg' }], [{ value: 30 }], [{ min: 4, unit: 'week' }], [{ rating: 'low' }]])('reads no quantity from %j', (map) => {
    expect(readQuantity(map)).toBeUndefined();
  });
});

describe('findEntryFigures', () => {
  const figures = (data: unknown, skip: string[] = []) => findEntryFigures(data, skip).figures.map((f) => [f.pointer, f.figure, f.cited, f.editorial]);

  it('takes cover from the nearest mapping with a cite key, its own or an ancestor', () => {
    const data = {
      id: '12345678',
      summary: 'Take 30 mg.',
      cite: ['a'],
      items: [{ text: 'For 8 weeks.', cite: ['b'], sub: { note: 'At least 4 h.' } }, { text: 'For 9 weeks.' }, { text: 'For 2 days.', cite: [] }],
    };
    expect(figures(data)).toEqual([
      ['/summary', '30 mg', true, false],
      ['/items/0/text', '8 weeks', true, false],
      ['/items/0/sub/note', 'At least 4 h', true, false],
      ['/items/1/text', '9 weeks', true, false],
      // An empty cite list covers nothing, even under a root cite.
      ['/items/2/text', '2 days', false, false],
    ]);
    expect(figures({ ...data, cite: undefined }).map((f) => f[2])).toEqual([false, true, true, false, false]);
  });

  it('reads quantities and thresholds as figures at their value or min, and not their unit as prose', () => {
    const data = { threshold: { measure: 'eGFR', comparator: '<', value: 30, unit: 'mL/min/1.73 m2' }, timeframe: { min: 4, max: 8, unit: 'week', note: 'Give it 2 weeks more.' } };
    expect(figures(data)).toEqual([
      ['/threshold/value', 'eGFR < 30 mL/min/1.73 m2', false, false],
      ['/timeframe/min', '4–8 week', false, false],
      ['/timeframe/note', '2 weeks', false, false],
    ]);
  });

  it('skips fields that hold no prose, and the fields it is told to', () => {
    const data = {
      id: '20000000',
      updated: '2026-11-23',
      tags: { conditions: ['stage-3'] },
      references: [{ title: 'A trial of 400 mg for 8 weeks', reader_note: '400 mg' }],
      cite: ['x'],
      related: ['3ca17b72'],
      editorial_figures: [{ figure: '8 weeks', reason: 'the editors chose 8 weeks' }],
      claim: 'Take 8 weeks off.',
    };
    expect(figures(data, ['related'])).toEqual([['/claim', '8 weeks', true, true]]);
  });

  it('lets an editorial figure cover a figure it contains or lies inside, wherever it occurs, with whitespace normalised', () => {
    const data = {
      editorial_figures: [
        { figure: 'eGFR below 30', reason: 'x' },
        { figure: '350 mg', reason: 'x' },
        { figure: '4 to  8 weeks', reason: 'x' },
      ],
      a: 'With an eGFR below 30, or eGFR\nbelow 30, or below 30.',
      b: 'Up to 350 mg a day; 350 mg.',
      c: 'For 4 to 8 weeks.',
      timeframe: { min: 4, max: 8, unit: 'week' },
      d: 'Not 4-8 weeks: dashes count.',
    };
    const { figures: found, stale } = findEntryFigures(data);
    expect(found.map((f) => [f.figure, f.editorial])).toEqual([
      ['below 30', true],
      ['below 30', true],
      // "eGFR below 30" does not occur around this one.
      ['below 30', false],
      ['Up to 350 mg a day', true],
      ['350 mg', true],
      ['4 to 8 weeks', true],
      ['4–8 week', true],
      ['4-8 weeks', false],
    ]);
    expect(stale).toEqual([]);
  });

  it('does not let an editorial figure cover a neighbouring figure it merely overlaps', () => {
    const { figures: found } = findEntryFigures({ editorial_figures: [{ figure: 'mg and 40', reason: 'x' }], a: '30 mg and 40 mg' });
    expect(found.map((f) => f.editorial)).toEqual([false, false]);
  });

  it('finds editorial figures that mark nothing: no figure, a different spelling, or text in references only', () => {
    const data = {
      editorial_figures: [
        { figure: '4 to 8 weeks', reason: 'x' },
        { figure: 'eGFR', reason: 'x' },
        { figure: '4 To 8 Weeks', reason: 'x' },
        { figure: '400 mg', reason: 'x' },
        { figure: '8 weeks', reason: 'x' },
      ],
      a: 'For 4 to 8 weeks.',
      references: [{ title: 'Magnesium 400 mg' }],
    };
    expect(findEntryFigures(data).stale).toEqual([
      { pointer: '/editorial_figures/1/figure', figure: 'eGFR' },
      { pointer: '/editorial_figures/2/figure', figure: '4 To 8 Weeks' },
      { pointer: '/editorial_figures/3/figure', figure: '400 mg' },
    ]);
  });

  it('matches an editorial figure in a long text with many figures in bounded work', () => {
    const { figures: found, stale } = findEntryFigures({ editorial_figures: [{ figure: '1 mg', reason: 'x' }], a: '1 mg '.repeat(6_000) });
    expect(found).toHaveLength(6_000);
    expect(found.every((f) => f.editorial)).toBe(true);
    expect(stale).toEqual([]);
  });

  it('finds nothing in data that is not a mapping', () => {
    expect(findEntryFigures(null)).toEqual({ figures: [], stale: [] });
    expect(findEntryFigures(['30 mg'])).toEqual({ figures: [], stale: [] });
  });
});
