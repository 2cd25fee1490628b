import { describe, expect, it } from 'vitest';
import { closest } from '../../scripts/core/suggest';
import type { LinkGraph } from '../../scripts/graph/buildLinkGraph';
import { linkSuggester } from '../../scripts/graph/suggestLinkTarget';
import type { LoadedEntry } from '../../scripts/load/parseEntry';

/** A small deterministic random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

/** What broken-link suggested before the filter: closest() over every ID, then over every lowercased title. */
function everyCandidate(graph: LinkGraph, target: string): string | undefined {
  const titles = new Map<string, string>();
  for (const [id, e] of graph.byId) titles.set((typeof (e.data as { title?: unknown }).title === 'string' ? ((e.data as { title: string }).title) : '').toLowerCase(), id);
  const byId = /^[0-9a-f]{8}$/.test(target) ? closest(target, graph.byId.keys()) : undefined;
  const byTitle = closest(target.toLowerCase(), titles.keys());
  return byId ?? (byTitle !== undefined ? titles.get(byTitle) : undefined);
}

describe('linkSuggester', () => {
  it('suggests what comparing with every ID and title would, for IDs, titles and odd characters', () => {
    const rnd = random(7);
    const alphabets = ['0123456789abcdef', 'abcdefghijklmnopqrstuvwxyzABC  -', 'aAäÄİıẞß\u0130é e'];
    const text = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    let suggested = 0;
    for (let round = 0; round < 60; round++) {
      const alphabet = alphabets[round % alphabets.length];
      const byId = new Map<string, LoadedEntry>();
      for (let i = 0; i < 150; i++) {
        const id = round % 3 === 0 ? text(alphabet, 8) : text(alphabet, 6 + Math.floor(rnd() * 5));
        if (!byId.has(id)) byId.set(id, { id, data: { title: rnd() < 0.1 ? 5 : text(alphabet, Math.floor(rnd() * 24)) } } as unknown as LoadedEntry);
      }
      const graph = { byId } as LinkGraph;
      const names = [...byId.keys(), ...[...byId.values()].map((e) => String((e.data as { title: unknown }).title))];
      const suggest = linkSuggester(graph);
      for (let q = 0; q < 25; q++) {
        // A typo of an ID or title: a few characters inserted, replaced or dropped, and sometimes upper case.
        let target = names[Math.floor(rnd() * names.length)];
        for (let k = Math.floor(rnd() * 4); k > 0; k--) {
          const at = Math.floor(rnd() * (target.length + 1));
          target = target.slice(0, at) + text(alphabet, Math.floor(rnd() * 2)) + target.slice(at + Math.floor(rnd() * 2));
        }
        if (rnd() < 0.3) target = target.toUpperCase();
        const expected = everyCandidate(graph, target);
        if (expected !== undefined) suggested++;
        expect([target, suggest(target)]).toEqual([target, expected]);
      }
    }
    // The cases must exercise suggestions, not only their absence.
    expect(suggested).toBeGreaterThan(500);
  });

  it('builds its candidates once, on the first suggestion, and answers a repeated target from memory', () => {
    let reads = 0;
    const entries = new Map(['aaaaaaaa', 'bbbbbbbb'].map((id) => [id, { id, data: { title: `Entry ${id}` } } as unknown as LoadedEntry]));
    const byId = new Proxy(entries, {
      get: (t, p) => {
        reads++;
        const v = Reflect.get(t, p, t);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
    const suggest = linkSuggester({ byId } as LinkGraph);
    expect(reads).toBe(0);
    expect(suggest('aaaaaaab')).toBe('aaaaaaaa');
    const once = reads;
    expect(suggest('aaaaaaab')).toBe('aaaaaaaa');
    expect(suggest('bbbbbbbc')).toBe('bbbbbbbb');
    expect(reads).toBe(once);
  });
});
