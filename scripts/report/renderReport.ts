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

/** The entry, the entries it links to or from, and the links among them. */
function neighbourhood(graph: GraphData, id: string): GraphData {
  const keep = new Set([id]);
  for (const e of graph.edges) {
    if (e.from === id) keep.add(e.to);
    if (e.to === id) keep.add(e.from);
  }
  return { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

export function renderReport(data: ReportData): Map<string, string> {
  const layout = layoutGraph(data.graph);
  const large = data.graph.nodes.length > FULL_GRAPH_LIMIT;
  const files = new Map<string, string>();
  files.set('index.html', renderDashboard(createPageContext(data, 0), layout));
  files.set('graph.html', renderGraphPage(createPageContext(data, 0), layout));
  const entryCtx = createPageContext(data, 1);
  for (const e of data.entries) files.set(`entries/${e.id}.html`, renderEntryPage(e, entryCtx, large ? layoutGraph(neighbourhood(data.graph, e.id)) : layout));
  return files;
}
