/**
 * "Did you mean" suggestions. The work is bounded: a word longer than
 * MAX_SUGGEST_CHARS gets none, and each comparison stops as soon as the
 * distance is over the allowance, so a suggestion costs about
 * candidates × word length, never the square of a long input.
 */
import { MAX_SUGGEST_CHARS } from './limits';

/**
 * Edit distance between two strings (Levenshtein), or `max + 1` once it is
 * known to be over `max`. Work is O(a × (2·max + 1)).
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // One row of the table, limited to the band |i - j| <= max; cells outside it count as max + 1.
  const over = max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => (j <= max ? j : over));
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(over);
    row[0] = i <= max ? i : over;
    let best = row[0];
    for (let j = Math.max(1, i - max); j <= Math.min(b.length, i + max); j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), over);
      if (row[j] < best) best = row[j];
    }
    if (best > max) return over;
    prev = row;
  }
  return Math.min(prev[b.length], over);
}

/**
 * The closest candidate to `word`, if it is close enough to be a plausible
 * typo (at most a third of the word's length, and at least 1 edit allowed).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGEST_CHARS) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit || c.length > MAX_SUGGEST_CHARS + limit) continue;
    const d = editDistance(lower, c.toLowerCase(), Math.min(limit, bestDistance - 1));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}
