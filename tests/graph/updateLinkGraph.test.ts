/**
 * updateLinkGraph gives what buildLinkGraph gives, to the order of every
 * list, through seeded random edits: links added, removed and moved, IDs
 * changed and duplicated, inline links, entries that link to themselves.
 */
import { describe, expect, it } from 'vitest';
import { buildLinkGraph, type LinkGraph } from '../../scripts/graph/buildLinkGraph';
import { updateLinkGraph, type GraphMemo } from '../../scripts/graph/updateLinkGraph';
import { parseEntry, type LoadedEntry } from '../../scripts/load/parseEntry';
import { createRandom } from '../../tools/bench/createRandom';
import { entry } from '../support/fixtures';

const IDS = Array.from({ length: 40 }, (_, i) => `aaaa${String(i).padStart(4, '0')}`.replace(/^aaaa00/, 'aaaab0'));

/** A topic or misconception at `path` with `id` and random links among IDS (some to IDs no entry has). */
function randomEntry(path: string, random: ReturnType<typeof createRandom>): LoadedEntry {
  const pick = () => (random.uint32() % 10 === 0 ? 'ffff0000' : IDS[random.uint32() % IDS.length]);
  const id = IDS[random.uint32() % IDS.length];
  const links = Array.from({ length: random.uint32() % 5 }, pick);
  const inline = random.uint32() % 3 === 0 ? `\nsections:\n  - heading: More\n    body: See [[${pick()}]] and [[${pick()}]].\n` : '\n';
  const text = random.uint32() % 2 ? entry('topic', id, `related: [${links.join(', ')}]${inline}`) : entry('misconception', id, `related: [${links.join(', ')}]\n`);
  const parsed = parseEntry(path, text);
  if (!parsed.entry) throw new Error(JSON.stringify(parsed.findings));
  return parsed.entry;
}

/** The graph as plain data, with entries and links named by path and pointer. */
function shape(g: LinkGraph) {
  const name = (e: LoadedEntry | undefined) => e?.file.path ?? null;
  const link = (l: { source: LoadedEntry; pointer: string; target: string; range?: [number, number] }) => `${l.source.file.path}${l.pointer}@${l.range?.join('-') ?? ''}→${l.target}`;
  const sorted = <T>(m: Map<string, T>, f: (v: T) => unknown) => [...m].map(([k, v]) => [k, f(v)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  return {
    byId: sorted(g.byId, name),
    links: g.links.map(link),
    targets: g.targets.map(name),
    outgoing: sorted(g.outgoing, (l) => l.map(link)),
    incoming: sorted(g.incoming, (l) => l.map(link)),
    complete: g.complete,
  };
}

describe('updateLinkGraph', () => {
  it('matches a full build through 300 seeded random edits of 1 to 5 entries', () => {
    const random = createRandom(20261207);
    const paths = Array.from({ length: 60 }, (_, i) => `entries/e${String(i).padStart(3, '0')}.yaml`);
    let entries = paths.map((p) => randomEntry(p, random));
    let memo: GraphMemo = { entries, graph: buildLinkGraph(entries) };
    for (let round = 0; round < 300; round++) {
      const next = [...entries];
      const edits = 1 + (random.uint32() % 5);
      for (let k = 0; k < edits; k++) {
        const i = random.uint32() % next.length;
        next[i] = randomEntry(paths[i], random);
      }
      const updated = updateLinkGraph(memo, next);
      expect(shape(updated), `round ${round}`).toEqual(shape(buildLinkGraph(next)));
      // The last graph's lists are left as they were: it may still be in use.
      expect(shape(memo.graph)).toEqual(shape(buildLinkGraph(entries)));
      entries = next;
      memo = { entries, graph: updated };
    }
  });

  it('builds anew when files were added, removed or renamed', () => {
    const random = createRandom(7);
    const entries = ['entries/a.yaml', 'entries/b.yaml'].map((p) => randomEntry(p, random));
    const memo = { entries, graph: buildLinkGraph(entries) };
    const renamed = [entries[0], randomEntry('entries/c.yaml', random)];
    expect(shape(updateLinkGraph(memo, renamed))).toEqual(shape(buildLinkGraph(renamed)));
    const added = [...entries, randomEntry('entries/d.yaml', random)];
    expect(shape(updateLinkGraph(memo, added))).toEqual(shape(buildLinkGraph(added)));
  });
});
