/**
 * An overview of a graph too large to draw entry by entry: the most-linked
 * entries one by one, and every other entry in one node per kind, which says
 * how many entries it stands for. Links are carried over to the nodes that
 * stand for their ends and summed per field, so the overview shows which
 * kinds link to which hubs, and how much. Links between two entries of the
 * same group have nowhere to go in the drawing: they are counted instead.
 *
 * One pass over the entries and one over the links: the work grows with the
 * library, and the drawing's size does not.
 */
import type { GraphData } from '../graph/graphData';
import { GROUP_STATUS } from './layoutGraphLabels';
import { kindLabel } from './renderBadges';

/** How many of the most-linked entries an overview draws one by one. */
export const OVERVIEW_HUBS = 20;

/** A group node's ID: never an entry ID (those are 8 hex characters), so never a page. */
export const GROUP_PREFIX = 'group:';

/** The status a group node carries, so that the drawing can tell it from an entry. */
export { GROUP_STATUS };

export interface OverviewGroup {
  id: string;
  kind: string;
  /** The entries it stands for. */
  entries: number;
  /** Links between two of those entries, which the overview does not draw. */
  inner: number;
}

export interface Overview {
  /** The overview as a graph: hubs and groups as nodes, summed links as edges (a group's fields say how many links each is). */
  graph: GraphData;
  /** The entries drawn one by one, most-linked first. */
  hubs: string[];
  groups: OverviewGroup[];
  /** The whole graph's size. */
  entries: number;
  links: number;
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The group a kind's other entries go into. */
export function groupId(kind: string | undefined): string {
  return `${GROUP_PREFIX}${kind ?? 'unknown'}`;
}

export function isGroupId(id: string): boolean {
  return id.startsWith(GROUP_PREFIX);
}

/** The label of a group of `n` entries of a kind: `1,234 more misconceptions`. */
export function groupTitle(kind: string, n: number): string {
  return `${thousands(n)} more ${kindLabel(kind, n !== 1).toLowerCase()}`;
}

/**
 * The `hubs` most-linked entries (by links in and out, self-links aside;
 * ties by ID), found in one pass keeping a sorted shortlist.
 */
function mostLinked(graph: GraphData, hubs: number): string[] {
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const before = (a: { id: string; d: number }, b: { id: string; d: number }) => a.d > b.d || (a.d === b.d && a.id < b.id);
  const best: { id: string; d: number }[] = [];
  for (const n of graph.nodes) {
    const item = { id: n.id, d: degree.get(n.id) ?? 0 };
    if (best.length === hubs && !before(item, best[best.length - 1])) continue;
    let at = best.length;
    while (at > 0 && before(item, best[at - 1])) at--;
    best.splice(at, 0, item);
    if (best.length > hubs) best.pop();
  }
  return best.map((b) => b.id);
}

/** The overview of `graph`: its `hubs` most-linked entries, the rest grouped by kind. */
export function overviewGraph(graph: GraphData, hubs = OVERVIEW_HUBS): Overview {
  const top = mostLinked(graph, hubs);
  const kept = new Set(top);
  const nodeOf = new Map<string, string>();
  const groups = new Map<string, OverviewGroup>();
  const nodes: GraphData['nodes'] = [];
  for (const n of graph.nodes) {
    if (kept.has(n.id)) {
      nodeOf.set(n.id, n.id);
      nodes.push(n);
      continue;
    }
    const id = groupId(n.kind);
    nodeOf.set(n.id, id);
    const group = groups.get(id);
    if (group) group.entries++;
    else groups.set(id, { id, kind: n.kind ?? 'unknown', entries: 1, inner: 0 });
  }
  for (const g of groups.values()) nodes.push({ id: g.id, kind: g.kind, title: groupTitle(g.kind, g.entries), status: GROUP_STATUS });
  // Links between the same two overview nodes, in the same field, are summed.
  const summed = new Map<string, { from: string; to: string; field: string; n: number }>();
  for (const e of graph.edges) {
    const from = nodeOf.get(e.from);
    const to = nodeOf.get(e.to);
    if (from === undefined || to === undefined || e.from === e.to) continue;
    if (from === to) {
      groups.get(from)!.inner++;
      continue;
    }
    const key = `${from}>${to}>${e.field}`;
    const s = summed.get(key);
    if (s) s.n++;
    else summed.set(key, { from, to, field: e.field, n: 1 });
  }
  const edges: GraphData['edges'] = [];
  for (const s of summed.values()) {
    const grouped = isGroupId(s.from) || isGroupId(s.to);
    edges.push({ from: s.from, to: s.to, field: grouped ? `${s.field} ×${thousands(s.n)}` : s.field });
  }
  return {
    graph: { nodes, edges },
    hubs: top,
    groups: [...groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    entries: graph.nodes.length,
    links: graph.edges.length,
  };
}
