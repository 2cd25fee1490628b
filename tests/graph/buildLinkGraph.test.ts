import { describe, expect, it } from 'vitest';
import { buildLinkGraph, finalReplacement } from '../../scripts/graph/buildLinkGraph';
import { parseEntry } from '../../scripts/load/parseEntry';
import { entry } from '../support/fixtures';

function graphOf(files: Record<string, string>) {
  return buildLinkGraph(Object.entries(files).map(([p, t]) => parseEntry(p, t).entry!));
}

describe('buildLinkGraph', () => {
  const g = graphOf({
    'topic.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb]\nrelated:\n  - cccccccc\nsections:\n  - heading: More\n    body: See [[bbbbbbbb|the myth]] and [[dddddddd]].\n'),
    'myth.yaml': entry('misconception', 'bbbbbbbb', 'corrects: aaaaaaaa\n'),
  });

  it('indexes structured links with their pointer and allowed kinds', () => {
    const l = g.links.filter((x) => !x.inline).map((x) => [x.source.id, x.field, x.pointer, x.target, x.kinds]);
    expect(l).toEqual([
      ['aaaaaaaa', 'related', '/related/0', 'cccccccc', ['topic', 'form-comparison', 'interaction', 'population-caution', 'misconception']],
      ['aaaaaaaa', 'misconceptions', '/misconceptions/0', 'bbbbbbbb', ['misconception']],
      ['bbbbbbbb', 'corrects', '/corrects', 'aaaaaaaa', ['topic']],
    ]);
  });

  it('indexes inline links with the pointer of their string and their range', () => {
    const l = g.links.filter((x) => x.inline).map((x) => [x.field, x.pointer, x.target, x.range]);
    expect(l).toEqual([
      ['sections', '/sections/0/body', 'bbbbbbbb', [4, 25]],
      ['sections', '/sections/0/body', 'dddddddd', [30, 42]],
    ]);
  });

  it('keeps backlinks by target, including to IDs no entry has', () => {
    expect(g.incoming.get('bbbbbbbb')!.map((l) => [l.source.id, l.field, l.inline])).toEqual([
      ['aaaaaaaa', 'misconceptions', false],
      ['aaaaaaaa', 'sections', true],
    ]);
    expect(g.incoming.get('dddddddd')).toHaveLength(1);
    expect(g.outgoing.get('bbbbbbbb')!.map((l) => l.target)).toEqual(['aaaaaaaa']);
  });

  it('finds an inline link written with an escape, and none in id, references or link fields', () => {
    const t = entry('topic', 'aaaaaaaa', 'related: ["[[bbbbbbbb]]"]\n').replace(/^summary: .*$/m, 'summary: "An escaped \\x5b[bbbbbbbb]] link."');
    const withRef = t.replace('    title: Magnesium fact sheet', '    title: See [[bbbbbbbb]]');
    expect(graphOf({ 't.yaml': withRef }).links.map((l) => [l.field, l.pointer, l.target, l.inline])).toEqual([
      ['related', '/related/0', '[[bbbbbbbb]]', false],
      ['summary', '/summary', 'bbbbbbbb', true],
    ]);
  });

  it('resolves each link to the entry it points at, at the same index', () => {
    expect(g.targets).toHaveLength(g.links.length);
    expect(g.links.map((l, i) => [l.target, g.targets[i]?.id])).toEqual([
      ['cccccccc', undefined],
      ['bbbbbbbb', 'bbbbbbbb'],
      ['bbbbbbbb', 'bbbbbbbb'],
      ['dddddddd', undefined],
      ['aaaaaaaa', 'aaaaaaaa'],
    ]);
  });

  it("extracts an entry's links once, however many graphs are built from it", () => {
    const e = parseEntry('t.yaml', entry('topic', 'aaaaaaaa', 'related: [bbbbbbbb]\n')).entry!;
    let reads = 0;
    const data = e.data as Record<string, unknown>;
    e.data = new Proxy(data, { get: (t, p) => (p === 'related' && reads++, Reflect.get(t, p)) });
    expect(buildLinkGraph([e]).links.map((l) => l.target)).toEqual(['bbbbbbbb']);
    const once = reads;
    for (let i = 0; i < 3; i++) expect(buildLinkGraph([e]).links.map((l) => l.target)).toEqual(['bbbbbbbb']);
    expect(reads).toBe(once);
  });

  it('follows replaced_by chains to the live entry, and gives up on a loop', () => {
    const chain = graphOf({
      '1.yaml': entry('topic', 'aaaa1111', 'replaced_by: aaaa2222\n', 'retired'),
      '2.yaml': entry('topic', 'aaaa2222', 'replaced_by: aaaa3333\n', 'retired'),
      '3.yaml': entry('topic', 'aaaa3333'),
      '4.yaml': entry('topic', 'aaaa4444', 'replaced_by: aaaa5555\n', 'retired'),
      '5.yaml': entry('topic', 'aaaa5555', 'replaced_by: aaaa4444\n', 'retired'),
    });
    expect(finalReplacement(chain, 'aaaa1111')?.id).toBe('aaaa3333');
    expect(finalReplacement(chain, 'aaaa3333')?.id).toBe('aaaa3333');
    expect(finalReplacement(chain, 'aaaa4444')).toBeUndefined();
  });
});

describe('finalReplacement on a long chain', () => {
  it('resolves every entry of a 20,000-entry chain, each step read once', () => {
    const n = 20_000;
    const id = (i: number) => `c${String(i).padStart(7, '0')}`;
    const entries = Array.from({ length: n }, (_, i) => {
      const status = i === n - 1 ? 'published' : 'retired';
      const replaced = i === n - 1 ? '' : `replaced_by: ${id(i + 1)}\n`;
      return parseEntry(`${i}.yaml`, `id: ${id(i)}\nstatus: ${status}\n${replaced}`).entry!;
    });
    const graph = buildLinkGraph(entries);
    let reads = 0;
    const byId = graph.byId;
    graph.byId = new Proxy(byId, { get: (t, p) => (p === 'get' ? (k: string) => (reads++, t.get(k)) : Reflect.get(t, p, t)) }) as typeof byId;
    for (let i = 0; i < n; i++) expect(finalReplacement(graph, id(i))?.id).toBe(id(n - 1));
    // Linear: about two reads per entry (its own lookup and one step), not the chain's length per entry.
    expect(reads).toBeLessThan(3 * n);
  });
});
