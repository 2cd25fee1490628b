/**
 * The drawing's bounds (the SVG's viewBox), measured from numbers: each node
 * with its label, and points sampled along each curve.
 */
import { dotLabel, labelWidth } from './layoutGraphLabels';
import { DOT_RADIUS, roundCoordinate, type Cubic, type LaidNode, type Point } from './layoutGraphShapes';

/** The bounds of a drawing, in whole user units. */
export interface Bounds {
  minX: number;
  minY: number;
  width: number;
  height: number;
}

/** The margin round the drawing. */
const PAD = 12;
/** Samples per curve. */
const STEPS = 24;
/** The bounds of an empty drawing, before the margin. */
const EMPTY = { minX: -100, maxX: 100, minY: -30, maxY: 30 };

/** Two opposite corners of the area a node covers: a hub's box, or a dot with its label on the outside. */
export function nodeCorners(n: LaidNode): [Point, Point] {
  if (n.side === 'centre') {
    return [
      { x: n.x - n.width / 2, y: n.y - n.height / 2 },
      { x: n.x + n.width / 2, y: n.y + n.height / 2 },
    ];
  }
  const w = labelWidth(dotLabel(n)) + 12;
  return [
    { x: n.side === 'left' ? n.x - w : n.x + w, y: n.y - 10 },
    { x: n.x + (n.side === 'left' ? DOT_RADIUS : -DOT_RADIUS), y: n.y + 10 },
  ];
}

/** The curve as the SVG draws it: every point rounded as its path data writes it. */
export function drawnCurve(c: Cubic): Cubic {
  const round = (p: Point): Point => ({ x: roundCoordinate(p.x), y: roundCoordinate(p.y) });
  return { start: round(c.start), c1: round(c.c1), c2: round(c.c2), end: round(c.end) };
}

/**
 * `steps + 1` points evenly spaced in t along a curve, ends included. The
 * control points can lie well outside the curve, so the bounds use these.
 */
export function sampleCubic(c: Cubic, steps = STEPS): Point[] {
  const points: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const [k0, k1, k2, k3] = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
    points.push({ x: k0 * c.start.x + k1 * c.c1.x + k2 * c.c2.x + k3 * c.end.x, y: k0 * c.start.y + k1 * c.c1.y + k2 * c.c2.y + k3 * c.end.y });
  }
  return points;
}

/**
 * The bounds of the nodes, their labels and the curves as drawn, with a
 * margin, rounded outwards to whole units. Running extremes rather than
 * `Math.min(...all)`, which overflows the stack on a large graph.
 */
export function measureBounds(nodes: readonly LaidNode[], curves: readonly Cubic[]): Bounds {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let any = false;
  const add = (p: Point) => {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
    any = true;
  };
  for (const n of nodes) nodeCorners(n).forEach(add);
  // sampleCubic(drawnCurve(c)), point by point without making the points: the same arithmetic, so the same numbers.
  for (const c of curves) {
    const d = drawnCurve(c);
    for (let i = 0; i <= STEPS; i++) {
      const t = i / STEPS;
      const k0 = (1 - t) ** 3;
      const k1 = 3 * (1 - t) ** 2 * t;
      const k2 = 3 * (1 - t) * t ** 2;
      const k3 = t ** 3;
      const x = k0 * d.start.x + k1 * d.c1.x + k2 * d.c2.x + k3 * d.end.x;
      const y = k0 * d.start.y + k1 * d.c1.y + k2 * d.c2.y + k3 * d.end.y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      any = true;
    }
  }
  if (!any) ({ minX, maxX, minY, maxY } = EMPTY);
  const left = Math.floor(minX - PAD);
  const top = Math.floor(minY - PAD);
  return { minX: left, minY: top, width: Math.ceil(maxX + PAD) - left, height: Math.ceil(maxY + PAD) - top };
}
