/** The graph layout: deterministic, everything inside the drawing, no two entries on top of each other, one line per pair. */
import { describe, expect, it } from 'vitest';
import type { GraphData } from '../../scripts/graph/graphData';
import { labelWidth, layoutGraph, truncate, wrapTitle } from '../../scripts/report/layoutGraph';

const KINDS = ['topic', 'form-comparison', 'interaction', 'population-caution', 'misconception'];

/** A library-shaped graph: 3 topics linked to everything, other kinds linked to a topic and a neighbour. */
function libraryGraph(n = 20, seed = 7): GraphData {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: (0x10000000 + i * 7919).toString(16),
    kind: i < 3 ? 'topic' : KINDS[1 + (i % 4)],
    title: `Entry number ${i} with a title of some length${i % 3 ? ' and a few more words to wrap' : ''}`,
    status: i === 5 ? 'draft' : i === 6 ? 'retired' : 'published',
  }));
  const edges: GraphData['edges'] = [];
  for (const a of nodes) for (const b of nodes) if (a !== b && (a.kind === 'topic' || b.kind === 'topic' || rand() < 0.05)) edges.push({ from: a.id, to: b.id, field: rand() < 0.5 ? 'related' : 'sections' });
  return { nodes, edges };
}

describe('layoutGraph', () => {
  it('gives the same layout for the same graph, whatever the input order', () => {
    const g = libraryGraph();
    const shuffled = { nodes: [...g.nodes].reverse(), edges: [...g.edges].reverse() };
    expect(JSON.stringify(layoutGraph(shuffled))).toBe(JSON.stringify(layoutGraph(g)));
  });

  it('keeps every node, label and edge inside the drawing', () => {
    const layout = layoutGraph(libraryGraph());
    const inside = (x: number, y: number) => x >= layout.minX && x <= layout.minX + layout.width && y >= layout.minY && y <= layout.minY + layout.height;
    for (const n of layout.nodes) {
      expect(inside(n.x - n.width / 2, n.y - n.height / 2) && inside(n.x + n.width / 2, n.y + n.height / 2)).toBe(true);
      if (n.side === 'left') expect(inside(n.x - labelWidth(n.lines[0]) - 12, n.y)).toBe(true);
      if (n.side === 'right') expect(inside(n.x + labelWidth(n.lines[0]) + 12, n.y)).toBe(true);
    }
    for (const e of layout.edges) {
      const nums = e.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(inside(nums[0], nums[1]) && inside(nums[6], nums[7])).toBe(true);
    }
  });

  it('puts topics in the middle and no two entries on top of each other', () => {
    const layout = layoutGraph(libraryGraph());
    expect(layout.nodes.filter((n) => n.side === 'centre').map((n) => n.kind)).toEqual(['topic', 'topic', 'topic']);
    for (const side of ['left', 'right', 'centre'] as const) {
      const ys = layout.nodes.filter((n) => n.side === side).sort((a, b) => a.y - b.y);
      for (let i = 1; i < ys.length; i++) expect(ys[i].y - ys[i - 1].y).toBeGreaterThanOrEqual((ys[i].height + ys[i - 1].height) / 2 + 10);
    }
    const left = layout.nodes.filter((n) => n.side === 'left').length;
    const right = layout.nodes.filter((n) => n.side === 'right').length;
    expect(Math.abs(left - right)).toBeLessThanOrEqual(6);
  });

  it('draws one line per linked pair, with an arrowhead for each direction', () => {
    const data: GraphData = {
      nodes: [
        { id: 'aaaa0001', kind: 'topic', title: 'A', status: 'published' },
        { id: 'bbbb0001', kind: 'misconception', title: 'B', status: 'published' },
        { id: 'cccc0001', kind: 'interaction', title: 'C', status: 'draft' },
      ],
      edges: [
        { from: 'aaaa0001', to: 'bbbb0001', field: 'misconceptions' },
        { from: 'bbbb0001', to: 'aaaa0001', field: 'corrects' },
        { from: 'bbbb0001', to: 'aaaa0001', field: 'related' },
        { from: 'aaaa0001', to: 'cccc0001', field: 'interactions' },
        { from: 'aaaa0001', to: 'aaaa0001', field: 'related' },
      ],
    };
    const layout = layoutGraph(data);
    expect(layout.edges.map((e) => [e.a, e.b, e.forward, e.backward, e.arrows.length])).toEqual([
      ['aaaa0001', 'bbbb0001', ['misconceptions'], ['corrects', 'related'], 2],
      ['aaaa0001', 'cccc0001', ['interactions'], [], 1],
    ]);
    expect([...layout.neighbours.get('aaaa0001')!].sort()).toEqual(['bbbb0001', 'cccc0001']);
  });

  it.each([
    ['no entries', { nodes: [], edges: [] }],
    ['one entry', { nodes: [{ id: 'aaaa0001', kind: 'topic', title: 'Alone', status: 'published' }], edges: [] }],
    ['no topics', { nodes: ['a', 'b', 'c', 'd'].map((c) => ({ id: `${c}${c}${c}${c}0001`, kind: 'misconception', title: c, status: 'published' })), edges: [{ from: 'aaaa0001', to: 'bbbb0001', field: 'related' }] }],
  ])('lays out a graph with %s', (_, data) => {
    const layout = layoutGraph(data as GraphData);
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
    expect(layout.nodes).toHaveLength(data.nodes.length);
    for (const n of layout.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
  });
});

describe('wrapTitle and truncate', () => {
  it.each([
    ['Short', 10, 3, ['Short']],
    ['Stress and magnesium: the vicious circle', 24, 3, ['Stress and magnesium:', 'the vicious circle']],
    ['one two three four five six seven eight', 8, 2, ['one two', 'three f…']],
  ])('wraps %j at %i characters into at most %i lines', (title, width, lines, expected) => {
    expect(wrapTitle(title, width, lines)).toEqual(expected);
  });

  it.each([
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['a longer title here', 10, 'a longer…'],
  ])('truncates %j to %i characters', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('a large library', () => {
  it('gives each entry page its neighbourhood of the graph instead of the whole graph', async () => {
    const { renderReport, FULL_GRAPH_LIMIT } = await import('../../scripts/report/renderReport');
    const graph = libraryGraph(FULL_GRAPH_LIMIT + 30);
    const entries = graph.nodes.map((n) => ({ id: n.id, kind: n.kind!, title: n.title!, status: n.status!, file: `entries/${n.id}.yaml`, valid: true, view: { title: n.title }, viewSource: 'bundle' as const, diagnostics: [], linkFields: [] }));
    const data = { rootHref: '../..', documentedRules: new Set<string>(), entries, byId: new Map(entries.map((e) => [e.id, e])), graph, diagnostics: [], summary: { files: entries.length, entries: entries.length, errors: 0, warnings: 0, infos: 0, suppressed: 0 }, citations: [], coi: [], nextRelease: { state: 'no-previous' as const }, buildBlocked: false };
    const files = renderReport(data);
    const leaf = graph.nodes[10].id;
    const neighbours = new Set(graph.edges.flatMap((e) => (e.from === leaf ? [e.to] : e.to === leaf ? [e.from] : [])));
    const page = files.get(`entries/${leaf}.html`)!;
    const svg = page.slice(page.indexOf('<svg'), page.indexOf('</svg>'));
    expect((svg.match(/<a class="node /g) ?? []).length).toBe(neighbours.size + 1);
    expect(page).toContain('<a href="../graph.html">the whole graph</a>');
    expect((files.get('graph.html')!.match(/<a class="node /g) ?? []).length).toBe(graph.nodes.length);
  });
});
