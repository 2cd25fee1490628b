/** The whole site, as files: relative path → HTML. Pure: the same data gives the same bytes. */
import type { GraphData } from '../graph/graphData';
import type { ReportData } from './collectReportData';
import { createPageContext } from './createPageContext';
import { layoutGraph } from './layoutGraph';
import { overviewGraph, type Overview } from './overviewGraph';
import { renderDashboard } from './renderDashboard';
import { renderEntryPage } from './renderEntryPage';
import { renderGraphPage } from './renderGraphPage';

/** Above this many entries, an entry page shows only its own neighbourhood of the graph, not the whole library. */
export const FULL_GRAPH_LIMIT = 120;

/** Above this many links, too, entry pages show neighbourhoods: a densely linked library would repeat a huge graph on every page. */
export const FULL_GRAPH_EDGE_LIMIT = 400;

/** The most entries a neighbourhood shows (the entry and the first neighbours by ID), so a page's size is bounded. */
export const MAX_NEIGHBOURS = 40;

/**
 * Above this many entries, the dashboard and graph.html draw an overview (the
 * most-linked entries, and the others as one node per kind) instead of every
 * entry: past it the drawing is no longer readable, and its size would grow
 * with the library.
 */
export const OVERVIEW_NODE_LIMIT = 250;

/** Above this many links, too, they draw the overview. */
export const OVERVIEW_EDGE_LIMIT = 2500;

type Links = ReportData['links'];
type Edge = GraphData['edges'][number];

/**
 * An entry's links to each other entry, for entries with more links than a
 * neighbourhood has members: built once per such entry, on first use, so
 * that the links among a neighbourhood cost at most its size squared, however
 * many links its members have elsewhere.
 */
export type LinksByTarget = Map<string, Map<string, Edge[]>>;

function outTo(links: Links, byTarget: LinksByTarget, from: string): Map<string, Edge[]> {
  let m = byTarget.get(from);
  if (!m) {
    m = new Map();
    for (const e of links.get(from)?.out ?? []) {
      const list = m.get(e.to);
      if (list) list.push(e);
      else m.set(e.to, [e]);
    }
    byTarget.set(from, m);
  }
  return m;
}

/**
 * The entry, the entries it links to or from (at most MAX_NEIGHBOURS in all,
 * by ID), and the links among them, from the index. A member's links are read
 * from its own list when that is no longer than the neighbourhood, and else
 * from its links by target (`byTarget`, filled on first use), so a hub's
 * thousands of links are read once in all, not again for every entry next to it.
 */
export function neighbourhood(graph: GraphData, links: Links, id: string, nodeById: ReadonlyMap<string, GraphData['nodes'][number]>, byTarget: LinksByTarget = new Map()): GraphData {
  const own = links.get(id);
  const around = new Set<string>();
  for (const e of own?.out ?? []) if (e.to !== id) around.add(e.to);
  for (const e of own?.in ?? []) if (e.from !== id) around.add(e.from);
  const keep = new Set([id]);
  for (const k of [...around].sort().slice(0, MAX_NEIGHBOURS - 1)) keep.add(k);
  const edges: Edge[] = [];
  for (const k of keep) {
    const out = links.get(k)?.out ?? [];
    if (out.length <= keep.size) {
      for (const e of out) if (keep.has(e.to)) edges.push(e);
    } else {
      const to = outTo(links, byTarget, k);
      for (const j of keep) for (const e of to.get(j) ?? []) edges.push(e);
    }
  }
  const nodes: GraphData['nodes'] = [];
  for (const k of [...keep].sort()) {
    const n = nodeById.get(k);
    if (n !== undefined) nodes.push(n);
  }
  // In the order graphData gives edges, each key made once.
  const keyed = edges.map((e) => ({ key: e.from + e.to + e.field, e }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : 1));
  return { nodes, edges: keyed.map((k) => k.e) };
}

/** Whether the dashboard and graph.html draw an overview rather than every entry. */
export function needsOverview(graph: GraphData): boolean {
  return graph.nodes.length > OVERVIEW_NODE_LIMIT || graph.edges.length > OVERVIEW_EDGE_LIMIT;
}

/**
 * Renders every page, handing each to `emit` as soon as it is made (so that a
 * caller can write or encode it without holding every page as text): the
 * dashboard, graph.html, then the entry pages in the order of `data.entries`.
 */
export function renderReportPages(data: ReportData, emit: (rel: string, html: string) => void): void {
  const overview: Overview | undefined = needsOverview(data.graph) ? overviewGraph(data.graph) : undefined;
  const layout = layoutGraph(overview ? overview.graph : data.graph);
  const large = data.graph.nodes.length > FULL_GRAPH_LIMIT || data.graph.edges.length > FULL_GRAPH_EDGE_LIMIT;
  const nodeById = new Map(data.graph.nodes.map((n) => [n.id, n]));
  emit('index.html', renderDashboard(createPageContext(data, 0), layout, overview));
  emit('graph.html', renderGraphPage(createPageContext(data, 0), layout, overview));
  const entryCtx = createPageContext(data, 1);
  const byTarget: LinksByTarget = new Map();
  for (const e of data.entries) {
    emit(`entries/${e.id}.html`, renderEntryPage(e, entryCtx, large ? layoutGraph(neighbourhood(data.graph, data.links, e.id, nodeById, byTarget)) : layout, overview !== undefined));
  }
}

export function renderReport(data: ReportData): Map<string, string> {
  const files = new Map<string, string>();
  renderReportPages(data, (rel, html) => files.set(rel, html));
  return files;
}
