/** The link graph as plain nodes and edges, for `reflib graph` and the report. */
import { statusOf, titleOf, type LinkGraph } from './buildLinkGraph';

export interface GraphData {
  nodes: { id: string; kind?: string; title?: string; status?: string }[];
  /** One edge per source, target and field; links to unknown IDs are left out (validate reports them). */
  edges: { from: string; to: string; field: string }[];
}

/** Nodes and de-duplicated edges, sorted, so output is stable. */
export function graphData(graph: LinkGraph): GraphData {
  const nodes = [...graph.byId.values()]
    .map((e) => ({ id: e.id!, kind: e.kind, title: titleOf(e), status: statusOf(e) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const seen = new Set<string>();
  const edges: GraphData['edges'] = [];
  for (const l of graph.links) {
    if (!l.source.id || !graph.byId.has(l.target)) continue;
    const key = `${l.source.id}>${l.target}>${l.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: l.source.id, to: l.target, field: l.field });
  }
  edges.sort((a, b) => (a.from + a.to + a.field < b.from + b.to + b.field ? -1 : 1));
  return { nodes, edges };
}
