/**
 * What a graph layout is made of: laid-out nodes and edges, the layout as a
 * whole (what the SVG renderer draws), and the points and curves the layout's
 * steps pass between them as numbers.
 */

/** A point in the drawing's user units; the drawing is centred on the origin. */
export interface Point {
  x: number;
  y: number;
}

/** The centre of the drawing, where the hub column stands. */
export const CENTRE: Readonly<Point> = { x: 0, y: 0 };

/** A cubic Bézier curve from `start` to `end`, with control points `c1` (near start) and `c2` (near end). */
export interface Cubic {
  start: Point;
  c1: Point;
  c2: Point;
  end: Point;
}

/** The radius of an entry's dot. */
export const DOT_RADIUS = 6;

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

/** Rounds a coordinate to the precision the SVG is written with (0.1 user units). */
export function roundCoordinate(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A coordinate as SVG text: rounded to 0.1, and never `-0`. */
export function formatCoordinate(n: number): string {
  const r = roundCoordinate(n);
  return Object.is(r, -0) ? '0' : String(r);
}

/** A point as SVG text, `x,y`. */
export function formatPoint(p: Point): string {
  return `${formatCoordinate(p.x)},${formatCoordinate(p.y)}`;
}
