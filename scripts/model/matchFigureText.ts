/**
 * The character classes and literal patterns the figure scanner
 * (findFigures.ts) is built from, and the one definition of "whitespace"
 * that scanning, showing and comparing figures share.
 */

// ---------------------------------------------------------------------------
// Characters

/**
 * Code points above ASCII that count as whitespace inside and around a
 * figure: Unicode spaces (no-break, thin, ideographic…), line and paragraph
 * separators, and the invisible characters that can sit between a number
 * and its unit without showing: zero-width spaces and joiners, direction
 * marks and embeddings, the soft hyphen, the word joiner and the byte-order
 * mark.
 */
const WIDE_SPACES: readonly (number | [number, number])[] = [
  0x85, 0xa0, 0xad, 0x61c, 0x1680, 0x180e, [0x2000, 0x200f], [0x2028, 0x202f], 0x205f, [0x2060, 0x2064], [0x2066, 0x206f], 0x3000, 0xfeff,
];

const WIDE = new Set<number>();
for (const r of WIDE_SPACES) {
  if (typeof r === 'number') WIDE.add(r);
  else for (let c = r[0]; c <= r[1]; c++) WIDE.add(c);
}

/** Whether a UTF-16 code unit is whitespace for figures: ASCII space, tab and line breaks, or one of WIDE_SPACES. */
export function isSpace(c: number): boolean {
  return c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : WIDE.has(c);
}

/** Runs of figure whitespace, as a regular expression (the same class as isSpace). */
const SPACE_RUN = new RegExp(
  `[\\t-\\r ${WIDE_SPACES.map((r) => (typeof r === 'number' ? `\\u{${r.toString(16)}}` : `\\u{${r[0].toString(16)}}-\\u{${r[1].toString(16)}}`)).join('')}]+`,
  'gu',
);

/** Collapses whitespace runs (isSpace) to single spaces and trims: how figures are shown and compared. */
export function normaliseSpace(s: string): string {
  return s.replace(SPACE_RUN, ' ').trim();
}

/**
 * The string with whitespace runs collapsed to one space (not trimmed), and
 * for each offset of the original, including its end, the offset it maps to.
 */
export function normaliseWithMap(s: string): { text: string; map: Int32Array } {
  const map = new Int32Array(s.length + 1);
  const parts: string[] = [];
  let length = 0;
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    map[i] = length;
    const sp = isSpace(s.charCodeAt(i));
    if (sp && inSpace) continue;
    parts.push(sp ? ' ' : s[i]);
    length++;
    inSpace = sp;
  }
  map[s.length] = length;
  return { text: parts.join(''), map };
}

/** Whether a code unit is an ASCII digit. */
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Whether a code unit is an ASCII letter. */
export const isAsciiLetter = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

const LETTER = /\p{L}/u;

/** Whether the character at `i` is a letter, in any script. */
export function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiLetter(c);
  if (Number.isNaN(c)) return false;
  return LETTER.test(String.fromCodePoint(text.codePointAt(i)!));
}

/** Whether the character before `i` is a letter, looking across a surrogate pair. */
export function isLetterBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return isLetterAt(text, i - 2);
  return isLetterAt(text, i - 1);
}

/** Whether the character at `i` is a letter or an ASCII digit. */
export const isWordChar = (text: string, i: number): boolean => i < text.length && (isDigit(text.charCodeAt(i)) || isLetterAt(text, i));

/** Hyphens: what joins a number to a word ("8-week", "omega-3"). */
export const HYPHENS: ReadonlySet<number> = new Set([0x2d, 0x2010, 0x2011]);

/** Hyphens and dashes: what may stand between the ends of a range ("4–8"). */
export const DASHES: ReadonlySet<number> = new Set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]);

/** The most whitespace characters between the parts of one figure. */
export const MAX_SPACE = 4;

/** The end of a run of `min` to MAX_SPACE whitespace characters from `i`, or -1 when there are fewer or more (a figure does not straddle a gap). */
export function skipSpace(text: string, i: number, min: number): number {
  let j = i;
  while (j < text.length && j - i <= MAX_SPACE && isSpace(text.charCodeAt(j))) j++;
  const n = j - i;
  return n < min || n > MAX_SPACE ? -1 : j;
}

// ---------------------------------------------------------------------------
// Literal patterns: units, rates, comparators

/** A literal to match: letters of a multi-letter pattern match without regard to case. */
export interface Pattern {
  text: string;
  /** Match letters without regard to case. */
  fold: boolean;
}

/** A table of patterns, bucketed by their first character (lower-cased), longest first, so a lookup tries few. */
export type PatternTable = ReadonlyMap<string, readonly Pattern[]>;

/** Builds a PatternTable. Single-character patterns (`g`, `L`, `h`) match only as written. */
export function bucket(list: readonly string[]): PatternTable {
  const map = new Map<string, Pattern[]>();
  for (const text of [...list].sort((a, b) => b.length - a.length)) {
    const k = text[0].toLowerCase();
    const p: Pattern = { text, fold: text.length > 1 };
    map.set(k, [...(map.get(k) ?? []), p]);
  }
  return map;
}

/** Matches one pattern at `i`: its end, or -1. A space in the pattern matches 1–MAX_SPACE whitespace characters. */
export function matchPattern(text: string, i: number, p: Pattern): number {
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

/** Whether a pattern ends in a letter or digit, so must not run into another one. */
function endsInWord(p: Pattern): boolean {
  const last = p.text.charCodeAt(p.text.length - 1);
  return isDigit(last) || isAsciiLetter(last) || last === 0xb2;
}

/**
 * The end of the longest pattern of `table` at `i` that ends at a word
 * boundary (a pattern ending in a letter or digit must not run into another
 * one), or -1. A single-letter pattern must not be followed by a hyphen
 * either: "1.5 L-threonate" is no volume.
 */
export function matchAny(text: string, i: number, table: PatternTable): number {
  const p = matchPatternOf(text, i, table);
  return p ? p.end : -1;
}

/** Like matchAny, with the pattern that matched. */
export function matchPatternOf(text: string, i: number, table: PatternTable): { pattern: Pattern; end: number } | undefined {
  if (i >= text.length) return undefined;
  const list = table.get(text[i].toLowerCase());
  if (!list) return undefined;
  for (const p of list) {
    const end = matchPattern(text, i, p);
    if (end === -1) continue;
    const word = endsInWord(p);
    if (word && isWordChar(text, end)) continue;
    if (p.text.length === 1 && word && end < text.length && HYPHENS.has(text.charCodeAt(end))) continue;
    return { pattern: p, end };
  }
  return undefined;
}

/** The most characters wordsBefore reads of one word: a longer word is no word it looks for. */
const MAX_WORD = 24;

/**
 * Up to `max` words before `i`, nearest first, lower-cased. Words are runs of
 * letters and digits; whitespace, hyphens and the opening `(` and `:` of an
 * aside ("eGFR (below 30", "eGFR: below 30") separate them. Reading stops at
 * any other character, and looks at most a bounded way back.
 */
export function wordsBefore(text: string, i: number, max: number): string[] {
  const out: string[] = [];
  let j = i;
  while (out.length < max) {
    let gap = 0;
    while (j > 0 && gap <= MAX_SPACE) {
      const c = text.charCodeAt(j - 1);
      if (!(isSpace(c) || HYPHENS.has(c) || c === 0x28 || c === 0x3a)) break;
      j--;
      gap++;
    }
    if (gap > MAX_SPACE || (out.length > 0 && gap === 0)) break;
    const end = j;
    while (j > 0 && end - j <= MAX_WORD && (isDigit(text.charCodeAt(j - 1)) || isLetterBefore(text, j))) j--;
    if (j === end || end - j > MAX_WORD) break;
    out.push(text.slice(j, end).toLowerCase());
  }
  return out;
}
