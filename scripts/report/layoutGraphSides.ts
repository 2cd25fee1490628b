/**
 * The first steps of the graph layout: who links to whom, which entries are
 * the hubs in the middle column, which side column each other entry goes to,
 * and how big each hub's box is.
 */
import type { GraphData } from '../graph/graphData';
import { wrapTitle } from './layoutGraphLabels';

/** An entry as the layout receives it. */
export type GraphNode = GraphData['nodes'][number];

/** The entries each entry links to or from. */
export type Neighbours = ReadonlyMap<string, ReadonlySet<string>>;

/** A hub's box: its title wrapped into lines, and its height. */
export interface HubBox {
  lines: string[];
  height: number;
}

/** The height of a line of a hub's title. */
const LINE_HEIGHT = 15;
const BOX_PAD = 10;
/** The room each link arriving at a hub's side needs there. */
const PORT_GAP = 6;
const HUB_CHARS = 24;

/** Kinds on the side columns, top to bottom; right column first. */
const SIDE_ORDER = ['interaction', 'population-caution', 'form-comparison', 'misconception'];

function kindRank(kind: string): number {
  const i = SIDE_ORDER.indexOf(kind);
  return i === -1 ? SIDE_ORDER.length : i;
}

/** Orders entries by ID. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Orders entries by kind: the kinds of `SIDE_ORDER` in that order, then any others alphabetically. Ties are 0. */
export function byKind(a: GraphNode, b: GraphNode): number {
  const ka = a.kind ?? '';
  const kb = b.kind ?? '';
  return kindRank(ka) - kindRank(kb) || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

/** Each entry's neighbours, for the entries of `nodes` in their order; self-links and links to unknown entries are left out. */
export function linkNeighbours(nodes: readonly GraphNode[], edges: GraphData['edges']): Map<string, Set<string>> {
  const neighbours = new Map<string, Set<string>>(nodes.map((n) => [n.id, new Set<string>()]));
  for (const e of edges) {
    if (e.from === e.to || !neighbours.has(e.from) || !neighbours.has(e.to)) continue;
    neighbours.get(e.from)!.add(e.to);
    neighbours.get(e.to)!.add(e.from);
  }
  return neighbours;
}

/**
 * The hubs: the topics, unless there are none (or nothing else); then, for
 * more than two entries, the best-linked ones (one per six entries, at most three).
 * `nodes` must be sorted by ID.
 */
export function chooseHubs(nodes: readonly GraphNode[], neighbours: Neighbours): GraphNode[] {
  const topics = nodes.filter((n) => n.kind === 'topic');
  if (topics.length > 0 && topics.length < nodes.length) return topics;
  if (nodes.length <= 2) return [];
  const degree = (id: string) => neighbours.get(id)!.size;
  return [...nodes].sort((a, b) => degree(b.id) - degree(a.id) || byId(a, b)).slice(0, Math.min(3, Math.ceil(nodes.length / 6)));
}

/**
 * Splits the side entries, sorted by kind, into the right column (the first
 * part) and the left: in half, or at a kind boundary when that is balanced enough.
 */
export function splitSides<T extends GraphNode>(others: readonly T[]): { right: T[]; left: T[] } {
  let split = Math.ceil(others.length / 2);
  let best = Infinity;
  for (let i = 0; i <= others.length; i++) {
    if (i > 0 && i < others.length && others[i - 1].kind === others[i].kind) continue;
    const imbalance = Math.abs(others.length - 2 * i);
    if (imbalance < best) [best, split] = [imbalance, i];
  }
  if (best > Math.max(3, others.length * 0.3)) split = Math.ceil(others.length / 2);
  return { right: others.slice(0, split), left: others.slice(split) };
}

/**
 * Each hub's box: tall enough for its title (up to three lines), and for the
 * links arriving at its busier side to fan out (up to a limit).
 */
export function sizeHubBoxes(hubs: readonly GraphNode[], neighbours: Neighbours, rightIds: ReadonlySet<string>): Map<string, HubBox> {
  const hubIds = new Set(hubs.map((h) => h.id));
  return new Map(
    hubs.map((h) => {
      const lines = wrapTitle(h.title ?? h.id, HUB_CHARS, 3);
      const near = [...neighbours.get(h.id)!].filter((m) => !hubIds.has(m));
      const busier = Math.max(near.filter((m) => rightIds.has(m)).length, near.filter((m) => !rightIds.has(m)).length);
      return [h.id, { lines, height: Math.max(lines.length * LINE_HEIGHT + 2 * BOX_PAD, Math.min(busier * PORT_GAP + 12, 120)) }];
    }),
  );
}
