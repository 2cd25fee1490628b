/**
 * Figures a reader sees in prose: amounts, durations, percentages and
 * thresholds ("4–8 weeks", "below 30", "20%"). The rule uncited-figure
 * reports the ones nothing sources (see findEntryFigures.ts).
 *
 * The scanner is hand-written rather than a regular expression: every
 * attempt looks a bounded way ahead and behind (at most a few whitespace
 * characters between the parts of a figure, a few words back), so scanning
 * is linear in the text's length whatever the text holds.
 */
import { bucket, isAsciiLetter, isDigit, isLetterAt, isSpace, isWordChar, HYPHENS, matchAny, matchPatternOf, MAX_SPACE, normaliseSpace, skipSpace, wordsBefore } from './matchFigureText';
import { endOfNumber, gluedBefore, isNumberStart, isYear, matchNumber, matchRangeEnd, matchSpelled } from './matchNumbers';

export { normaliseSpace } from './matchFigureText';
export { SPELLED_NUMBERS } from './matchNumbers';

/**
 * What makes a number a figure, in one place. Multi-letter units match
 * without regard to case, single letters (`g`, `L`, `h`) only as written. A
 * space in a unit stands for one to four whitespace characters (no-break
 * spaces and line breaks included).
 */
export const FIGURE_UNITS = {
  /** Units of amount, share and measure: after any number ("30 mg", "20%"). */
  measures: [
    'mg', 'milligram', 'milligrams', 'g', 'gram', 'grams', 'µg', 'μg', 'mcg', 'ug', 'microgram', 'micrograms', 'kg', 'kilogram', 'kilograms', 'ng',
    'mmol', 'µmol', 'μmol', 'nmol', 'mEq', 'IU', 'kcal', 'kJ', 'calories',
    'mL', 'millilitre', 'millilitres', 'milliliter', 'milliliters', 'L', 'litre', 'litres', 'liter', 'liters', 'dL',
    '%', 'percent', 'per cent',
    'mmHg', 'bpm', 'beats per minute',
    'tablet', 'tablets', 'capsule', 'capsules',
  ],
  /** Units of time: also after a spelled number ("eight weeks") and joined by a hyphen ("8-week"). */
  times: [
    'ms', 'millisecond', 'milliseconds', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours',
    'day', 'days', 'night', 'nights', 'week', 'weeks', 'month', 'months', 'year', 'years',
  ],
  /** Counts that make a figure only with a rate after them: "3 times a day". */
  counts: ['times'],
  /** What may follow a unit (at most twice) as part of the figure: "mg/day", "mg/kg/day", "mg a day", "mL/min/1.73 m2". */
  rates: [
    '/day', '/d', '/24 h', '/week', '/wk', '/kg', '/L', '/dL', '/mL', '/min', '/min/1.73 m2', '/min/1.73 m²', '/min/1.73m2', '/min/1.73m²',
    ' a day', ' per day', ' daily', ' each day', ' every day', ' a week', ' per week', ' each week', ' a night', ' per night', ' each night', ' per kg', ' per kilogram',
  ],
} as const;

/** Words and signs that make the number after them a threshold: "below 30", "≥ 65", "less than or equal to 30". */
export const FIGURE_COMPARATORS: readonly string[] = [
  'below', 'above', 'under', 'over', 'less than', 'more than', 'fewer than', 'greater than', 'lower than', 'higher than',
  'less than or equal to', 'greater than or equal to', 'lower than or equal to', 'higher than or equal to', 'no more than', 'no less than', 'not more than', 'not less than',
  'older than', 'younger than', 'at least', 'at most', 'up to', 'exceeding', '<=', '>=', '<', '>', '≤', '≥', '⩽', '⩾',
];

/** Comparators that name their measure themselves (an age), so the number after them is a threshold even with a word after it: "older than 65 with kidney disease". */
const SELF_MEASURING: ReadonlySet<string> = new Set(['older than', 'younger than']);

/**
 * Measures that take thresholds: a comparator and a bare number right after
 * one of these (up to two linking words between: "eGFR is below 30") is a
 * figure whatever follows it. Lower-case; two-word measures as two words.
 */
export const THRESHOLD_MEASURES: readonly string[] = [
  'egfr', 'gfr', 'crcl', 'creatinine', 'creatinine clearance', 'age', 'aged', 'ages', 'bmi', 'blood pressure', 'bp', 'systolic', 'diastolic',
  'hba1c', 'a1c', 'glucose', 'heart rate', 'level', 'levels', 'score', 'concentration',
];

/** Words that may stand between a measure and its comparator: "eGFR is below 30", "an eGFR of less than 30". */
const LINKING_WORDS: ReadonlySet<string> = new Set(['that', 'which', 'is', 'was', 'are', 'were', 'be', 'been', 'of', 'at', 'remains', 'stays', 'falls', 'fell', 'drops', 'dropped', 'rises', 'rose', 'has', 'had', 'not']);

/** Words before a number or range that make it an age limit without a unit or comparator: "ages 18–65", "aged 65+". */
const AGE_WORDS: ReadonlySet<string> = new Set(['age', 'ages', 'aged']);

/** A figure found in a string: offsets into it, and its text with whitespace runs as single spaces. */
export interface TextFigure {
  /** Where the figure starts, its comparator or age word included. */
  from: number;
  /** Where it ends (exclusive). */
  to: number;
  /** The number or range it states, `[from, to)`: "4–8" in "4–8 weeks", "30" in "below 30", "eight" in "eight weeks". */
  value: [number, number];
  text: string;
}

const MEASURES = bucket(FIGURE_UNITS.measures);
const TIMES = bucket(FIGURE_UNITS.times);
const COUNTS = bucket(FIGURE_UNITS.counts);
const RATES = bucket(FIGURE_UNITS.rates.map((r) => r.trimStart()));
const COMPARATORS = bucket(FIGURE_COMPARATORS);
const MEASURE_SET = new Set(THRESHOLD_MEASURES);

// ---------------------------------------------------------------------------
// Units

/** After a unit: up to two rates ("/kg/day", "mg a day"), each after its slash or its whitespace. */
function matchRates(text: string, i: number): number {
  let end = i;
  for (let n = 0; n < 2; n++) {
    const at = end < text.length && text.charCodeAt(end) === 0x2f ? end : skipSpace(text, end, 1);
    if (at === -1) break;
    const next = matchAny(text, at, RATES);
    if (next === -1) break;
    end = next;
  }
  return end;
}

interface Unit {
  end: number;
  /** It was joined to the number by a hyphen ("8-week"). */
  hyphen: boolean;
  /** Where the unit starts. */
  at: number;
}

/** The unit after a number ending at `i`, with its rates. `spelled` numbers take only units of time (and counts with a rate). */
function matchUnit(text: string, i: number, spelled: boolean): Unit | undefined {
  if (i >= text.length) return undefined;
  const hyphen = HYPHENS.has(text.charCodeAt(i));
  const at = hyphen ? i + 1 : skipSpace(text, i, 0);
  if (at === -1 || at >= text.length) return undefined;
  if (!spelled) {
    const end = matchAny(text, at, MEASURES);
    if (end !== -1 && !(hyphen && text.charCodeAt(at) === 0x25)) return { end: matchRates(text, end), hyphen, at };
  }
  const end = matchAny(text, at, TIMES);
  if (end !== -1) return { end: matchRates(text, end), hyphen, at };
  const count = hyphen ? -1 : matchAny(text, at, COUNTS);
  if (count !== -1) {
    const rated = matchRates(text, count);
    if (rated !== count) return { end: rated, hyphen, at };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Quantities and thresholds

interface Quantity {
  end: number;
  /** The end of the number or range, a `+` after it included. */
  valueEnd: number;
  /** A unit follows the number. */
  unit: boolean;
}

/** A `+` right after a number ("65+ years"), not before another digit: its end, else `i`. */
const afterPlus = (text: string, i: number) => (text.charCodeAt(i) === 0x2b && !isDigit(text.charCodeAt(i + 1)) ? i + 1 : i);

/**
 * A quantity at `i`: a number or range, and a unit when one follows. The
 * unit is required unless `bare`; a bare number is never a year, nor glued
 * to a word after it.
 */
function matchQuantity(text: string, i: number, bare: boolean): Quantity | undefined {
  const spelled = !isNumberStart(text, i);
  const first = matchNumber(text, i, spelled);
  if (first === -1) return undefined;
  const second = matchRangeEnd(text, first, spelled);
  for (const number of second === -1 ? [first] : [second, first]) {
    const end = spelled ? number : afterPlus(text, number);
    const unit = matchUnit(text, end, spelled);
    if (unit) {
      // "24-hour" names a round-the-clock measure (24-hour urine, 24-hour recall), not a length of time.
      if (unit.hyphen && number === first && text.slice(i, number) === '24' && /^(h|hr|hour)$/i.test(text.slice(unit.at, unit.end))) return undefined;
      return { end: unit.end, valueEnd: end, unit: true };
    }
    if (bare && !spelled && !isWordChar(text, end) && !(number === first && isYear(text, i, number))) return { end, valueEnd: end, unit: false };
  }
  return undefined;
}

/**
 * Whether a word follows the end of a bare number on the same line ("more
 * than 20 trials"): then the number counts something, and is no threshold.
 */
function wordFollows(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && j - i <= MAX_SPACE && isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
  return j - i <= MAX_SPACE && isLetterAt(text, j);
}

/** The words before `i` with linking words ("is", "of") dropped from the nearest end, at most two. */
function measureWordsBefore(text: string, i: number): string[] {
  const words = wordsBefore(text, i, 4);
  let k = 0;
  while (k < 2 && k < words.length && LINKING_WORDS.has(words[k])) k++;
  return words.slice(k);
}

/** Whether a measure that takes thresholds (THRESHOLD_MEASURES) stands before the comparator at `i`. */
function measureBefore(text: string, i: number): boolean {
  const words = measureWordsBefore(text, i);
  return words.length > 0 && (MEASURE_SET.has(words[0]) || (words.length > 1 && MEASURE_SET.has(`${words[1]} ${words[0]}`)));
}

/** Whether the comparator at `i` states a statistic rather than a figure: a p-value ("p < 0.05", "P value below 0.05", "p-value less than .05") or a sample size ("n > 40"). */
function isStatistic(text: string, i: number): boolean {
  const words = measureWordsBefore(text, i);
  if (words[0] === 'p' || words[0] === 'n') return true;
  return (words[0] === 'value' || words[0] === 'values') && words[1] === 'p';
}

/**
 * A comparator at `i` and the number after it, as a threshold. With a unit
 * it always is one; without, only after a measure that takes thresholds
 * ("eGFR below 30"), after a comparator that names an age ("older than
 * 65"), or when no word follows the number ("below 30.", "under 18,"): "more
 * than 20 trials" counts trials. Never a p-value or a sample size.
 */
function matchThreshold(text: string, i: number): { end: number; value: [number, number] } | undefined {
  const found = matchPatternOf(text, i, COMPARATORS);
  if (!found) return undefined;
  const { pattern, end } = found;
  const sign = !isAsciiLetter(pattern.text.charCodeAt(0));
  if (isStatistic(text, i)) return undefined;
  const at = skipSpace(text, end, sign ? 0 : 1);
  if (at === -1 || at >= text.length) return undefined;
  if (!isNumberStart(text, at) && !(isAsciiLetter(text.charCodeAt(at)) && matchSpelled(text, at) !== -1)) return undefined;
  const q = matchQuantity(text, at, true);
  if (!q) return undefined;
  if (!q.unit && !SELF_MEASURING.has(pattern.text) && !measureBefore(text, i) && wordFollows(text, q.end)) return undefined;
  return { end: q.end, value: [at, q.valueEnd] };
}

/** An age word right before a number at `i`, after whitespace only ("ages 18–65", "aged 65+"): where the word starts, or -1. */
function ageWordBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && i - j <= MAX_SPACE && isSpace(text.charCodeAt(j - 1))) j--;
  if (j === i || i - j > MAX_SPACE) return -1;
  let k = j;
  while (k > 0 && j - k <= 4 && isAsciiLetter(text.charCodeAt(k - 1))) k--;
  if (k > 0 && isWordChar(text, k - 1)) return -1;
  return AGE_WORDS.has(text.slice(k, j).toLowerCase()) ? k : -1;
}

// ---------------------------------------------------------------------------
// Scanning a string

/**
 * The end of an inline link `[[…]]` at `i` (the same shape as the link
 * index reads: no `]` or line break inside), or, when there is none, the
 * negative of where the attempt stopped, so no position before it is tried again.
 */
function linkEnd(text: string, i: number): number {
  let j = i + 2;
  while (j < text.length && text[j] !== ']' && text[j] !== '\n') j++;
  return text.startsWith(']]', j) ? j + 2 : -j;
}

/**
 * Every figure in a string, in order: a number or range followed by a unit
 * (FIGURE_UNITS), a spelled number with a unit of time, a comparator
 * (FIGURE_COMPARATORS) followed by a number (see matchThreshold for when a
 * number without a unit counts), and an age word before a number or range
 * ("ages 18–65"). In an inline link `[[id|text]]`, only the text after the
 * `|` is read: readers see it, and not the ID. Numbers glued to names
 * (COVID-19, vitamin B6, omega-3), years without a unit, p-values, sample
 * sizes and "24-hour" are not figures. Only ASCII digits are numbers.
 */
export function findFigures(text: string): TextFigure[] {
  const out: TextFigure[] = [];
  const push = (from: number, to: number, value: [number, number]) => out.push({ from, to, value, text: normaliseSpace(text.slice(from, to)) });
  let noLinkBefore = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5b && text.charCodeAt(i + 1) === 0x5b && i >= noLinkBefore) {
      const end = linkEnd(text, i);
      if (end > 0) {
        let bar = i + 2;
        while (bar < end - 2 && text.charCodeAt(bar) !== 0x7c) bar++;
        if (bar < end - 2) {
          for (const f of findFigures(text.slice(bar + 1, end - 2))) {
            const at = bar + 1;
            out.push({ from: f.from + at, to: f.to + at, value: [f.value[0] + at, f.value[1] + at], text: f.text });
          }
        }
        i = end;
        continue;
      }
      noLinkBefore = -end;
      i++;
    } else if (isDigit(c) || (c === 0x2e && isNumberStart(text, i))) {
      if (!gluedBefore(text, i)) {
        const q = matchQuantity(text, i, false);
        if (q) {
          push(i, q.end, [i, q.valueEnd]);
          i = q.end;
          continue;
        }
        const age = ageWordBefore(text, i);
        const bare = age === -1 ? undefined : matchQuantity(text, i, true);
        if (bare) {
          push(age, bare.end, [i, bare.valueEnd]);
          i = bare.end;
          continue;
        }
      }
      i = endOfNumber(text, i);
    } else if (c === 0x3c || c === 0x3e || c === 0x2264 || c === 0x2265 || c === 0x2a7d || c === 0x2a7e) {
      const t = matchThreshold(text, i);
      if (t) {
        push(i, t.end, t.value);
        i = t.end;
      } else i++;
    } else if (isLetterAt(text, i)) {
      if (!gluedBefore(text, i) && isAsciiLetter(c)) {
        const t = matchThreshold(text, i) ?? matchSpelledFigure(text, i);
        if (t) {
          push(i, t.end, t.value);
          i = t.end;
          continue;
        }
      }
      // Skip the whole word, digits included: the 6 of B6 starts nothing.
      while (i < text.length && isWordChar(text, i)) i++;
    } else i++;
  }
  return out;
}

/** A spelled number with a unit of time at `i`: "eight weeks", "four to eight weeks". */
function matchSpelledFigure(text: string, i: number): { end: number; value: [number, number] } | undefined {
  if (matchSpelled(text, i) === -1) return undefined;
  const q = matchQuantity(text, i, false);
  return q && { end: q.end, value: [i, q.valueEnd] };
}
