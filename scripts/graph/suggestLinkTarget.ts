/**
 * "Did you mean" for a link to an ID no entry has: the entry whose ID is
 * closest to what was written, else the entry whose title is (a title typed
 * instead of an ID). The answer is `closest()`'s over every ID and every
 * lowercased title; this only skips the work that cannot change it.
 */
import { MAX_SUGGEST_CHARS } from '../core/limits';
import { closest } from '../core/suggest';
import { titleOf, type LinkGraph } from './buildLinkGraph';

// Code-unit counts for bagDistance, zeroed again after each use.
const counts = new Int32Array(0x10000);

/**
 * The bag distance of two strings: how many characters one has that the
 * other lacks, counted with repeats, the larger of the two ways. No edit
 * changes either count by more than one, so it is a lower bound of the edit
 * distance, and costs a pass or two over each string.
 */
function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)]++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i)]--;
  const [moreA, fewerA] = drain(a, 0, 0);
  const [more, fewer] = drain(b, moreA, fewerA);
  return Math.max(more, fewer);
}

/** Adds up and zeroes the counts of the characters of `s`. */
function drain(s: string, more: number, fewer: number): [number, number] {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const n = counts[c];
    if (n > 0) more += n;
    else fewer -= n;
    counts[c] = 0;
  }
  return [more, fewer];
}

/** Candidates for closest(), with what the filter below needs of each, computed once per suggester. */
interface Candidates {
  names: readonly string[];
  /** `names[i].toLowerCase()`: what closest() compares. */
  lowered: readonly string[];
  /** charMask of each lowered name. */
  masks: Int32Array;
}

function candidates(names: readonly string[]): Candidates {
  const lowered = names.map((s) => s.toLowerCase());
  return { names, lowered, masks: Int32Array.from(lowered, charMask) };
}

/**
 * Which of 32 buckets (a character code modulo 32) the characters of `s`
 * fall in. A character one string has and the other lacks leaves a bucket
 * set only in the first, unless another character shares it, so the buckets
 * set in one mask only are at most the bag distance (hex IDs use 16
 * distinct buckets).
 */
function charMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) mask |= 1 << (s.charCodeAt(i) & 31);
  return mask;
}

function bitCount(n: number): number {
  let count = 0;
  for (let m = n; m !== 0; m &= m - 1) count++;
  return count;
}

/**
 * The candidates closest() could pick for `word`, in their order. It
 * compares lowercased strings and accepts at most `limit` edits; a candidate
 * whose bag distance is over that never wins (and the masks rule out most
 * without counting), while comparing 100 broken links with 10,000 IDs by
 * edit distance took seconds.
 */
function plausible(word: string, c: Candidates): string[] {
  if (word.length > MAX_SUGGEST_CHARS) return [];
  const limit = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  const mask = charMask(lower);
  const out: string[] = [];
  for (let i = 0; i < c.names.length; i++) {
    const name = c.names[i];
    // closest() skips these itself.
    if (Math.abs(name.length - word.length) > limit || name.length > MAX_SUGGEST_CHARS + limit) continue;
    if (bitCount(mask & ~c.masks[i]) > limit || bitCount(c.masks[i] & ~mask) > limit) continue;
    if (bagDistance(lower, c.lowered[i]) <= limit) out.push(name);
  }
  return out;
}

interface Index {
  ids: Candidates;
  /** Lowercased title → ID (the last entry with that title, as a Map built in order keeps it). */
  titles: Map<string, string>;
  titleKeys: Candidates;
}

function indexOf(graph: LinkGraph): Index {
  const titles = new Map<string, string>();
  for (const [id, e] of graph.byId) titles.set((titleOf(e) ?? '').toLowerCase(), id);
  return { ids: candidates([...graph.byId.keys()]), titles, titleKeys: candidates([...titles.keys()]) };
}

/**
 * A suggester over one graph. The candidate lists are built on the first
 * suggestion (a library without broken links never builds them), and each
 * distinct target is answered once: many links to one deleted entry cost one.
 */
export function linkSuggester(graph: LinkGraph): (target: string) => string | undefined {
  let index: Index | undefined;
  const answers = new Map<string, string | undefined>();
  return (target) => {
    if (answers.has(target)) return answers.get(target);
    const c = (index ??= indexOf(graph));
    const malformed = !/^[0-9a-f]{8}$/.test(target);
    let guess = malformed ? undefined : closest(target, plausible(target, c.ids));
    if (guess === undefined) {
      const lower = target.toLowerCase();
      const byTitle = closest(lower, plausible(lower, c.titleKeys));
      guess = byTitle !== undefined ? c.titles.get(byTitle) : undefined;
    }
    answers.set(target, guess);
    return guess;
  };
}
