/**
 * Figures a reader sees: amounts, durations, percentages and thresholds in
 * prose ("4–8 weeks", "below 30", "20%") and in structured quantities
 * (`dose: {value: 400, unit: mg/day}`), each with whether a `cite` covers it
 * and whether the entry's `editorial_figures` marks it as the editors' own.
 * The rule uncited-figure reports the ones with neither.
 *
 * The prose scanner is hand-written rather than a regular expression: every
 * attempt looks a bounded way ahead (at most a few whitespace characters
 * between the parts of a figure), so scanning is linear in the text's length
 * whatever the text holds.
 */
import { toPointer } from '../core/locatePointer';

/**
 * What makes a number a figure, in one place. Multi-letter units match
 * without regard to case, single letters (`g`, `L`, `h`) only as written. A
 * space in a unit stands for one to four whitespace characters (no-break
 * spaces and line breaks included).
 */
export const FIGURE_UNITS = {
  /** Units of amount, share and measure: after any number ("30 mg", "20%"). */
  measures: [
    'mg', 'milligram', 'milligrams', 'g', 'gram', 'grams', 'µg', 'μg', 'mcg', 'microgram', 'micrograms', 'kg', 'kilogram', 'kilograms', 'ng',
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

/** Words and signs that make the number after them a threshold, with or without a unit: "below 30", "≥ 65". */
export const FIGURE_COMPARATORS: readonly string[] = [
  'below', 'above', 'under', 'over', 'less than', 'more than', 'fewer than', 'greater than', 'lower than', 'higher than',
  'at least', 'at most', 'up to', 'exceeding', '<=', '>=', '<', '>', '≤', '≥', '⩽', '⩾',
];

/** Number words that make a figure with a unit of time ("eight weeks", "four to eight weeks"). "one" is left out: it is mostly an article ("one day"). */
export const SPELLED_NUMBERS: readonly string[] = [
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];

/** A figure found in a string: `[from, to)` offsets into it, and its text with whitespace runs as single spaces. */
export interface TextFigure {
  from: number;
  to: number;
  text: string;
}

// ---------------------------------------------------------------------------
// Characters

/** Whitespace allowed inside a figure: space, tab, line breaks, and the no-break and thin spaces typesetters put between a number and its unit. */
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x200a || c === 0x202f;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAsciiLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const LETTER = /\p{L}/u;

/** Whether the character at `i` is a letter, in any script. */
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiLetter(c);
  if (Number.isNaN(c)) return false;
  const p = text.codePointAt(i)!;
  return LETTER.test(String.fromCodePoint(p));
}

/** The letter before `i`, looking across a surrogate pair. */
function isLetterBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return isLetterAt(text, i - 2);
  return isLetterAt(text, i - 1);
}

const isWordChar = (text: string, i: number) => i < text.length && (isDigit(text.charCodeAt(i)) || isLetterAt(text, i));
const HYPHENS = new Set([0x2d, 0x2010, 0x2011]);
const DASHES = new Set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]);
const MAX_SPACE = 4;

/** The end of a run of at most MAX_SPACE whitespace characters from `i`, or -1 when there are more (a figure does not straddle a gap). */
function skipSpace(text: string, i: number, min: number): number {
  let j = i;
  while (j < text.length && j - i <= MAX_SPACE && isSpace(text.charCodeAt(j))) j++;
  const n = j - i;
  return n < min || n > MAX_SPACE ? -1 : j;
}

// ---------------------------------------------------------------------------
// Literal patterns: units, rates, comparators

interface Pattern {
  text: string;
  /** Match letters without regard to case. */
  fold: boolean;
}

/** Patterns bucketed by their first character (lower-cased), longest first, so a lookup tries few. */
function bucket(list: readonly string[]): Map<string, Pattern[]> {
  const map = new Map<string, Pattern[]>();
  for (const text of [...list].sort((a, b) => b.length - a.length)) {
    const k = text[0].toLowerCase();
    const p: Pattern = { text, fold: text.length > 1 };
    map.set(k, [...(map.get(k) ?? []), p]);
  }
  return map;
}

const MEASURES = bucket(FIGURE_UNITS.measures);
const TIMES = bucket(FIGURE_UNITS.times);
const COUNTS = bucket(FIGURE_UNITS.counts);
const RATES = bucket(FIGURE_UNITS.rates.map((r) => r.trimStart()));
const COMPARATORS = bucket(FIGURE_COMPARATORS);
const SPELLED = new Set(SPELLED_NUMBERS);
const TIME_WORDS = new Set(FIGURE_UNITS.times.map((t) => t.toLowerCase()));

/** Matches one pattern at `i`: its end, or -1. A space in the pattern matches 1–MAX_SPACE whitespace characters. */
function matchPattern(text: string, i: number, p: Pattern): number {
  let j = i;
  for (let k = 0; k < p.text.length; k++) {
    const want = p.text.charCodeAt(k);
    if (want === 0x20) {
      j = skipSpace(text, j, 1);
      if (j === -1) return -1;
      continue;
    }
    if (j >= text.length) return -1;
    const got = text.charCodeAt(j);
    if (got !== want && !(p.fold && isAsciiLetter(want) && (got | 0x20) === (want | 0x20))) return -1;
    j++;
  }
  return j;
}

/**
 * The end of the longest pattern of `table` at `i` that ends at a word
 * boundary (a pattern ending in a letter or digit must not run into another
 * one), or -1. A single-letter pattern must not be followed by a hyphen
 * either: "1.5 L-threonate" is no volume.
 */
function matchAny(text: string, i: number, table: Map<string, Pattern[]>): number {
  if (i >= text.length) return -1;
  const list = table.get(text[i].toLowerCase());
  if (!list) return -1;
  for (const p of list) {
    const end = matchPattern(text, i, p);
    if (end === -1) continue;
    const last = p.text.charCodeAt(p.text.length - 1);
    const wordEnd = isDigit(last) || isAsciiLetter(last) || last === 0xb2;
    if (wordEnd && isWordChar(text, end)) continue;
    if (p.text.length === 1 && wordEnd && end < text.length && HYPHENS.has(text.charCodeAt(end))) continue;
    return end;
  }
  return -1;
}

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

// ---------------------------------------------------------------------------
// Numbers

/** The end of the number at `i` (digits, with `.` or `,` between digit groups: 1.5, 0,5, 1,000). */
function endOfNumber(text: string, i: number): number {
  let j = i;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  while (j + 1 < text.length && (text[j] === '.' || text[j] === ',') && isDigit(text.charCodeAt(j + 1))) {
    j++;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/**
 * Whether the number at `i` belongs to a name or a longer token rather than
 * standing alone: glued to a letter (B6, H2O), after a hyphen that follows a
 * letter or digit (COVID-19, omega-3, the 8 of 4-8), after a dash that follows
 * a digit, or after a slash, `.`, `,`, `_`, `#` or `@` (mL/min/1.73, 1.2.3).
 */
function gluedBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const c = text.charCodeAt(i - 1);
  if (isLetterBefore(text, i)) return true;
  if (c === 0x2f || c === 0x5f || c === 0x23 || c === 0x40) return true;
  if (c === 0x2e || c === 0x2c) return i >= 2 && isDigit(text.charCodeAt(i - 2));
  if (DASHES.has(c) && i >= 2) {
    const b = text.charCodeAt(i - 2);
    return isDigit(b) || (HYPHENS.has(c) && isLetterBefore(text, i - 1));
  }
  return false;
}

/** A 4-digit year, 1900–2099, written plainly. */
const isYear = (text: string, from: number, to: number) => to - from === 4 && (text.startsWith('19', from) || text.startsWith('20', from)) && isDigit(text.charCodeAt(from + 2)) && isDigit(text.charCodeAt(from + 3));

/** A spelled number word (two … twenty) at `i`, at a word start: its end, or -1. */
function matchSpelled(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i <= 9 && isAsciiLetter(text.charCodeAt(j))) j++;
  if (isWordChar(text, j)) return -1;
  return SPELLED.has(text.slice(i, j).toLowerCase()) ? j : -1;
}

/** One side of a range: a number at `i` (or a number word, when `spelled`): its end, or -1. */
function matchQuantityStart(text: string, i: number, spelled: boolean): number {
  if (spelled) return matchSpelled(text, i);
  return i < text.length && isDigit(text.charCodeAt(i)) ? endOfNumber(text, i) : -1;
}

/** After the first number: `–8`, ` - 8`, ` to 8`: the end of the second, or -1. */
function matchRangeEnd(text: string, i: number, spelled: boolean): number {
  let j = skipSpace(text, i, 0);
  if (j === -1) return -1;
  if (j < text.length && DASHES.has(text.charCodeAt(j))) {
    j = skipSpace(text, j + 1, 0);
  } else {
    if (j === i || !text.startsWith('to', j) || j + 2 >= text.length) return -1;
    j = skipSpace(text, j + 2, 1);
  }
  return j === -1 ? -1 : matchQuantityStart(text, j, spelled);
}

interface Unit {
  end: number;
  /** It was joined to the number by a hyphen ("8-week"). */
  hyphen: boolean;
  /** Where the unit starts. */
  at: number;
}

/**
 * The unit after a number ending at `i`, with its rates. `spelled` numbers
 * take only units of time (and counts with a rate).
 */
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

/**
 * A quantity at `i`: a number or range, and a unit when one follows. The
 * unit is required unless `bare` (after a comparator). Returns its end, or -1.
 */
function matchQuantity(text: string, i: number, bare: boolean): number {
  const spelled = !isDigit(text.charCodeAt(i));
  const first = matchQuantityStart(text, i, spelled);
  if (first === -1) return -1;
  const second = matchRangeEnd(text, first, spelled);
  for (const end of second === -1 ? [first] : [second, first]) {
    const unit = matchUnit(text, end, spelled);
    if (unit) {
      // "24-hour" names a round-the-clock measure (24-hour urine, 24-hour recall), not a length of time.
      if (unit.hyphen && end === first && text.slice(i, end) === '24' && /^(h|hr|hour)$/i.test(text.slice(unit.at, unit.end))) return -1;
      return unit.end;
    }
    if (bare && !spelled && !isWordChar(text, end) && !(end === first && isYear(text, i, end))) return end;
  }
  return -1;
}

/** A comparator at `i` and the quantity after it: the end, or -1. A `p` before a sign makes it a p-value (p < 0.05), never a figure. */
function matchThreshold(text: string, i: number): number {
  const list = COMPARATORS.get(text[i].toLowerCase());
  if (!list) return -1;
  for (const p of list) {
    const end = matchPattern(text, i, p);
    if (end === -1) continue;
    const sign = !isAsciiLetter(p.text.charCodeAt(0));
    if (!sign && isWordChar(text, end)) continue;
    if (sign && isPValue(text, i)) return -1;
    const at = skipSpace(text, end, sign ? 0 : 1);
    if (at === -1 || at >= text.length) return -1;
    const c = text.charCodeAt(at);
    if (!isDigit(c) && !(isAsciiLetter(c) && matchSpelled(text, at) !== -1)) return -1;
    return matchQuantity(text, at, true);
  }
  return -1;
}

/** Whether the sign at `i` follows a lone `p`, after at most a few spaces. */
function isPValue(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && i - j <= MAX_SPACE + 1 && isSpace(text.charCodeAt(j))) j--;
  if (j < 0 || (text[j] !== 'p' && text[j] !== 'P')) return false;
  return !isLetterBefore(text, j);
}

// ---------------------------------------------------------------------------
// Scanning a string

/** Collapses whitespace runs to single spaces and trims: how figures are shown and compared. */
export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

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
 * (FIGURE_UNITS), a spelled number with a unit of time, or a comparator
 * (FIGURE_COMPARATORS) followed by a number, with or without a unit. Text
 * inside inline links, numbers glued to names (COVID-19, vitamin B6,
 * omega-3), years without a unit, p-values and "24-hour" are not figures.
 * Only ASCII digits are numbers.
 */
export function findFigures(text: string): TextFigure[] {
  const out: TextFigure[] = [];
  const push = (from: number, to: number) => out.push({ from, to, text: normaliseSpace(text.slice(from, to)) });
  let noLinkBefore = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5b && text.charCodeAt(i + 1) === 0x5b && i >= noLinkBefore) {
      const end = linkEnd(text, i);
      if (end > 0) {
        i = end;
        continue;
      }
      noLinkBefore = -end;
      i++;
    } else if (isDigit(c)) {
      if (!gluedBefore(text, i)) {
        const end = matchQuantity(text, i, false);
        if (end !== -1) {
          push(i, end);
          i = end;
          continue;
        }
      }
      i = endOfNumber(text, i);
    } else if (c === 0x3c || c === 0x3e || c === 0x2264 || c === 0x2265 || c === 0x2a7d || c === 0x2a7e) {
      const end = matchThreshold(text, i);
      if (end !== -1) {
        push(i, end);
        i = end;
      } else i++;
    } else if (isLetterAt(text, i)) {
      if (!gluedBefore(text, i)) {
        let end = isAsciiLetter(c) ? matchThreshold(text, i) : -1;
        if (end === -1 && isAsciiLetter(c)) end = matchSpelledFigure(text, i);
        if (end !== -1) {
          push(i, end);
          i = end;
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
function matchSpelledFigure(text: string, i: number): number {
  return matchSpelled(text, i) === -1 ? -1 : matchQuantity(text, i, false);
}

// ---------------------------------------------------------------------------
// Structured quantities

type Data = Record<string, unknown>;

const COMPARATOR_WORDS: Readonly<Record<string, readonly string[]>> = {
  '<': ['<', 'below', 'under', 'less than', 'lower than'],
  '<=': ['<=', '≤', 'at most', 'up to'],
  '>': ['>', 'above', 'over', 'more than', 'greater than', 'higher than'],
  '>=': ['>=', '≥', 'at least'],
};

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A structured figure: a quantity (`value` or `min`/`max`, and `unit`) or a threshold (also `comparator`). */
export interface Quantity {
  /** The key of the number a finding points at: `value`, or `min` for a range. */
  at: 'value' | 'min';
  /** How the figure is shown: "144 mg", "1.5–2 g", "eGFR < 30 mL/min/1.73 m2". */
  text: string;
  /** The texts an editorial_figures item may equal (whitespace normalised) to mark it. */
  spellings: string[];
}

/**
 * Reads a mapping as a structured figure, when it is one: a numeric `value`,
 * or numeric `min` and `max`, with a string `unit`. A unit of time may also
 * be spelled in the plural ("90 days" for `{value: 90, unit: day}`); a range
 * with `–`, `-` or ` to ` between its ends; a threshold with its comparator
 * as a sign or in words ("eGFR below 30").
 */
export function readQuantity(map: Data): Quantity | undefined {
  const unit = map.unit;
  if (typeof unit !== 'string' || !unit.trim()) return undefined;
  const u = normaliseSpace(unit);
  const units = TIME_WORDS.has(u.toLowerCase()) && !u.endsWith('s') ? [u, `${u}s`] : [u];
  let numbers: string[];
  let at: Quantity['at'];
  let shown: string;
  if (isNumber(map.value)) {
    at = 'value';
    numbers = [String(map.value)];
    shown = numbers[0];
  } else if (isNumber(map.min) && isNumber(map.max)) {
    at = 'min';
    numbers = ['–', '-', ' to '].map((sep) => `${map.min}${sep}${map.max}`);
    shown = numbers[0];
  } else return undefined;
  const spellings = numbers.flatMap((n) => units.map((x) => `${n} ${x}`));
  const comparator = typeof map.comparator === 'string' ? map.comparator : undefined;
  if (comparator === undefined) return { at, text: `${shown} ${u}`, spellings };
  const measure = typeof map.measure === 'string' ? normaliseSpace(map.measure) : '';
  const words = COMPARATOR_WORDS[comparator] ?? [comparator];
  for (const w of words) {
    for (const n of numbers) {
      spellings.push(`${w} ${n}`, `${w} ${n} ${u}`);
      if (measure) spellings.push(`${measure} ${w} ${n}`, `${measure} ${w} ${n} ${u}`);
    }
  }
  return { at, text: `${measure ? `${measure} ` : ''}${comparator} ${shown} ${u}`, spellings };
}

// ---------------------------------------------------------------------------
// Walking an entry

/** Fields that hold no reader-facing claim, at the top of every entry. */
export const NOT_PROSE_FIELDS: readonly string[] = ['id', 'kind', 'status', 'updated', 'replaced_by', 'tags', 'cite', 'references', 'editorial_figures'];

/** A figure in an entry. */
export interface EntryFigure {
  /** JSON Pointer to the string holding it, or to a quantity's `value` or `min`. */
  pointer: string;
  /** The figure, whitespace normalised. */
  figure: string;
  /** For a figure in prose: `[from, to)` in the string. */
  range?: [number, number];
  /** The nearest mapping with a `cite` key (its own or an ancestor) cites something. */
  cited: boolean;
  /** An editorial_figures item marks it. */
  editorial: boolean;
}

/** An editorial_figures item that marks no figure. */
export interface StaleMark {
  /** JSON Pointer to the item's `figure`. */
  pointer: string;
  figure: string;
}

interface Mark {
  text: string;
  used: boolean;
}

/** The editorial_figures items, normalised. */
function readMarks(data: Data): Mark[] {
  const list = Array.isArray(data.editorial_figures) ? data.editorial_figures : [];
  return list.map((item) => {
    const figure = (item as Data | null)?.figure;
    return { text: typeof figure === 'string' ? normaliseSpace(figure) : '', used: false };
  });
}

/**
 * The string with whitespace runs collapsed (not trimmed), and for each
 * offset of the original, the offset it maps to.
 */
function normaliseWithMap(s: string): { text: string; map: Int32Array } {
  const map = new Int32Array(s.length + 1);
  let out = '';
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    map[i] = out.length;
    const sp = /\s/.test(s[i]);
    if (sp && inSpace) continue;
    out += sp ? ' ' : s[i];
    inSpace = sp;
  }
  map[s.length] = out.length;
  return { text: out, map };
}

/** Marks the figures of one string that an editorial mark covers: the mark's text occurs there and contains the figure, or lies inside it. */
function markProse(value: string, found: TextFigure[], figures: EntryFigure[], marks: Mark[]): void {
  const { text, map } = normaliseWithMap(value);
  for (const mark of marks) {
    if (!mark.text) continue;
    const starts: number[] = [];
    for (let at = text.indexOf(mark.text); at !== -1; at = text.indexOf(mark.text, at + 1)) starts.push(at);
    if (!starts.length) continue;
    const len = mark.text.length;
    for (let k = 0; k < found.length; k++) {
      const fa = map[found[k].from];
      const fb = fa + found[k].text.length;
      // A start `a` covers [fa, fb) when a <= fa <= fb <= a + len, or fa <= a <= a + len <= fb.
      const lo = Math.min(fa, fb - len);
      const hi = Math.max(fa, fb - len);
      const first = lowerBound(starts, lo);
      if (first < starts.length && starts[first] <= hi) {
        figures[figures.length - found.length + k].editorial = true;
        mark.used = true;
      }
    }
  }
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keys of a quantity that the quantity itself stands for. */
const QUANTITY_KEYS = new Set(['value', 'min', 'max', 'unit', 'comparator', 'measure']);

/**
 * Every figure in an entry's reader-facing text and quantities, in document
 * order, and the editorial_figures items that mark none. `skip` names
 * top-level fields that hold no prose besides NOT_PROSE_FIELDS (the link
 * fields, whose values are entry IDs). `cite` lists are skipped everywhere.
 */
export function findEntryFigures(data: unknown, skip: Iterable<string> = []): { figures: EntryFigure[]; stale: StaleMark[] } {
  const figures: EntryFigure[] = [];
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { figures, stale: [] };
  const root = data as Data;
  const marks = readMarks(root);
  const skipped = new Set([...NOT_PROSE_FIELDS, ...skip]);
  const path: (string | number)[] = [];

  const visit = (value: unknown, cited: boolean): void => {
    if (typeof value === 'string') {
      const found = findFigures(value);
      if (!found.length) return;
      const pointer = toPointer(path);
      for (const f of found) figures.push({ pointer, figure: f.text, range: [f.from, f.to], cited, editorial: false });
      if (marks.length) markProse(value, found, figures, marks);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], cited);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      const map = value as Data;
      const own = Object.hasOwn(map, 'cite') ? Array.isArray(map.cite) && map.cite.length > 0 : cited;
      const quantity = readQuantity(map);
      if (quantity) {
        const mark = marks.find((m) => m.text && quantity.spellings.includes(m.text));
        for (const m of marks) if (m.text && quantity.spellings.includes(m.text)) m.used = true;
        figures.push({ pointer: toPointer([...path, quantity.at]), figure: quantity.text, cited: own, editorial: mark !== undefined });
      }
      for (const k of Object.keys(map)) {
        if (k === 'cite' || (quantity && QUANTITY_KEYS.has(k)) || (path.length === 0 && skipped.has(k))) continue;
        path.push(k);
        visit(map[k], own);
        path.pop();
      }
    }
  };
  visit(root, false);
  const stale = marks.flatMap((m, i) => (m.used ? [] : [{ pointer: toPointer(['editorial_figures', i, 'figure']), figure: m.text }]));
  return { figures, stale };
}
