/**
 * Where the entries go: the order within each column, and then coordinates.
 *
 * Side entries are ordered, within their kind, by the mean height of the hubs
 * they link to, and hubs by the mean height of the side entries they link to
 * (a few rounds of barycentric ordering), which keeps most links short and
 * uncrossed. The side columns curve gently outwards in the middle.
 */
import { CENTRE, DOT_RADIUS, type LaidNode } from './layoutGraphShapes';
import { LABEL_CHARS, truncate } from './layoutGraphLabels';
import { byId, byKind, type GraphNode, type HubBox, type Neighbours } from './layoutGraphSides';

/** The three columns, top to bottom. */
export interface Columns {
  hubs: GraphNode[];
  left: GraphNode[];
  right: GraphNode[];
}

/** The columns in their final order, each entry's height (centre y), and the height the columns share. */
export interface OrderedColumns extends Columns {
  y: ReadonlyMap<string, number>;
  inner: number;
}

const ROW = 30;
const GROUP_GAP = 14;
const BOX_WIDTH = 204;
const BOX_GAP = 26;
const SIDE_X = 215;
const BULGE = 40;
const ROUNDS = 4;
const CX = CENTRE.x;
const CY = CENTRE.y;

/** How tall a side column is from its first entry to its last: a row per entry, plus a gap where the kind changes. */
export function columnHeight(list: readonly GraphNode[]): number {
  let h = 0;
  list.forEach((n, i) => (h += i === 0 ? 0 : n.kind === list[i - 1].kind ? ROW : ROW + GROUP_GAP));
  return h;
}

/** The height of the hub boxes stacked with the least gap between them. */
function hubsHeight(hubs: readonly GraphNode[], boxes: ReadonlyMap<string, HubBox>): number {
  return hubs.reduce((s, h) => s + boxes.get(h.id)!.height, 0) + Math.max(0, hubs.length - 1) * BOX_GAP;
}

/** Spreads the hubs over the height the columns use (`inner`), centred; `stacked` is their `hubsHeight`. */
function placeHubs(order: readonly GraphNode[], boxes: ReadonlyMap<string, HubBox>, inner: number, stacked: number, y: Map<string, number>): void {
  const free = inner - stacked;
  const gap = order.length > 1 ? BOX_GAP + free / (order.length - 1) : 0;
  let at = order.length > 1 ? CY - inner / 2 : CY - stacked / 2;
  for (const h of order) {
    const hgt = boxes.get(h.id)!.height;
    y.set(h.id, at + hgt / 2);
    at += hgt + gap;
  }
}

/** Places a side column's entries a row apart, centred, with a gap between kinds. */
function placeColumn(list: readonly GraphNode[], y: Map<string, number>): void {
  let at = CY - columnHeight(list) / 2;
  list.forEach((n, i) => {
    if (i > 0) at += n.kind === list[i - 1].kind ? ROW : ROW + GROUP_GAP;
    y.set(n.id, at);
  });
}

/** The mean height of an entry's placed neighbours that pass `among`, or `fallback` when there are none. */
function meanHeight(id: string, neighbours: Neighbours, among: (m: string) => boolean, y: ReadonlyMap<string, number>, fallback: number): number {
  const ys = [...neighbours.get(id)!].filter(among).map((m) => y.get(m)!).filter((v) => v !== undefined);
  return ys.length ? ys.reduce((s, v) => s + v, 0) / ys.length : fallback;
}

/** Reorders a side column within each kind group by the mean height of its hub neighbours. */
function orderColumn(list: readonly GraphNode[], hubIds: ReadonlySet<string>, neighbours: Neighbours, y: ReadonlyMap<string, number>): GraphNode[] {
  const keyed = list.map((n, i) => ({ n, key: meanHeight(n.id, neighbours, (m) => hubIds.has(m), y, y.get(n.id) ?? i) }));
  keyed.sort((a, b) => byKind(a.n, b.n) || a.key - b.key || byId(a.n, b.n));
  return keyed.map((k) => k.n);
}

/** Reorders the hubs by the mean height of their side neighbours. */
function orderHubs(hubs: readonly GraphNode[], hubIds: ReadonlySet<string>, neighbours: Neighbours, y: ReadonlyMap<string, number>): GraphNode[] {
  const keyed = hubs.map((h) => ({ h, key: meanHeight(h.id, neighbours, (m) => !hubIds.has(m), y, y.get(h.id)!) }));
  keyed.sort((a, b) => a.key - b.key || byId(a.h, b.h));
  return keyed.map((k) => k.h);
}

/**
 * Orders the columns by a few rounds of barycentric ordering: the sides by
 * their hubs, then the hubs by their sides; returns the final order and heights.
 */
export function orderColumns(columns: Columns, boxes: ReadonlyMap<string, HubBox>, neighbours: Neighbours): OrderedColumns {
  const hubIds = new Set(columns.hubs.map((h) => h.id));
  const stacked = hubsHeight(columns.hubs, boxes);
  const inner = Math.max(columnHeight(columns.left), columnHeight(columns.right), stacked, 60);
  const y = new Map<string, number>();
  let { hubs, left, right } = columns;
  placeHubs(hubs, boxes, inner, stacked, y);
  placeColumn(left, y);
  placeColumn(right, y);
  for (let round = 0; round < ROUNDS; round++) {
    left = orderColumn(left, hubIds, neighbours, y);
    right = orderColumn(right, hubIds, neighbours, y);
    placeColumn(left, y);
    placeColumn(right, y);
    hubs = orderHubs(hubs, hubIds, neighbours, y);
    placeHubs(hubs, boxes, inner, stacked, y);
  }
  return { hubs, left, right, y, inner };
}

/** How far out a side column is at height `y`: furthest in the middle, on a parabola. */
function sideX(y: number, sign: number, inner: number): number {
  const half = Math.max(inner / 2, 1);
  const t = Math.min(1, Math.abs(y - CY) / half);
  return CX + sign * (SIDE_X + BULGE * (1 - t * t));
}

/** Gives every entry (in the order of `nodes`) its column, coordinates, size and label lines. */
export function placeNodes(nodes: readonly GraphNode[], columns: OrderedColumns, boxes: ReadonlyMap<string, HubBox>): LaidNode[] {
  const left = new Set<GraphNode>(columns.left);
  return nodes.map((n, index) => {
    const hub = boxes.get(n.id);
    const side: LaidNode['side'] = hub ? 'centre' : left.has(n) ? 'left' : 'right';
    const y = columns.y.get(n.id) ?? CY;
    return {
      id: n.id,
      kind: n.kind ?? 'unknown',
      title: n.title ?? n.id,
      status: n.status ?? 'unknown',
      index,
      side,
      x: side === 'centre' ? CX : sideX(y, side === 'left' ? -1 : 1, columns.inner),
      y,
      width: hub ? BOX_WIDTH : 2 * DOT_RADIUS,
      height: hub ? hub.height : 2 * DOT_RADIUS,
      lines: hub ? hub.lines : [truncate(n.title ?? n.id, LABEL_CHARS)],
    };
  });
}
