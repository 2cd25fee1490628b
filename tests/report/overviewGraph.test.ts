/**
 * A large library's graph: an overview of bounded size on the dashboard and
 * graph.html, a bounded neighbourhood on each entry page, and work that grows
 * with the library, counted rather than timed.
 */
import { describe, expect, it } from 'vitest';
import type { GraphData } from '../../scripts/graph/graphData';
import { indexLinks } from '../../scripts/report/collectReportData';
import { layoutGraph } from '../../scripts/report/layoutGraph';
import { groupId, groupTitle, isGroupId, OVERVIEW_HUBS, overviewGraph } from '../../scripts/report/overviewGraph';
import { MAX_NEIGHBOURS, neighbourhood, OVERVIEW_EDGE_LIMIT, OVERVIEW_NODE_LIMIT, renderReport, renderReportPages } from '../../scripts/report/renderReport';
import { countingData, drawn, KINDS, pageId, reportDataFor, sortEdges, svgsOf, syntheticGraph } from './syntheticReport';

/** The most nodes an overview can have: its hubs and one group per kind. */
const MAX_OVERVIEW_NODES = OVERVIEW_HUBS + KINDS.length;

describe('overviewGraph', () => {
  const graph = syntheticGraph(5000);
  const overview = overviewGraph(graph);

  it('draws the most-linked entries and one node per kind, however large the graph', () => {
    expect(graph.edges.length).toBeGreaterThan(14_000);
    expect(overview.graph.nodes.length).toBeLessThanOrEqual(MAX_OVERVIEW_NODES);
    // At most one linked pair per two nodes, and per field.
    expect(overview.graph.edges.length).toBeLessThanOrEqual(MAX_OVERVIEW_NODES * (MAX_OVERVIEW_NODES - 1) * 3);
    expect(overview.hubs).toHaveLength(OVERVIEW_HUBS);
    for (const kind of KINDS) expect(overview.graph.nodes.map((n) => n.id), kind).toContain(groupId(kind));
  });

  it('says how many entries each group stands for, and accounts for every entry and every link', () => {
    const counts = new Map<string, number>();
    for (const n of graph.nodes) if (!overview.hubs.includes(n.id)) counts.set(n.kind!, (counts.get(n.kind!) ?? 0) + 1);
    for (const g of overview.groups) {
      expect(g.entries).toBe(counts.get(g.kind));
      expect(overview.graph.nodes.find((n) => n.id === g.id)!.title).toBe(groupTitle(g.kind, g.entries));
    }
    expect(groupTitle('misconception', 1234)).toBe('1,234 more misconceptions');
    expect(overview.groups.reduce((s, g) => s + g.entries, 0) + overview.hubs.length).toBe(graph.nodes.length);
    // Every link is drawn (alone or in a sum) or counted inside its group.
    const summed = overview.graph.edges.reduce((s, e) => s + (isGroupId(e.from) || isGroupId(e.to) ? Number(/×([\d,]+)$/.exec(e.field)![1].replace(/,/g, '')) : 1), 0);
    const inner = overview.groups.reduce((s, g) => s + g.inner, 0);
    expect(summed + inner).toBe(graph.edges.filter((e) => e.from !== e.to).length);
  });

  it('picks the entries with the most links in and out, ties by ID', () => {
    const degree = new Map<string, number>();
    for (const e of graph.edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const expected = graph.nodes.map((n) => n.id).sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : 1)).slice(0, OVERVIEW_HUBS);
    expect(overview.hubs).toEqual(expected);
  });

  it('is the same whatever the order of the nodes and edges', () => {
    const shuffled: GraphData = { nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() };
    const again = overviewGraph(shuffled);
    expect(again.hubs).toEqual(overview.hubs);
    expect(layoutGraph(again.graph)).toEqual(layoutGraph(overview.graph));
  });
});

describe('the report of a large library', () => {
  const graph = syntheticGraph(5000);
  const files = renderReport(reportDataFor(graph));

  it('draws a bounded overview on the dashboard and graph.html, naming every kind', () => {
    expect(graph.nodes.length > OVERVIEW_NODE_LIMIT || graph.edges.length > OVERVIEW_EDGE_LIMIT).toBe(true);
    for (const page of ['index.html', 'graph.html']) {
      const [svg] = svgsOf(files.get(page)!);
      const { nodes, edges } = drawn(svg);
      expect(nodes, page).toBeLessThanOrEqual(MAX_OVERVIEW_NODES);
      expect(edges, page).toBeLessThanOrEqual((MAX_OVERVIEW_NODES * (MAX_OVERVIEW_NODES - 1)) / 2);
      expect(svg).toContain(`Overview of the link graph of the library: the ${OVERVIEW_HUBS} most-linked of its 5000 entries`);
      for (const kind of ['topics', 'form comparisons', 'interactions', 'population cautions', 'misconceptions']) expect(svg, `${page}: ${kind}`).toMatch(new RegExp(`\\d more ${kind}`));
    }
    // A group leads to the list of entries on the same page; the table still lists every entry.
    expect(files.get('graph.html')).toMatch(/<a class="node [^"]*s-group[^"]*" href="#links"/);
    expect(files.get('index.html')).toMatch(/<a class="node [^"]*s-group[^"]*" href="#entries"/);
    expect((files.get('graph.html')!.match(/<tr><th scope="row">/g) ?? []).length).toBe(graph.nodes.length);
  });

  it('gives each entry page its own neighbourhood, at most MAX_NEIGHBOURS entries', () => {
    let total = 0;
    for (const n of graph.nodes) {
      const page = files.get(`entries/${n.id}.html`)!;
      const [svg] = svgsOf(page);
      const { nodes } = drawn(svg);
      expect(nodes, n.id).toBeLessThanOrEqual(MAX_NEIGHBOURS);
      expect(svg, n.id).toMatch(new RegExp(`<a class="[^"]* focus" href="${n.id}\\.html"`));
      total += nodes;
    }
    expect(total).toBeLessThanOrEqual(graph.nodes.length * MAX_NEIGHBOURS);
    expect(files.get(`entries/${pageId(17)}.html`)).toContain('<a href="../graph.html">an overview of the whole graph</a>');
  });
});

describe('the work of making the report grows with the library', () => {
  /** Link reads and lookups while rendering every page of a library of `n` entries. */
  const work = (graph: GraphData) => {
    const { data, reads } = countingData(reportDataFor(graph));
    let pages = 0;
    renderReportPages(data, () => pages++);
    expect(pages).toBe(graph.nodes.length + 2);
    return reads();
  };

  it('reads links about four times as often for four times the entries', () => {
    const small = work(syntheticGraph(1000));
    const large = work(syntheticGraph(4000));
    expect(small).toBeGreaterThan(10_000);
    expect(large / small).toBeLessThan(5);
  });

  /** A library where every entry links to one hub, and one entry links to every entry: both are in every neighbourhood. */
  function hubGraph(n: number): GraphData {
    const nodes = Array.from({ length: n }, (_, i) => ({ id: pageId(i), kind: i < 2 ? 'topic' : 'misconception', title: `Entry ${i}`, status: 'published' }));
    const edges: GraphData['edges'] = [];
    for (let i = 2; i < n; i++) {
      edges.push({ from: pageId(i), to: pageId(0), field: 'corrects' });
      edges.push({ from: pageId(1), to: pageId(i), field: 'misconceptions' });
    }
    return { nodes, edges: sortEdges(edges) };
  }

  it('reads a hub’s links once, not again for every entry next to it', () => {
    const small = work(hubGraph(1000));
    const large = work(hubGraph(4000));
    expect(large / small).toBeLessThan(5);
  });

  it('finds each neighbourhood from the index, as it did before, with hubs on every page', () => {
    const graph = hubGraph(300);
    const links = indexLinks(graph);
    const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
    const byTarget = new Map();
    for (const { id } of graph.nodes) {
      const around = new Set<string>();
      for (const e of graph.edges) {
        if (e.from === id && e.to !== id) around.add(e.to);
        if (e.to === id && e.from !== id) around.add(e.from);
      }
      const keep = new Set([id, ...[...around].sort().slice(0, MAX_NEIGHBOURS - 1)]);
      const expected = { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
      // The same whether the index by target is shared between pages or not.
      expect(neighbourhood(graph, links, id, nodeById, byTarget)).toEqual(expected);
      expect(neighbourhood(graph, links, id, nodeById)).toEqual(expected);
    }
  });
});
