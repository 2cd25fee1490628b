/** The whole site, as files: relative path → HTML. Pure: the same data gives the same bytes. */
import type { GraphData } from '../graph/graphData';
import type { ReportData } from './collectReportData';
import { createPageContext } from './createPageContext';
import { layoutGraph } from './layoutGraph';
import { renderDashboard } from './renderDashboard';
import { renderEntryPage } from './renderEntryPage';
import { renderGraphPage } from './renderGraphPage';

/** Above this many entries, an entry page shows only its own neighbourhood of the graph, not the whole library. */
export const FULL_GRAPH_LIMIT = 120;

/** Above this many links, too, entry pages show neighbourhoods: a densely linked library would repeat a huge graph on every page. */
export const FULL_GRAPH_EDGE_LIMIT = 400;

/** The most entries a neighbourhood shows (the entry and the first neighbours by ID), so a page's size is bounded. */
export const MAX_NEIGHBOURS = 40;

type Links = ReportData['links'];
type Edge = GraphData['edges'][number];

/**
 * The entry, the entries it links to or from (at most MAX_NEIGHBOURS in all,
 * by ID), and the links among them, from
 * the index. Each member's links are read from whichever is shorter, its own
 * list or the neighbourhood, so a hub's thousands of links are not read again
 * for every entry next to it.
 */
export function neighbourhood(graph: GraphData, links: Links, id: string, nodeById: ReadonlyMap<string, GraphData['nodes'][number]>): GraphData {
  const own = links.get(id);
  const around = [...new Set([...(own?.out ?? []).map((e) => e.to), ...(own?.in ?? []).map((e) => e.from)])].filter((k) => k !== id).sort();
  const keep = new Set([id, ...around.slice(0, MAX_NEIGHBOURS - 1)]);
  const edges = new Set<Edge>();
  for (const k of keep) {
    const out = links.get(k)?.out ?? [];
    if (out.length <= keep.size) {
      for (const e of out) if (keep.has(e.to)) edges.add(e);
    } else {
      for (const j of keep) for (const e of links.get(j)?.in ?? []) if (e.from === k) edges.add(e);
    }
  }
  const order = (e: Edge) => e.from + e.to + e.field;
  return {
    nodes: [...keep].sort().map((k) => nodeById.get(k)).filter((n): n is GraphData['nodes'][number] => n !== undefined),
    edges: [...edges].sort((a, b) => (order(a) < order(b) ? -1 : 1)),
  };
}

export function renderReport(data: ReportData): Map<string, string> {
  const layout = layoutGraph(data.graph);
  const large = data.graph.nodes.length > FULL_GRAPH_LIMIT || data.graph.edges.length > FULL_GRAPH_EDGE_LIMIT;
  const nodeById = new Map(data.graph.nodes.map((n) => [n.id, n]));
  const files = new Map<string, string>();
  files.set('index.html', renderDashboard(createPageContext(data, 0), layout));
  files.set('graph.html', renderGraphPage(createPageContext(data, 0), layout));
  const entryCtx = createPageContext(data, 1);
  for (const e of data.entries) files.set(`entries/${e.id}.html`, renderEntryPage(e, entryCtx, large ? layoutGraph(neighbourhood(data.graph, data.links, e.id, nodeById)) : layout));
  return files;
}
