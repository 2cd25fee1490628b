import { describe, expect, it } from 'vitest';
import { findEntryFigures } from '../../scripts/model/findEntryFigures';

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

  it('reads quantities and thresholds as figures at their value or min, in the plural, and not their unit as prose', () => {
    const data = { threshold: { measure: 'eGFR', comparator: '<', value: 30, unit: 'mL/min/1.73 m2' }, timeframe: { min: 4, max: 8, unit: 'week', note: 'Give it 2 weeks more.' }, duration: { value: 16, unit: 'day' } };
    expect(figures(data)).toEqual([
      ['/threshold/value', 'eGFR < 30 mL/min/1.73 m2', false, false],
      ['/timeframe/min', '4–8 weeks', false, false],
      ['/timeframe/note', '2 weeks', false, false],
      ['/duration/value', '16 days', false, false],
    ]);
  });

  it('gives each prose figure its range in the string', () => {
    expect(findEntryFigures({ a: 'Take 30 mg, see [[7a7a7a7a|8 weeks]].' }).figures.map((f) => [f.figure, f.range])).toEqual([
      ['30 mg', [5, 10]],
      ['8 weeks', [27, 34]],
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

  it('lets an editorial figure cover the figures it contains or lies inside, wherever they occur', () => {
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
      ['4–8 weeks', true],
      ['4-8 weeks', false],
    ]);
    expect(stale).toEqual([]);
  });

  it('does not let a mark cover a figure whose number it splits, and reports it as stale', () => {
    const data = {
      editorial_figures: [
        { figure: '0', reason: 'x' },
        { figure: 'g', reason: 'x' },
        { figure: '5 mg', reason: 'x' },
        { figure: '50 mg', reason: 'x' },
      ],
      a: 'Take 25 mg, 500 mg, 20%, 350 mg or 2 g.',
    };
    const { figures: found, stale } = findEntryFigures(data);
    expect(found.map((f) => [f.figure, f.editorial])).toEqual([
      ['25 mg', false],
      ['500 mg', false],
      ['20%', false],
      ['350 mg', false],
      ['2 g', false],
    ]);
    expect(stale.map((s) => [s.pointer, s.figure])).toEqual([
      ['/editorial_figures/0/figure', '0'],
      ['/editorial_figures/1/figure', 'g'],
      ['/editorial_figures/2/figure', '5 mg'],
      ['/editorial_figures/3/figure', '50 mg'],
    ]);
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
      // "8 weeks" lies inside "4 to 8 weeks" but does not hold its number, the range.
      { pointer: '/editorial_figures/4/figure', figure: '8 weeks' },
    ]);
  });

  it('lets one mark cover several quantities, and counts it used once', () => {
    const data = { editorial_figures: [{ figure: '8 weeks', reason: 'x' }], a: { value: 8, unit: 'week' }, b: { value: 8, unit: 'weeks' } };
    const { figures: found, stale } = findEntryFigures(data);
    expect(found.map((f) => [f.pointer, f.editorial])).toEqual([
      ['/a/value', true],
      ['/b/value', true],
    ]);
    expect(stale).toEqual([]);
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
