/** "Did you mean": the same answers as a full edit distance, with the work bounded. */
import { describe, expect, it } from 'vitest';
import { MAX_SUGGEST_CHARS } from '../../scripts/core/limits';
import { closest, editDistance } from '../../scripts/core/suggest';

/** The textbook full table, to check the banded one against. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['sumary', 'summary', 1],
    ['3ca17b72', '3ca17b27', 2],
    ['kitten', 'sitting', 3],
    ['abc', '', 3],
  ])('%j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('agrees with the full table within the band, and says "over" beyond it', () => {
    const words = ['orphan', 'orphen', 'ophan', 'orphans', 'broken-link', 'broken-lnik', 'link-kind', 'x', 'schema', 'shcema'];
    for (const a of words) {
      for (const b of words) {
        const full = fullDistance(a, b);
        for (const max of [0, 1, 2, 3]) expect(editDistance(a, b, max)).toBe(full <= max ? full : max + 1);
      }
    }
  });
});

describe('closest', () => {
  it.each([
    ['sumary', ['summary', 'status'], 'summary'],
    ['orphen', ['orphan', 'self-link'], 'orphan'],
    ['SUMMARY', ['summary'], 'summary'],
    ['zzz', ['summary'], undefined],
    ['3ca17b27', ['3ca17b72', '5e0c2a91'], '3ca17b72'],
  ])('%j among %j → %j', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });

  it('gives no suggestion for a word too long to be a typo, without comparing it', () => {
    const huge = 'a'.repeat(1_000_000);
    let looked = 0;
    const candidates = { *[Symbol.iterator]() { looked++; yield huge; } };
    expect(closest(huge, candidates)).toBeUndefined();
    expect(looked).toBe(0);
    expect(closest('a'.repeat(MAX_SUGGEST_CHARS + 1), ['a'.repeat(MAX_SUGGEST_CHARS)])).toBeUndefined();
  });
});
