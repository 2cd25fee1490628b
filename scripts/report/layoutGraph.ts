/**
 * A deterministic layout for the link graph, readable at the library's size
 * (tens of nodes, about a hundred links), without Graphviz.
 *
 * The hubs (topics) stand in a column in the middle, as labelled boxes; the
 * other entries sit on two gently curved columns left and right, grouped by
 * kind, with their titles outside. Entries are ordered by the mean position
 * of the hubs they link to (a few rounds of barycentric ordering), which
 * keeps most links short and uncrossed. Links between the same two entries
 * are drawn once, with an arrowhead for each direction.
 */
import type { GraphData } from '../graph/graphData';

export interface LaidNode {
  id: string;
  kind: string;
  title: string;
  status: string;
  /** Position in `nodes`, for class names that do not depend on the ID's characters. */
  index: number;
  side: 'left' | 'centre' | 'right';
  x: number;
  y: number;
  /** Boxes (hubs): width and height, and the title wrapped into lines. */
  width: number;
  height: number;
  lines: string[];
}

export interface LaidEdge {
  /** The two entries, in the order of `nodes`. */
  a: string;
  b: string;
  /** The fields of a's links to b, and of b's links to a (empty when there are none). */
  forward: string[];
  backward: string[];
  /** SVG path data. */
  path: string;
  /** One arrowhead polygon (`points`) per direction that exists. */
  arrows: string[];
}

export interface GraphLayout {
  /** The drawing's bounds, labels and curves included: the SVG's viewBox. */
  minX: number;
  minY: number;
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
  /** The entries each entry links to or from. */
  neighbours: ReadonlyMap<string, ReadonlySet<string>>;
}

export const DOT_RADIUS = 6;
const ROW = 30;
const GROUP_GAP = 14;
const BOX_WIDTH = 204;
const LINE_HEIGHT = 15;
const BOX_PAD = 10;
const BOX_GAP = 26;
const PORT_GAP = 6;
const SIDE_X = 215;
const BULGE = 40;
const HUB_CHARS = 24;
export const LABEL_CHARS = 46;
/** Label font size and a generous average glyph width (DejaVu Sans is wide), to keep labels inside the drawing. */
const LABEL_PX = 12;
const GLYPH = 0.62;
const PAD = 12;

/** About how wide a label is drawn, in user units. */
export function labelWidth(text: string): number {
  return text.length * LABEL_PX * GLYPH;
}

/** Kinds on the side columns, top to bottom; right column first. */
const SIDE_ORDER = ['interaction', 'population-caution', 'form-comparison', 'misconception'];

type Point = { x: number; y: number };
const num = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
};
const pt = (p: Point) => `${num(p.x)},${num(p.y)}`;

/** Wraps a title into at most `maxLines` lines of about `width` characters. */
export function wrapTitle(title: string, width: number, maxLines: number): string[] {
  const words = title.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, width);
    return kept;
  }
  return lines.map((l) => truncate(l, width + 6));
}

/** Shortens text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function kindRank(kind: string): number {
  const i = SIDE_ORDER.indexOf(kind);
  return i === -1 ? SIDE_ORDER.length : i;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Lays out the graph. The same data always gives the same layout. */
export function layoutGraph(data: GraphData): GraphLayout {
  const nodes = [...data.nodes].sort(byId);
  const neighbours = new Map<string, Set<string>>(nodes.map((n) => [n.id, new Set<string>()]));
  for (const e of data.edges) {
    if (e.from === e.to || !neighbours.has(e.from) || !neighbours.has(e.to)) continue;
    neighbours.get(e.from)!.add(e.to);
    neighbours.get(e.to)!.add(e.from);
  }
  const degree = (id: string) => neighbours.get(id)!.size;

  // Hubs: the topics, unless there are none (or nothing else): then the best-linked entries.
  const topics = nodes.filter((n) => n.kind === 'topic');
  let hubs = topics.length > 0 && topics.length < nodes.length ? topics : [];
  if (hubs.length === 0 && nodes.length > 2) {
    hubs = [...nodes].sort((a, b) => degree(b.id) - degree(a.id) || byId(a, b)).slice(0, Math.min(3, Math.ceil(nodes.length / 6)));
  }
  const hubIds = new Set(hubs.map((h) => h.id));
  const others = nodes.filter((n) => !hubIds.has(n.id)).sort((a, b) => kindRank(a.kind ?? '') - kindRank(b.kind ?? '') || ((a.kind ?? '') < (b.kind ?? '') ? -1 : (a.kind ?? '') > (b.kind ?? '') ? 1 : 0) || byId(a, b));

  // Split the side entries in two, at a kind boundary when that is balanced enough.
  let split = Math.ceil(others.length / 2);
  let best = Infinity;
  for (let i = 0; i <= others.length; i++) {
    if (i > 0 && i < others.length && others[i - 1].kind === others[i].kind) continue;
    const imbalance = Math.abs(others.length - 2 * i);
    if (imbalance < best) [best, split] = [imbalance, i];
  }
  if (best > Math.max(3, others.length * 0.3)) split = Math.ceil(others.length / 2);
  const right = others.slice(0, split);
  const left = others.slice(split);

  // A hub box is tall enough for its title, and for the links arriving at its busier side to fan out.
  const rightIds = new Set(right.map((n) => n.id));
  const hubBoxes = new Map(hubs.map((h) => {
    const lines = wrapTitle(h.title ?? h.id, HUB_CHARS, 3);
    const near = [...neighbours.get(h.id)!].filter((m) => !hubIds.has(m));
    const busier = Math.max(near.filter((m) => rightIds.has(m)).length, near.filter((m) => !rightIds.has(m)).length);
    return [h.id, { lines, height: Math.max(lines.length * LINE_HEIGHT + 2 * BOX_PAD, Math.min(busier * PORT_GAP + 12, 120)) }];
  }));
  const columnHeight = (list: typeof others) => {
    let h = 0;
    list.forEach((n, i) => (h += i === 0 ? 0 : n.kind === list[i - 1].kind ? ROW : ROW + GROUP_GAP));
    return h;
  };
  const hubsHeight = hubs.reduce((s, h) => s + hubBoxes.get(h.id)!.height, 0) + Math.max(0, hubs.length - 1) * BOX_GAP;
  const inner = Math.max(columnHeight(left), columnHeight(right), hubsHeight, 60);
  const cx = 0;
  const cy = 0;

  const y = new Map<string, number>();
  const placeHubs = (order: typeof hubs) => {
    // Spread the hubs over the height the columns use, centred.
    const free = inner - hubsHeight;
    const gap = order.length > 1 ? BOX_GAP + free / (order.length - 1) : 0;
    let at = order.length > 1 ? cy - inner / 2 : cy - hubsHeight / 2;
    for (const h of order) {
      const hgt = hubBoxes.get(h.id)!.height;
      y.set(h.id, at + hgt / 2);
      at += hgt + gap;
    }
  };
  const mean = (id: string, among: (m: string) => boolean, fallback: number) => {
    const ys = [...neighbours.get(id)!].filter(among).map((m) => y.get(m)!).filter((v) => v !== undefined);
    return ys.length ? ys.reduce((s, v) => s + v, 0) / ys.length : fallback;
  };
  const placeColumn = (list: typeof others) => {
    const h = columnHeight(list);
    let at = cy - h / 2;
    list.forEach((n, i) => {
      if (i > 0) at += n.kind === list[i - 1].kind ? ROW : ROW + GROUP_GAP;
      y.set(n.id, at);
    });
  };
  /** Reorders a column within each kind group by the mean height of its hub neighbours. */
  const orderColumn = (list: typeof others) => {
    const keyed = list.map((n, i) => ({ n, i, key: mean(n.id, (m) => hubIds.has(m), y.get(n.id) ?? i) }));
    keyed.sort((a, b) => kindRank(a.n.kind ?? '') - kindRank(b.n.kind ?? '') || ((a.n.kind ?? '') < (b.n.kind ?? '') ? -1 : (a.n.kind ?? '') > (b.n.kind ?? '') ? 1 : 0) || a.key - b.key || byId(a.n, b.n));
    return keyed.map((k) => k.n);
  };

  let hubOrder = [...hubs];
  let leftOrder = left;
  let rightOrder = right;
  placeHubs(hubOrder);
  placeColumn(leftOrder);
  placeColumn(rightOrder);
  for (let round = 0; round < 4; round++) {
    leftOrder = orderColumn(leftOrder);
    rightOrder = orderColumn(rightOrder);
    placeColumn(leftOrder);
    placeColumn(rightOrder);
    const keyed = hubOrder.map((h) => ({ h, key: mean(h.id, (m) => !hubIds.has(m), y.get(h.id)!) }));
    keyed.sort((a, b) => a.key - b.key || byId(a.h, b.h));
    hubOrder = keyed.map((k) => k.h);
    placeHubs(hubOrder);
  }

  const half = Math.max(inner / 2, 1);
  const sideX = (yy: number, sign: number) => {
    const t = Math.min(1, Math.abs(yy - cy) / half);
    return cx + sign * (SIDE_X + BULGE * (1 - t * t));
  };
  const laid: LaidNode[] = nodes.map((n, index) => {
    const hub = hubBoxes.get(n.id);
    const side: LaidNode['side'] = hub ? 'centre' : leftOrder.includes(n) ? 'left' : 'right';
    const yy = y.get(n.id) ?? cy;
    return {
      id: n.id,
      kind: n.kind ?? 'unknown',
      title: n.title ?? n.id,
      status: n.status ?? 'unknown',
      index,
      side,
      x: side === 'centre' ? cx : sideX(yy, side === 'left' ? -1 : 1),
      y: yy,
      width: hub ? BOX_WIDTH : 2 * DOT_RADIUS,
      height: hub ? hub.height : 2 * DOT_RADIUS,
      lines: hub ? hub.lines : [truncate(n.title ?? n.id, LABEL_CHARS)],
    };
  });
  const at = new Map(laid.map((n) => [n.id, n]));
  const hubColumn = hubOrder.map((h) => h.id);

  // One drawn edge per pair of entries.
  const pairs = new Map<string, { a: string; b: string; forward: string[]; backward: string[] }>();
  for (const e of data.edges) {
    if (e.from === e.to || !at.has(e.from) || !at.has(e.to)) continue;
    const [a, b] = at.get(e.from)!.index < at.get(e.to)!.index ? [e.from, e.to] : [e.to, e.from];
    const key = `${a}>${b}`;
    const pair = pairs.get(key) ?? { a, b, forward: [], backward: [] };
    const list = a === e.from ? pair.forward : pair.backward;
    if (!list.includes(e.field)) list.push(e.field);
    pairs.set(key, pair);
  }

  // Where each link meets a hub box: spread evenly down the side it arrives at, in the order of the other ends.
  const ports = new Map<string, number>();
  for (const id of hubColumn) {
    const hub = at.get(id)!;
    for (const sign of [-1, 1]) {
      const ends = [...pairs.values()]
        .map((p) => (p.a === id ? p.b : p.b === id ? p.a : undefined))
        .filter((o): o is string => o !== undefined && at.get(o)!.side !== 'centre' && Math.sign(at.get(o)!.x - hub.x) === sign)
        .sort((o1, o2) => at.get(o1)!.y - at.get(o2)!.y || (o1 < o2 ? -1 : 1));
      const usable = hub.height - 12;
      ends.forEach((o, i) => ports.set(`${id}>${o}`, hub.y - usable / 2 + ((i + 0.5) * usable) / ends.length));
    }
  }

  const topOfHubs = Math.min(...hubColumn.map((id) => at.get(id)!.y - at.get(id)!.height / 2), cy);
  const bottomOfHubs = Math.max(...hubColumn.map((id) => at.get(id)!.y + at.get(id)!.height / 2), cy);

  const edges: LaidEdge[] = [];
  for (const pair of [...pairs.values()].sort((p, q) => (`${p.a}>${p.b}` < `${q.a}>${q.b}` ? -1 : 1))) {
    const route = routeEdge(at.get(pair.a)!, at.get(pair.b)!, hubColumn, { top: topOfHubs, bottom: bottomOfHubs, cx }, ports);
    const arrows: string[] = [];
    if (pair.forward.length) arrows.push(arrowHead(route.end, route.endDir));
    if (pair.backward.length) arrows.push(arrowHead(route.start, route.startDir));
    edges.push({ a: pair.a, b: pair.b, forward: pair.forward.sort(), backward: pair.backward.sort(), path: route.path, arrows });
  }
  // The bounds: every node with its label, and every curve's control points (a curve stays inside them).
  const xs: number[] = [];
  const ys: number[] = [];
  for (const n of laid) {
    if (n.side === 'centre') {
      xs.push(n.x - n.width / 2, n.x + n.width / 2);
      ys.push(n.y - n.height / 2, n.y + n.height / 2);
    } else {
      const w = labelWidth(`${n.lines[0]}${n.status === 'published' ? '' : ` (${n.status})`}`) + 12;
      xs.push(n.side === 'left' ? n.x - w : n.x + w, n.x + (n.side === 'left' ? DOT_RADIUS : -DOT_RADIUS));
      ys.push(n.y - 10, n.y + 10);
    }
  }
  for (const e of edges) {
    // Sample each cubic: its control points can lie well outside the curve itself.
    const n = e.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    for (let i = 0; i <= 24; i++) {
      const t = i / 24;
      const [k0, k1, k2, k3] = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
      xs.push(k0 * n[0] + k1 * n[2] + k2 * n[4] + k3 * n[6]);
      ys.push(k0 * n[1] + k1 * n[3] + k2 * n[5] + k3 * n[7]);
    }
  }
  if (!xs.length) xs.push(-100, 100), ys.push(-30, 30);
  const minX = Math.floor(Math.min(...xs) - PAD);
  const minY = Math.floor(Math.min(...ys) - PAD);
  return { minX, minY, width: Math.ceil(Math.max(...xs) + PAD) - minX, height: Math.ceil(Math.max(...ys) + PAD) - minY, nodes: laid, edges, neighbours };
}

interface Route {
  path: string;
  start: Point;
  end: Point;
  /** Unit direction of travel arriving at the start (from b towards a) and at the end. */
  startDir: Point;
  endDir: Point;
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
    const p = { x: n.x + (sign * n.width) / 2, y: ports.get(`${n.id}>${toward.id}`) ?? n.y };
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

function routeEdge(a: LaidNode, b: LaidNode, hubColumn: string[], hubs: { top: number; bottom: number; cx: number }, ports: ReadonlyMap<string, number>): Route {
  let p1: Point;
  let c1: Point;
  let c2: Point;
  let p2: Point;
  if (a.side === 'centre' && b.side === 'centre') {
    const ia = hubColumn.indexOf(a.id);
    const ib = hubColumn.indexOf(b.id);
    const [upper, lower] = a.y < b.y ? [a, b] : [b, a];
    if (Math.abs(ia - ib) === 1) {
      // Neighbouring boxes: a short vertical link between them.
      const top = { x: upper.x, y: upper.y + upper.height / 2 };
      const bottom = { x: lower.x, y: lower.y - lower.height / 2 };
      [p1, p2] = upper === a ? [top, bottom] : [bottom, top];
      c1 = { x: p1.x, y: (p1.y + p2.y) / 2 };
      c2 = { x: p2.x, y: (p1.y + p2.y) / 2 };
    } else {
      // Further apart: an arc round the left of the column.
      const bulge = 46 + 8 * Math.abs(ia - ib);
      p1 = { x: a.x - a.width / 2, y: a.y };
      p2 = { x: b.x - b.width / 2, y: b.y };
      c1 = { x: p1.x - bulge, y: p1.y };
      c2 = { x: p2.x - bulge, y: p2.y };
    }
  } else if (a.side === b.side) {
    // Same side column: a bow towards the middle.
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
    // Across the middle: round the top or the bottom of the hub column.
    const over = (a.y + b.y) / 2 < (hubs.top + hubs.bottom) / 2;
    const detour = over ? hubs.top - 50 : hubs.bottom + 50;
    p1 = { x: a.x, y: a.y };
    p2 = { x: b.x, y: b.y };
    const ctrlY = (p: Point) => p.y + (detour - p.y) * 1.3;
    c1 = { x: (p1.x + hubs.cx) / 2, y: ctrlY(p1) };
    c2 = { x: (p2.x + hubs.cx) / 2, y: ctrlY(p2) };
  }
  const start = rim(a, p1, c1);
  const end = rim(b, p2, c2);
  return { path: `M${pt(start.p)} C${pt(c1)} ${pt(c2)} ${pt(end.p)}`, start: start.p, end: end.p, startDir: start.dir, endDir: end.dir };
}

/** A small triangle with its tip at `tip`, pointing along `dir`. */
function arrowHead(tip: Point, dir: Point): string {
  const len = 8;
  const halfWidth = 3.6;
  const base = { x: tip.x - dir.x * len, y: tip.y - dir.y * len };
  const n = { x: -dir.y * halfWidth, y: dir.x * halfWidth };
  return `${pt(tip)} ${pt({ x: base.x + n.x, y: base.y + n.y })} ${pt({ x: base.x - n.x, y: base.y - n.y })}`;
}
