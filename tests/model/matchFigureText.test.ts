import { describe, expect, it } from 'vitest';
import { isSpace, normaliseSpace, normaliseWithMap, wordsBefore } from '../../scripts/model/matchFigureText';

describe('isSpace and normaliseSpace', () => {
  const invisible = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u00ad', '\u2060', '\ufeff', '\u061c', '\u202a', '\u202e', '\u2066', '\u2069', '\u180e'];
  const spaces = [' ', '\t', '\n', '\r', '\u00a0', '\u1680', '\u2000', '\u2007', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u0085'];
  it.each([...invisible, ...spaces].map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, c]))('%s is whitespace, shown as a space', (_name, c) => {
    expect(isSpace(c.charCodeAt(0))).toBe(true);
    expect(normaliseSpace(`30${c}${c}mg`)).toBe('30 mg');
  });

  it.each([['a'], ['0'], ['-'], ['\u2010'], ['µ'], ['%']])('%j is not', (c) => {
    expect(isSpace(c.charCodeAt(0))).toBe(false);
    expect(normaliseSpace(`x${c}y`)).toBe(`x${c}y`);
  });

  it('trims', () => {
    expect(normaliseSpace('\u200b 30 mg\u3000')).toBe('30 mg');
  });
});

describe('normaliseWithMap', () => {
  it('collapses runs without trimming, and maps every offset and the end', () => {
    const { text, map } = normaliseWithMap(' a \u200b b ');
    expect(text).toBe(' a b ');
    expect([...map]).toEqual([0, 1, 2, 3, 3, 3, 4, 5]);
  });
});

describe('wordsBefore', () => {
  it.each([
    ['eGFR is below', 8, ['is', 'egfr']],
    ['p-value less', 8, ['value', 'p']],
    ['(eGFR: below', 7, ['egfr']],
    ['a, b c', 6, ['c', 'b']],
    ['x', 0, []],
    [`${'a'.repeat(30)} below`, 31, []],
  ])('%j before %i', (text, i, expected) => {
    expect(wordsBefore(text, i, 3)).toEqual(expected);
  });
});
