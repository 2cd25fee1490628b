import { describe, expect, it } from 'vitest';
import { readQuantity } from '../../scripts/model/readQuantity';

describe('readQuantity', () => {
  it.each([
    [{ value: 144, unit: 'mg' }, { at: 'value', text: '144 mg', spellings: ['144 mg'] }],
    [{ min: 1.5, max: 2, unit: 'g' }, { at: 'min', text: '1.5–2 g', spellings: ['1.5–2 g', '1.5-2 g', '1.5 to 2 g'] }],
    // A unit written as a word is shown in the plural unless the value is 1, and may be spelled either way.
    [{ value: 90, unit: 'day' }, { at: 'value', text: '90 days', spellings: ['90 day', '90 days'] }],
    [{ value: 16, unit: 'day' }, { at: 'value', text: '16 days', spellings: ['16 day', '16 days'] }],
    [{ value: 1, unit: 'day' }, { at: 'value', text: '1 day', spellings: ['1 day', '1 days'] }],
    [{ min: 4, max: 8, unit: 'week' }, { at: 'min', text: '4–8 weeks', spellings: ['4–8 week', '4–8 weeks', '4-8 week', '4-8 weeks', '4 to 8 week', '4 to 8 weeks'] }],
    [{ min: 0.5, max: 1, unit: 'month' }, { at: 'min', text: '0.5–1 months', spellings: ['0.5–1 month', '0.5–1 months', '0.5-1 month', '0.5-1 months', '0.5 to 1 month', '0.5 to 1 months'] }],
    [{ value: 2, unit: 'tablet' }, { at: 'value', text: '2 tablets', spellings: ['2 tablet', '2 tablets'] }],
    // Plurals as written, and abbreviations, stay as they are.
    [{ value: 8, unit: 'weeks' }, { at: 'value', text: '8 weeks', spellings: ['8 weeks'] }],
    [{ value: 8, unit: 'h' }, { at: 'value', text: '8 h', spellings: ['8 h'] }],
    [{ value: 400, unit: 'mg/day' }, { at: 'value', text: '400 mg/day', spellings: ['400 mg/day'] }],
  ])('reads %j', (map, expected) => {
    expect(readQuantity(map)).toEqual(expected);
  });

  it('reads a threshold, with its comparator as a sign or in words', () => {
    const q = readQuantity({ measure: 'eGFR', comparator: '<', value: 30, unit: 'mL/min/1.73 m2' })!;
    expect(q.text).toBe('eGFR < 30 mL/min/1.73 m2');
    expect(q.spellings).toEqual(expect.arrayContaining(['30 mL/min/1.73 m2', 'below 30', 'eGFR below 30', '< 30 mL/min/1.73 m2', 'eGFR less than 30 mL/min/1.73 m2']));
  });

  it.each([
    ['<=', 'less than or equal to 30'],
    ['<=', 'no more than 30'],
    ['>=', 'greater than or equal to 30'],
    ['>=', 'no less than 30'],
  ])('spells %s as %j', (comparator, spelling) => {
    expect(readQuantity({ comparator, value: 30, unit: 'mg' })!.spellings).toContain(spelling);
  });

  it('shows a threshold in years in the plural', () => {
    expect(readQuantity({ measure: 'age', comparator: '>=', value: 65, unit: 'year' })!.text).toBe('age >= 65 years');
  });

  it.each([[{ unit: 'mg' }], [{ value: '30', unit: 'mg' }], [{ value: 30 }], [{ min: 4, unit: 'week' }], [{ rating: 'low' }], [{ value: 30, unit: ' ' }], [{ value: Infinity, unit: 'mg' }]])('reads no quantity from %j', (map) => {
    expect(readQuantity(map)).toBeUndefined();
  });
});
