/**
 * An entry's `editorial_figures` items ("marks"), and which figures each
 * covers. A mark covers a figure in prose when, in the same string, it
 * contains the whole figure ("eGFR below 30" covers "below 30"), or lies
 * inside it starting and ending at word boundaries and contains the number
 * the figure states ("350 mg" covers "350 mg a day"; "5 mg" does not cover
 * "25 mg", nor "8 weeks" "4–8 weeks", nor "0" "500 mg"). It covers a
 * structured quantity when it equals one of the quantity's spellings.
 */
import type { TextFigure } from './findFigures';
import { isWordChar, normaliseSpace, normaliseWithMap } from './matchFigureText';

/** An editorial_figures item, as matched: its figure with whitespace normalised ("" when it has none), and whether it covered anything. */
export interface Mark {
  text: string;
  used: boolean;
}

/** The entry's editorial_figures items, normalised, in order. */
export function readMarks(data: Record<string, unknown>): Mark[] {
  const list = Array.isArray(data.editorial_figures) ? data.editorial_figures : [];
  return list.map((item) => {
    const figure = (item as Record<string, unknown> | null)?.figure;
    return { text: typeof figure === 'string' ? normaliseSpace(figure) : '', used: false };
  });
}

/** The first index of `sorted` whose value is at least `x`. */
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

/** Whether `p` is a word boundary of `text`: not between two letters or digits. */
const isBoundary = (text: string, p: number) => p === 0 || p === text.length || !(isWordChar(text, p - 1) && isWordChar(text, p));

/**
 * Which of the figures found in one string the marks cover, by index into
 * `found`; marks that cover one are set `used`. Work is bounded by the
 * string's length and the figures' lengths, per mark.
 */
export function coverProse(value: string, found: readonly TextFigure[], marks: Mark[]): boolean[] {
  const covered = found.map(() => false);
  if (!found.length || !marks.some((m) => m.text)) return covered;
  const { text, map } = normaliseWithMap(value);
  for (const mark of marks) {
    if (!mark.text) continue;
    const starts: number[] = [];
    for (let at = text.indexOf(mark.text); at !== -1; at = text.indexOf(mark.text, at + 1)) starts.push(at);
    if (!starts.length) continue;
    const len = mark.text.length;
    found.forEach((f, k) => {
      // The figure [fa, fb) and the number it states [va, vb), in the normalised text.
      const fa = map[f.from];
      const fb = map[f.to];
      const va = map[f.value[0]];
      const vb = map[f.value[1]];
      // The mark contains the figure: it starts in [fb - len, fa].
      const around = lowerBound(starts, fb - len);
      let hit = around < starts.length && starts[around] <= fa;
      // The figure contains the mark, and the mark its number: it starts in [max(fa, vb - len), min(va, fb - len)], at word boundaries.
      const last = Math.min(va, fb - len);
      for (let n = lowerBound(starts, Math.max(fa, vb - len)); !hit && n < starts.length && starts[n] <= last; n++) {
        hit = isBoundary(text, starts[n]) && isBoundary(text, starts[n] + len);
      }
      if (hit) {
        covered[k] = true;
        mark.used = true;
      }
    });
  }
  return covered;
}

/** Whether any mark equals one of a structured quantity's spellings; those that do are set `used`. */
export function coverQuantity(spellings: readonly string[], marks: Mark[]): boolean {
  let covered = false;
  for (const mark of marks) {
    if (mark.text && spellings.includes(mark.text)) {
      mark.used = true;
      covered = true;
    }
  }
  return covered;
}
