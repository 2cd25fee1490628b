/** Links as numeric curves: one pair per two linked entries, one curve per kind of route, arrowheads, and the SVG text at the end. */
import { describe, expect, it } from 'vitest';
import type { LaidNode, Point } from '../../scripts/report/layoutGraphShapes';
import { arrowHead, assignPorts, drawEdge, pairLinks, pathData, routeEdge, spanHubColumn, type Route } from '../../scripts/report/layoutGraphRoutes';

function hub(id: string, index: number, y: number): LaidNode {
  return { id, kind: 'topic', title: id, status: 'published', index, side: 'centre', x: 0, y, width: 204, height: 40, lines: [id] };
}
function dot(id: string, index: number, side: 'left' | 'right', x: number, y: number): LaidNode {
  return { id, kind: 'misconception', title: id, status: 'published', index, side, x, y, width: 12, height: 12, lines: [id] };
}
const byIds = (nodes: LaidNode[]) => new Map(nodes.map((n) => [n.id, n]));
const close = (p: Point, q: Point) => {
  expect(p.x).toBeCloseTo(q.x, 9);
  expect(p.y).toBeCloseTo(q.y, 9);
};

describe('pairLinks', () => {
  const at = byIds([hub('a', 0, 0), dot('b', 1, 'left', -250, 0), dot('c', 2, 'right', 250, 0)]);

  it.each([
    ['a forward link', [{ from: 'a', to: 'b', field: 'related' }], [['a', 'b', ['related'], []]]],
    ['a back link (from the later entry)', [{ from: 'b', to: 'a', field: 'corrects' }], [['a', 'b', [], ['corrects']]]],
    ['links both ways, as one pair', [{ from: 'a', to: 'b', field: 'x' }, { from: 'b', to: 'a', field: 'y' }, { from: 'a', to: 'b', field: 'x' }], [['a', 'b', ['x'], ['y']]]],
    ['self-links and unknown entries, left out', [{ from: 'a', to: 'a', field: 'x' }, { from: 'a', to: 'zz', field: 'x' }, { from: 'zz', to: 'c', field: 'x' }], []],
    ['pairs in the order first seen', [{ from: 'c', to: 'b', field: 'x' }, { from: 'a', to: 'c', field: 'x' }], [['b', 'c', [], ['x']], ['a', 'c', ['x'], []]]],
  ])('groups %s', (_, edges, expected) => {
    expect([...pairLinks(edges, at).values()].map((p) => [p.a, p.b, p.forward, p.backward])).toEqual(expected);
  });
});

describe('assignPorts and spanHubColumn', () => {
  it('spreads the links arriving at each side of a hub over its height, in the order of the other ends', () => {
    const nodes = [hub('h', 0, 0), dot('l1', 1, 'left', -250, 40), dot('l2', 2, 'left', -250, -40), dot('r', 3, 'right', 250, 0), hub('g', 4, 100)];
    const at = byIds(nodes);
    const pairs = [{ a: 'h', b: 'l1' }, { a: 'h', b: 'l2' }, { a: 'h', b: 'r' }, { a: 'h', b: 'g' }].map((p) => ({ ...p, forward: ['x'], backward: [] }));
    // Usable height 40 − 12 = 28, from −14: two ports at −7 and 7, one at 0.
    expect([...assignPorts(['h', 'g'], pairs, at)]).toEqual([['h>l2', -7], ['h>l1', 7], ['h>r', 0]]);
  });

  it.each([
    ['no hubs: the centre', [], { top: 0, bottom: 0 }],
    ['one hub', [hub('h', 0, 50)], { top: 0, bottom: 70 }],
    ['a column', [hub('h', 0, -100), hub('g', 1, 100)], { top: -120, bottom: 120 }],
  ])('spans %s', (_, hubs, expected) => {
    expect(spanHubColumn(hubs)).toEqual(expected);
  });

  it('spans 200,000 hubs without spreading them into one call', () => {
    const hubs = Array.from({ length: 200_000 }, (_, i) => hub(`h${i}`, i, i));
    expect(spanHubColumn(hubs)).toEqual({ top: -20, bottom: 200_019 });
  });
});

describe('routeEdge', () => {
  const span = { top: -60, bottom: 60 };
  const cases: [string, LaidNode, LaidNode, Record<string, number>, Route][] = [
    [
      'between neighbouring hubs: straight down from the upper box to the lower',
      hub('a', 0, -50), hub('b', 1, 50), {},
      { curve: { start: { x: 0, y: -30 }, c1: { x: 0, y: 0 }, c2: { x: 0, y: 0 }, end: { x: 0, y: 30 } }, startDir: { x: 0, y: -1 }, endDir: { x: 0, y: 1 } },
    ],
    [
      'a back edge between neighbouring hubs (b above a): up from a to b',
      hub('a', 0, 50), hub('b', 1, -50), {},
      { curve: { start: { x: 0, y: 30 }, c1: { x: 0, y: 0 }, c2: { x: 0, y: 0 }, end: { x: 0, y: -30 } }, startDir: { x: 0, y: 1 }, endDir: { x: 0, y: -1 } },
    ],
    [
      'between hubs further apart: an arc round the left of the column, wider the further apart',
      hub('a', 0, -100), hub('c', 2, 100), {},
      { curve: { start: { x: -102, y: -100 }, c1: { x: -164, y: -100 }, c2: { x: -164, y: 100 }, end: { x: -102, y: 100 } }, startDir: { x: 1, y: 0 }, endDir: { x: 1, y: 0 } },
    ],
    [
      'on the same side: a bow towards the middle, from rim to rim',
      dot('a', 0, 'left', -250, -30), dot('b', 1, 'left', -250, 30), {},
      { curve: { start: { x: -242.5, y: -30 }, c1: { x: -192, y: -30 }, c2: { x: -192, y: 30 }, end: { x: -242.5, y: 30 } }, startDir: { x: -1, y: 0 }, endDir: { x: -1, y: 0 } },
    ],
    [
      'from a hub to a dot: out of the hub’s port on that side',
      hub('a', 0, 0), dot('b', 1, 'right', 250, 0), { 'a>b': 10 },
      { curve: { start: { x: 102, y: 10 }, c1: { x: 214.5, y: 10 }, c2: { x: 137.5, y: 0 }, end: { x: 242.5, y: 0 } }, startDir: { x: -1, y: 0 }, endDir: { x: 1, y: 0 } },
    ],
  ];
  it.each(cases)('routes a link %s', (_, a, b, ports, expected) => {
    const hubRank = new Map([['a', 0], ['b', 1], ['c', 2]]);
    const route = routeEdge(a, b, hubRank, span, new Map(Object.entries(ports)));
    close(route.curve.start, expected.curve.start);
    close(route.curve.c1, expected.curve.c1);
    close(route.curve.c2, expected.curve.c2);
    close(route.curve.end, expected.curve.end);
    close(route.startDir, expected.startDir);
    close(route.endDir, expected.endDir);
  });

  it.each([
    ['above the hubs, when the ends are in the upper half', -20, -137],
    ['below the hubs, when the ends are in the lower half', 20, 137],
  ])('routes a link from side to side round the hub column: %s', (_, y, controlY) => {
    const a = dot('a', 0, 'left', -250, y);
    const b = dot('b', 1, 'right', 250, y);
    const { curve } = routeEdge(a, b, new Map(), span, new Map());
    expect([curve.c1, curve.c2]).toEqual([{ x: -125, y: controlY }, { x: 125, y: controlY }]);
    // Both ends sit on the dots' rims.
    expect(Math.hypot(curve.start.x - a.x, curve.start.y - a.y)).toBeCloseTo(7.5, 9);
    expect(Math.hypot(curve.end.x - b.x, curve.end.y - b.y)).toBeCloseTo(7.5, 9);
  });
});

describe('arrowheads and SVG text', () => {
  it('puts an arrowhead’s tip at the end, its base 8 back and 7.2 wide', () => {
    expect(arrowHead({ x: 10, y: 0 }, { x: 1, y: 0 })).toEqual([{ x: 10, y: 0 }, { x: 2, y: 3.6 }, { x: 2, y: -3.6 }]);
  });

  it('writes the curve and arrowheads only at the end, rounded to 0.1 and never -0', () => {
    const curve = { start: { x: -0.04, y: 1.25 }, c1: { x: 2.449, y: -3 }, c2: { x: 4, y: 5 }, end: { x: 6.66, y: 7 } };
    expect(pathData(curve)).toBe('M0,1.3 C2.4,-3 4,5 6.7,7');
    const arrows = [arrowHead(curve.end, { x: 0, y: 1 })];
    expect(drawEdge({ a: 'a', b: 'b', forward: ['x'], backward: [], curve, arrows })).toEqual({
      a: 'a', b: 'b', forward: ['x'], backward: [], path: 'M0,1.3 C2.4,-3 4,5 6.7,7', arrows: ['6.7,7 3.1,-1 10.3,-1'],
    });
  });
});
