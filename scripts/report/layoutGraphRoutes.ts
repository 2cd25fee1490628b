/**
 * The links, as curves: one per linked pair of entries, with an arrowhead for
 * each direction. Routes stay numbers (points and cubic curves) until
 * `drawEdge` writes them as SVG text, so later steps can measure them.
 */
import type { GraphData } from '../graph/graphData';
import { CENTRE, DOT_RADIUS, formatPoint, type Cubic, type LaidEdge, type LaidNode, type Point } from './layoutGraphShapes';

/** The links between two entries, `a` before `b` in the order of the nodes. */
export interface LinkPair {
  a: string;
  b: string;
  /** The fields of a's links to b, and of b's links to a, in the order first seen. */
  forward: string[];
  backward: string[];
}

/** A curve from `a` to `b`, with the unit direction of travel arriving at each end. */
export interface Route {
  curve: Cubic;
  /** Arriving at the start (from b towards a), and at the end. */
  startDir: Point;
  endDir: Point;
}

/** An arrowhead: its tip, then the two corners of its base. */
export type Triangle = [Point, Point, Point];

/** A linked pair with its curve and arrowheads, as numbers. */
export interface RoutedEdge {
  a: string;
  b: string;
  /** The fields, sorted. */
  forward: string[];
  backward: string[];
  curve: Cubic;
  arrows: Triangle[];
}

/** The top and bottom of the hub column (the centre when there are no hubs). */
export interface HubSpan {
  top: number;
  bottom: number;
}

/** Keys a pair of entries (or a hub and the other end of a link) by their IDs. */
const pairKey = (a: string, b: string) => `${a}>${b}`;

/** Groups the links into one pair per two linked entries, in the order first seen; self-links and links to unknown entries are left out. */
export function pairLinks(edges: GraphData['edges'], at: ReadonlyMap<string, LaidNode>): Map<string, LinkPair> {
  const pairs = new Map<string, LinkPair>();
  for (const e of edges) {
    if (e.from === e.to || !at.has(e.from) || !at.has(e.to)) continue;
    const [a, b] = at.get(e.from)!.index < at.get(e.to)!.index ? [e.from, e.to] : [e.to, e.from];
    const key = pairKey(a, b);
    const pair = pairs.get(key) ?? { a, b, forward: [], backward: [] };
    const list = a === e.from ? pair.forward : pair.backward;
    if (!list.includes(e.field)) list.push(e.field);
    pairs.set(key, pair);
  }
  return pairs;
}

/**
 * Where each link meets a hub box (keyed `hub>other`): spread evenly down the
 * side it arrives at, in the order of the other ends' heights. Links between
 * two hubs get no port.
 */
export function assignPorts(hubColumn: readonly string[], pairs: Iterable<LinkPair>, at: ReadonlyMap<string, LaidNode>): Map<string, number> {
  const hubs = new Set(hubColumn);
  const ends = new Map<string, string[]>(hubColumn.map((id) => [id, []]));
  for (const p of pairs) {
    if (hubs.has(p.a)) ends.get(p.a)!.push(p.b);
    if (hubs.has(p.b)) ends.get(p.b)!.push(p.a);
  }
  const ports = new Map<string, number>();
  for (const id of hubColumn) {
    const hub = at.get(id)!;
    for (const sign of [-1, 1]) {
      const side = ends
        .get(id)!
        .filter((o) => at.get(o)!.side !== 'centre' && Math.sign(at.get(o)!.x - hub.x) === sign)
        .sort((o1, o2) => at.get(o1)!.y - at.get(o2)!.y || (o1 < o2 ? -1 : 1));
      const usable = hub.height - 12;
      side.forEach((o, i) => ports.set(pairKey(id, o), hub.y - usable / 2 + ((i + 0.5) * usable) / side.length));
    }
  }
  return ports;
}

/** How far the hub column reaches up and down, counting the centre. */
export function spanHubColumn(hubs: readonly LaidNode[]): HubSpan {
  let top = CENTRE.y;
  let bottom = CENTRE.y;
  for (const h of hubs) {
    top = Math.min(top, h.y - h.height / 2);
    bottom = Math.max(bottom, h.y + h.height / 2);
  }
  return { top, bottom };
}

const unit = (from: Point, to: Point): Point => {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  return { x: dx / len, y: dy / len };
};

/** Where a link leaves or reaches a node, and the control point next to it. */
function port(n: LaidNode, toward: LaidNode, ports: ReadonlyMap<string, number>): { p: Point; c: Point } {
  if (n.side === 'centre') {
    const sign = toward.x < n.x ? -1 : 1;
    const p = { x: n.x + (sign * n.width) / 2, y: ports.get(pairKey(n.id, toward.id)) ?? n.y };
    return { p, c: { x: p.x + sign * Math.abs(toward.x - n.x) * 0.45, y: p.y } };
  }
  const sign = n.side === 'left' ? 1 : -1; // inwards
  const p = { x: n.x, y: n.y };
  return { p, c: { x: p.x + sign * Math.abs(toward.x - n.x) * 0.45, y: p.y } };
}

/** Moves an end point off a dot's centre to its rim, along the direction of arrival. */
function rim(n: LaidNode, p: Point, control: Point): { p: Point; dir: Point } {
  const dir = unit(control, p);
  if (n.side === 'centre') return { p, dir };
  return { p: { x: p.x - dir.x * (DOT_RADIUS + 1.5), y: p.y - dir.y * (DOT_RADIUS + 1.5) }, dir };
}

/**
 * The curve between two entries: a short link between neighbouring hubs, an
 * arc round the left of the hub column between hubs further apart, a bow
 * between entries on the same side, a curve into a hub's side port, or a
 * detour round the top or bottom of the hub column from one side to the other.
 * `hubRank` is each hub's position in the column.
 */
export function routeEdge(a: LaidNode, b: LaidNode, hubRank: ReadonlyMap<string, number>, hubs: HubSpan, ports: ReadonlyMap<string, number>): Route {
  let p1: Point;
  let c1: Point;
  let c2: Point;
  let p2: Point;
  if (a.side === 'centre' && b.side === 'centre') {
    const ia = hubRank.get(a.id)!;
    const ib = hubRank.get(b.id)!;
    const [upper, lower] = a.y < b.y ? [a, b] : [b, a];
    if (Math.abs(ia - ib) === 1) {
      const top = { x: upper.x, y: upper.y + upper.height / 2 };
      const bottom = { x: lower.x, y: lower.y - lower.height / 2 };
      [p1, p2] = upper === a ? [top, bottom] : [bottom, top];
      c1 = { x: p1.x, y: (p1.y + p2.y) / 2 };
      c2 = { x: p2.x, y: (p1.y + p2.y) / 2 };
    } else {
      const bulge = 46 + 8 * Math.abs(ia - ib);
      p1 = { x: a.x - a.width / 2, y: a.y };
      p2 = { x: b.x - b.width / 2, y: b.y };
      c1 = { x: p1.x - bulge, y: p1.y };
      c2 = { x: p2.x - bulge, y: p2.y };
    }
  } else if (a.side === b.side) {
    const sign = a.side === 'left' ? 1 : -1;
    const bow = 34 + 0.4 * Math.abs(a.y - b.y);
    p1 = { x: a.x, y: a.y };
    p2 = { x: b.x, y: b.y };
    c1 = { x: p1.x + sign * bow, y: p1.y };
    c2 = { x: p2.x + sign * bow, y: p2.y };
  } else if (a.side === 'centre' || b.side === 'centre') {
    const pa = port(a, b, ports);
    const pb = port(b, a, ports);
    [p1, c1, c2, p2] = [pa.p, pa.c, pb.c, pb.p];
  } else {
    const over = (a.y + b.y) / 2 < (hubs.top + hubs.bottom) / 2;
    const detour = over ? hubs.top - 50 : hubs.bottom + 50;
    p1 = { x: a.x, y: a.y };
    p2 = { x: b.x, y: b.y };
    // Overshooting the detour line pulls the curve's extreme out to about that line.
    const ctrlY = (p: Point) => p.y + (detour - p.y) * 1.3;
    c1 = { x: (p1.x + CENTRE.x) / 2, y: ctrlY(p1) };
    c2 = { x: (p2.x + CENTRE.x) / 2, y: ctrlY(p2) };
  }
  const start = rim(a, p1, c1);
  const end = rim(b, p2, c2);
  return { curve: { start: start.p, c1, c2, end: end.p }, startDir: start.dir, endDir: end.dir };
}

/** A small triangle with its tip at `tip`, pointing along `dir`. */
export function arrowHead(tip: Point, dir: Point): Triangle {
  const len = 8;
  const halfWidth = 3.6;
  const base = { x: tip.x - dir.x * len, y: tip.y - dir.y * len };
  const n = { x: -dir.y * halfWidth, y: dir.x * halfWidth };
  return [tip, { x: base.x + n.x, y: base.y + n.y }, { x: base.x - n.x, y: base.y - n.y }];
}

/** Routes every linked pair (sorted by their IDs): `nodes` are the laid-out entries, `hubColumn` the hubs' IDs top to bottom. */
export function routeEdges(edges: GraphData['edges'], nodes: readonly LaidNode[], hubColumn: readonly string[]): RoutedEdge[] {
  const at = new Map(nodes.map((n) => [n.id, n]));
  const pairs = pairLinks(edges, at);
  const ports = assignPorts(hubColumn, pairs.values(), at);
  const span = spanHubColumn(hubColumn.map((id) => at.get(id)!));
  const hubRank = new Map<string, number>();
  hubColumn.forEach((id, i) => hubRank.has(id) || hubRank.set(id, i));
  const sorted = [...pairs.values()].sort((p, q) => (pairKey(p.a, p.b) < pairKey(q.a, q.b) ? -1 : 1));
  return sorted.map((pair) => {
    const route = routeEdge(at.get(pair.a)!, at.get(pair.b)!, hubRank, span, ports);
    const arrows: Triangle[] = [];
    if (pair.forward.length) arrows.push(arrowHead(route.curve.end, route.endDir));
    if (pair.backward.length) arrows.push(arrowHead(route.curve.start, route.startDir));
    return { a: pair.a, b: pair.b, forward: pair.forward.sort(), backward: pair.backward.sort(), curve: route.curve, arrows };
  });
}

/** A curve as SVG path data. */
export function pathData(c: Cubic): string {
  return `M${formatPoint(c.start)} C${formatPoint(c.c1)} ${formatPoint(c.c2)} ${formatPoint(c.end)}`;
}

/** A routed edge as the renderer takes it: path data and arrowhead `points`. */
export function drawEdge(e: RoutedEdge): LaidEdge {
  return { a: e.a, b: e.b, forward: e.forward, backward: e.backward, path: pathData(e.curve), arrows: e.arrows.map((t) => t.map(formatPoint).join(' ')) };
}
