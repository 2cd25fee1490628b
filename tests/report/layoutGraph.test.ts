/** The graph layout: deterministic, everything inside the drawing, no two entries on top of each other, one line per pair. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GraphData } from '../../scripts/graph/graphData';
import { labelWidth, layoutGraph, truncate, wrapTitle, type GraphLayout } from '../../scripts/report/layoutGraph';
import { renderGraphSvg } from '../../scripts/report/renderGraphSvg';

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

/** One kind only on the sides: 2 topics and 30 misconceptions (some with no kind, title or status), linked both ways and in cycles. */
function oneKindGraph(): GraphData {
  const nodes: GraphData['nodes'] = [
    { id: 't0000001', kind: 'topic', title: 'Magnesium and sleep: what the trials show', status: 'published' },
    { id: 't0000002', kind: 'topic', title: 'Stress', status: 'draft' },
  ];
  for (let i = 0; i < 30; i++) nodes.push(i % 11 === 5 ? { id: `m${String(i).padStart(7, '0')}` } : { id: `m${String(i).padStart(7, '0')}`, kind: 'misconception', title: `Misconception ${i}`, status: i % 4 ? 'published' : 'draft' });
  const edges: GraphData['edges'] = [];
  nodes.slice(2).forEach((n, i) => {
    edges.push({ from: nodes[i % 2].id, to: n.id, field: 'misconceptions' });
    if (i % 3 === 0) edges.push({ from: n.id, to: nodes[i % 2].id, field: 'corrects' });
    edges.push({ from: n.id, to: nodes[2 + ((i + 7) % 30)].id, field: 'related' });
  });
  edges.push({ from: 't0000001', to: 't0000002', field: 'related' }, { from: 't0000002', to: 't0000001', field: 'related' });
  return { nodes, edges };
}

/** No topics: the best-linked entries become the hubs; a cycle a → b → c → a and links between hubs. */
function noTopicGraph(): GraphData {
  const nodes = Array.from({ length: 14 }, (_, i) => ({ id: `n${i.toString(16).padStart(7, '0')}`, kind: KINDS[1 + (i % 4)], title: `Node ${i}`, status: 'published' }));
  const edges: GraphData['edges'] = [];
  for (let i = 0; i < 14; i++) {
    edges.push({ from: nodes[i].id, to: nodes[(i + 1) % 14].id, field: 'related' });
    if (i % 2) edges.push({ from: nodes[i].id, to: nodes[(i * 5) % 14].id, field: 'sections' });
  }
  edges.push({ from: nodes[2].id, to: nodes[0].id, field: 'related' });
  return { nodes, edges };
}

/** The layout as JSON, with the neighbour sets spelled out in their order. */
function layoutJson(layout: GraphLayout): string {
  return JSON.stringify({ ...layout, neighbours: [...layout.neighbours].map(([id, set]) => [id, [...set]]) });
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('layoutGraph, pinned', () => {
  // Hashes of the layouts as the code gave them before it was split into steps: a refactoring must leave them alone.
  it.each([
    ['no entries', () => ({ nodes: [], edges: [] }), 'f23bf42ff1711e73c8aea6c551ba838f2fdeff7d1e51ac37c7e9dd6863218f4d'],
    ['one entry', () => ({ nodes: [{ id: 'aaaa0001', kind: 'topic', title: 'Alone', status: 'published' }], edges: [] }), '207c011c9948d51bcf8cacfb1734b6e557ce04a790f7c0650df0e7504e94d34d'],
    ['two linked entries', () => ({ nodes: [{ id: 'aaaa0001', kind: 'topic', title: 'A' }, { id: 'bbbb0001', kind: 'topic', title: 'B' }], edges: [{ from: 'aaaa0001', to: 'bbbb0001', field: 'related' }, { from: 'bbbb0001', to: 'aaaa0001', field: 'related' }] }), '577e9f237e8a782ab080f2f1bff30130fccfd61b890699b859fe9a67e86948e2'],
    ['a library of 20', () => libraryGraph(), '3224bc164ff00f838006e813e024ed75a2261641e539d7ac9afc2c564f9100a6'],
    ['a library of 150', () => libraryGraph(150, 3), '0f30eec9d6640b4285eca4846a9dfcb1e9ecbe38a52b01019afa46676d8f3a14'],
    ['one kind on the sides', oneKindGraph, '8e6238ccfe3c9f43f9179c96b80a3abd55369af8925a7df5a4b101000da9fd21'],
    ['no topics, with cycles', noTopicGraph, 'ecd0117621524f8c270192422227bc2663fe3ec1fb47f0def8615fac4f1058a5'],
  ])('lays out %s as before', (_, graph, hash) => {
    expect(sha256(layoutJson(layoutGraph(graph())))).toBe(hash);
  });

  it('draws the library as before', () => {
    const svg = renderGraphSvg(layoutGraph(libraryGraph()), { href: (id) => `entries/${id}.html`, focus: libraryGraph().nodes[4].id });
    expect(sha256(svg)).toBe('e24c929f448b1291ace2a2c8fcfb61a1666b86c9ad5fca8a4e18a1b754d86c06');
  });

  it('gives these bounds, node positions and curves for a small graph', () => {
    const data: GraphData = {
      nodes: [
        { id: 'aaaa0001', kind: 'topic', title: 'A', status: 'published' },
        { id: 'bbbb0001', kind: 'misconception', title: 'B', status: 'published' },
        { id: 'cccc0001', kind: 'interaction', title: 'C', status: 'draft' },
      ],
      edges: [
        { from: 'aaaa0001', to: 'bbbb0001', field: 'misconceptions' },
        { from: 'bbbb0001', to: 'aaaa0001', field: 'corrects' },
        { from: 'aaaa0001', to: 'cccc0001', field: 'interactions' },
        { from: 'bbbb0001', to: 'cccc0001', field: 'related' },
      ],
    };
    const layout = layoutGraph(data);
    expect([layout.minX, layout.minY, layout.width, layout.height]).toEqual([-287, -30, 633, 109]);
    expect(layout.nodes.map((n) => [n.id, n.side, n.x, n.y, n.width, n.height, n.lines])).toEqual([
      ['aaaa0001', 'centre', 0, 0, 204, 35, ['A']],
      ['bbbb0001', 'left', -255, 0, 12, 12, ['B']],
      ['cccc0001', 'right', 255, 0, 12, 12, ['C']],
    ]);
    expect(layout.edges.map((e) => [e.a, e.b, e.path, e.arrows])).toEqual([
      ['aaaa0001', 'bbbb0001', 'M-102,0 C-216.7,0 -140.2,0 -247.5,0', ['-247.5,0 -239.5,-3.6 -239.5,3.6', '-102,0 -110,3.6 -110,-3.6']],
      ['aaaa0001', 'cccc0001', 'M102,0 C216.8,0 140.3,0 247.5,0', ['247.5,0 239.5,3.6 239.5,-3.6']],
      ['bbbb0001', 'cccc0001', 'M-248.8,4.3 C-127.5,87.8 127.5,87.8 248.8,4.3', ['248.8,4.3 244.3,11.8 240.2,5.8']],
    ]);
  });
});

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

  it('lays out 10,000 linked pairs without overflowing the stack', () => {
    // The bounds once spread every sampled point into Math.min, which threw at about 6,000 pairs.
    const nodes = Array.from({ length: 400 }, (_, i) => ({ id: `n${String(i).padStart(7, '0')}`, kind: i < 5 ? 'topic' : 'misconception', title: `Entry ${i}`, status: 'published' }));
    const edges: GraphData['edges'] = [];
    for (let i = 0; i < nodes.length && edges.length < 10_000; i++) for (let j = i + 1; j < nodes.length && edges.length < 10_000; j++) edges.push({ from: nodes[i].id, to: nodes[j].id, field: 'related' });
    const layout = layoutGraph({ nodes, edges });
    expect(layout.edges).toHaveLength(10_000);
    expect(Number.isFinite(layout.width) && Number.isFinite(layout.height)).toBe(true);
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
    const { indexLinks } = await import('../../scripts/report/collectReportData');
    const graph = libraryGraph(FULL_GRAPH_LIMIT + 30);
    const entries = graph.nodes.map((n) => ({ id: n.id, kind: n.kind!, title: n.title!, status: n.status!, file: `entries/${n.id}.yaml`, valid: true, view: { title: n.title }, viewSource: 'bundle' as const, diagnostics: [], linkFields: [] }));
    const data = { rootHref: '../..', documentedRules: new Set<string>(), entries, byId: new Map(entries.map((e) => [e.id, e])), graph, diagnostics: [], summary: { files: entries.length, entries: entries.length, errors: 0, warnings: 0, infos: 0, suppressed: 0 }, citations: [], coi: [], coiByEntry: new Map(), links: indexLinks(graph), nextRelease: { state: 'no-previous' as const }, buildBlocked: false };
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

describe('neighbourhood', () => {
  it('is, from the link index, exactly the entry, its first neighbours and every link among them', async () => {
    const { neighbourhood, MAX_NEIGHBOURS } = await import('../../scripts/report/renderReport');
    const { indexLinks } = await import('../../scripts/report/collectReportData');
    const graph = libraryGraph(150);
    // A hub linked from everything, and a self-link, so both ways of reading links are used.
    const hub = graph.nodes[0].id;
    for (const n of graph.nodes.slice(1)) graph.edges.push({ from: n.id, to: hub, field: 'related' });
    graph.edges.push({ from: graph.nodes[5].id, to: graph.nodes[5].id, field: 'related' });
    graph.edges.sort((a, b) => (a.from + a.to + a.field < b.from + b.to + b.field ? -1 : 1));
    const links = indexLinks(graph);
    const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
    for (const { id } of graph.nodes) {
      const around = new Set<string>();
      for (const e of graph.edges) {
        if (e.from === id && e.to !== id) around.add(e.to);
        if (e.to === id && e.from !== id) around.add(e.from);
      }
      // The hub has every entry as a neighbour: only the first ones by ID are drawn.
      const keep = new Set([id, ...[...around].sort().slice(0, MAX_NEIGHBOURS - 1)]);
      if (id === hub) expect(keep.size).toBe(MAX_NEIGHBOURS);
      const expected = { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
      expect(neighbourhood(graph, links, id, nodeById)).toEqual(expected);
    }
  });
});
