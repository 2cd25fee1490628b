import { describe, expect, it } from 'vitest';
import { endOfNumber, gluedBefore, isNumberStart } from '../../scripts/model/matchNumbers';

describe('endOfNumber', () => {
  it.each([
    ['30 mg', 0, '30'],
    ['1.5 g', 0, '1.5'],
    ['0,5 mg', 0, '0,5'],
    ['1,000 mg', 0, '1,000'],
    ['.5 mg', 0, '.5'],
    ['10\u2009000 mg', 0, '10\u2009000'],
    ['10\u00a0000 mg', 0, '10\u00a0000'],
    ['1\u202f000\u202f000 IU', 0, '1\u202f000\u202f000'],
    ['123\u2009456', 0, '123\u2009456'],
    // Not a group: a plain space, a first group of four digits, a group of two or four, a group after a decimal.
    ['10 000 mg', 0, '10'],
    ['1000\u2009000', 0, '1000'],
    ['10\u200900 mg', 0, '10'],
    ['10\u20090000 mg', 0, '10'],
    ['1.5\u2009000', 0, '1.5'],
  ])('%j from %i is %j', (text, i, expected) => {
    expect(text.slice(i, endOfNumber(text, i))).toBe(expected);
  });
});

describe('isNumberStart', () => {
  it.each([
    ['5', 0, true],
    ['.5', 0, true],
    ['take .5', 5, true],
    ['(.5', 1, true],
    ['v.5', 1, false],
    ['2..5', 2, false],
    ['1,.5', 2, false],
    ['. 5', 0, false],
    ['a', 0, false],
  ])('%j at %i: %s', (text, i, expected) => {
    expect(isNumberStart(text, i)).toBe(expected);
  });
});

describe('gluedBefore', () => {
  it.each([
    ['B6', 1, true],
    ['COVID-19', 6, true],
    ['4-8', 2, true],
    ['mL/min/1.73', 7, true],
    ['take 6', 5, false],
    ['(6', 1, false],
    ['-6', 1, false],
  ])('%j at %i: %s', (text, i, expected) => {
    expect(gluedBefore(text, i)).toBe(expected);
  });
});
