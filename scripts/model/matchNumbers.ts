/**
 * Numbers as the figure scanner reads them: digits with decimal and
 * thousands separators, number words, ranges of either, and whether a
 * number stands alone or belongs to a name (COVID-19, vitamin B6).
 */
import { DASHES, HYPHENS, isAsciiLetter, isDigit, isLetterBefore, isWordChar, skipSpace } from './matchFigureText';

/** Number words that make a figure with a unit of time ("eight weeks", "four to eight weeks"). "one" is left out: it is mostly an article ("one day"). */
export const SPELLED_NUMBERS: readonly string[] = [
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];

const SPELLED = new Set(SPELLED_NUMBERS);

/** Spaces typesetters put between groups of three digits ("10 000"): no-break, figure, thin and narrow no-break space. A plain space does not group ("2 250 mg tablets" is two tablets). */
const GROUP_SPACES: ReadonlySet<number> = new Set([0xa0, 0x2007, 0x2009, 0x202f]);

/** Whether a digit at `i` starts a group of exactly three digits. */
const isGroupOfThree = (text: string, i: number) => isDigit(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && !isDigit(text.charCodeAt(i + 3));

/**
 * Whether a number starts at `i`: an ASCII digit, or a `.` before a digit
 * that does not end a word, a number or another `.` (".5 mg", not "v2.5" or
 * "...5").
 */
export function isNumberStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isDigit(c)) return true;
  if (c !== 0x2e || !isDigit(text.charCodeAt(i + 1))) return false;
  if (i === 0) return true;
  const b = text.charCodeAt(i - 1);
  return !(isDigit(b) || b === 0x2e || b === 0x2c || isLetterBefore(text, i));
}

/**
 * The end of the number at `i`: digits, with `.` or `,` between digit groups
 * (1.5, 0,5, 1,000), a leading `.` (.5), and a no-break or thin space before
 * each group of exactly three digits after a group of one to three
 * (10 000, 1 000 000).
 */
export function endOfNumber(text: string, i: number): number {
  const leadingPoint = text.charCodeAt(i) === 0x2e;
  let j = leadingPoint ? i + 1 : i;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  // Thousands are grouped only after a first group of one to three digits.
  let grouping = !leadingPoint && j - i <= 3;
  for (;;) {
    const c = text.charCodeAt(j);
    if ((c === 0x2e || c === 0x2c) && isDigit(text.charCodeAt(j + 1))) {
      grouping = false;
      j++;
    } else if (grouping && GROUP_SPACES.has(c) && isGroupOfThree(text, j + 1)) {
      j++;
    } else break;
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
export function gluedBefore(text: string, i: number): boolean {
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

/** Whether `[from, to)` is a 4-digit year, 1900–2099, written plainly. */
export const isYear = (text: string, from: number, to: number): boolean =>
  to - from === 4 && (text.startsWith('19', from) || text.startsWith('20', from)) && isDigit(text.charCodeAt(from + 2)) && isDigit(text.charCodeAt(from + 3));

/** A spelled number word (two … twenty) at `i`, at a word start: its end, or -1. */
export function matchSpelled(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i <= 9 && isAsciiLetter(text.charCodeAt(j))) j++;
  if (isWordChar(text, j)) return -1;
  return SPELLED.has(text.slice(i, j).toLowerCase()) ? j : -1;
}

/** One side of a range: a number at `i` (or a number word, when `spelled`): its end, or -1. */
export function matchNumber(text: string, i: number, spelled: boolean): number {
  if (spelled) return matchSpelled(text, i);
  return i < text.length && isNumberStart(text, i) ? endOfNumber(text, i) : -1;
}

/** After the first number: `–8`, ` - 8`, ` to 8`: the end of the second, or -1. */
export function matchRangeEnd(text: string, i: number, spelled: boolean): number {
  let j = skipSpace(text, i, 0);
  if (j === -1) return -1;
  if (j < text.length && DASHES.has(text.charCodeAt(j))) {
    j = skipSpace(text, j + 1, 0);
  } else {
    if (j === i || !text.startsWith('to', j) || j + 2 >= text.length) return -1;
    j = skipSpace(text, j + 2, 1);
  }
  return j === -1 ? -1 : matchNumber(text, j, spelled);
}
