/**
 * Structured figures: a mapping with a numeric `value` (or `min` and `max`)
 * and a `unit`, such as a dose, a timeframe or a population caution's
 * threshold. How each is shown in a finding, and the spellings an
 * editorial_figures item may use to mark it.
 */
import { normaliseSpace } from './matchFigureText';

type Data = Record<string, unknown>;

/** The ways a comparator may be written before the number, as a sign or in words. */
const COMPARATOR_WORDS: Readonly<Record<string, readonly string[]>> = {
  '<': ['<', 'below', 'under', 'less than', 'lower than'],
  '<=': ['<=', '≤', 'at most', 'up to', 'no more than', 'less than or equal to'],
  '>': ['>', 'above', 'over', 'more than', 'greater than', 'higher than'],
  '>=': ['>=', '≥', 'at least', 'no less than', 'greater than or equal to'],
};

/** Units written as words that take an `s` in the plural: "8 weeks", "2 tablets". Abbreviations (`h`, `min`, `mg`) do not. */
const PLURAL_UNITS: ReadonlySet<string> = new Set([
  'millisecond', 'second', 'minute', 'hour', 'day', 'night', 'week', 'month', 'year', 'tablet', 'capsule',
]);

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A structured figure: a quantity (`value` or `min`/`max`, and `unit`) or a threshold (also `comparator`). */
export interface Quantity {
  /** The key of the number a finding points at: `value`, or `min` for a range. */
  at: 'value' | 'min';
  /** How the figure is shown: "144 mg", "4–8 weeks", "1 day", "eGFR < 30 mL/min/1.73 m2". */
  text: string;
  /** The texts an editorial_figures item may equal (whitespace normalised) to mark it. */
  spellings: string[];
}

/**
 * Reads a mapping as a structured figure, when it is one: a numeric `value`,
 * or numeric `min` and `max`, with a string `unit`. A unit written as a word
 * is shown in the plural unless the value is 1 ("4–8 weeks", "16 days",
 * "1 day"), and may be spelled either way; a range with `–`, `-` or ` to `
 * between its ends; a threshold with its comparator as a sign or in words
 * ("eGFR below 30").
 */
export function readQuantity(map: Data): Quantity | undefined {
  const unit = map.unit;
  if (typeof unit !== 'string' || !unit.trim()) return undefined;
  const u = normaliseSpace(unit);
  let numbers: string[];
  let at: Quantity['at'];
  let one: boolean;
  if (isNumber(map.value)) {
    at = 'value';
    numbers = [String(map.value)];
    one = map.value === 1;
  } else if (isNumber(map.min) && isNumber(map.max)) {
    at = 'min';
    numbers = ['–', '-', ' to '].map((sep) => `${map.min}${sep}${map.max}`);
    one = false;
  } else return undefined;
  const plural = PLURAL_UNITS.has(u.toLowerCase()) ? `${u}s` : undefined;
  const units = plural ? [u, plural] : [u];
  const shownUnit = plural && !one ? plural : u;
  const shown = `${numbers[0]} ${shownUnit}`;
  const spellings = numbers.flatMap((n) => units.map((x) => `${n} ${x}`));
  const comparator = typeof map.comparator === 'string' ? map.comparator : undefined;
  if (comparator === undefined) return { at, text: shown, spellings };
  const measure = typeof map.measure === 'string' ? normaliseSpace(map.measure) : '';
  const words = COMPARATOR_WORDS[comparator] ?? [comparator];
  for (const w of words) {
    for (const n of numbers) {
      spellings.push(`${w} ${n}`, ...units.map((x) => `${w} ${n} ${x}`));
      if (measure) spellings.push(`${measure} ${w} ${n}`, ...units.map((x) => `${measure} ${w} ${n} ${x}`));
    }
  }
  return { at, text: `${measure ? `${measure} ` : ''}${comparator} ${shown}`, spellings };
}
