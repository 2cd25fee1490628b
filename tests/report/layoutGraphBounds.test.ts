/** The viewBox, measured from numbers: nodes with their labels, and curves sampled as drawn. */
import { describe, expect, it } from 'vitest';
import { drawnCurve, measureBounds, nodeCorners, sampleCubic } from '../../scripts/report/layoutGraphBounds';
import type { Cubic, LaidNode } from '../../scripts/report/layoutGraphShapes';

function node(side: LaidNode['side'], x: number, y: number, title = 'Ab', status = 'published'): LaidNode {
  const box = side === 'centre';
  return { id: 'aaaa0001', kind: 'topic', title, status, index: 0, side, x, y, width: box ? 204 : 12, height: box ? 40 : 12, lines: [title] };
}
const curve = (sx: number, sy: number, c1x: number, c1y: number, c2x: number, c2y: number, ex: number, ey: number): Cubic => ({
  start: { x: sx, y: sy },
  c1: { x: c1x, y: c1y },
  c2: { x: c2x, y: c2y },
  end: { x: ex, y: ey },
});

describe('measureBounds', () => {
  it.each([
    // Every case: the extremes, 12 of margin, rounded outwards.
    ['nothing: a default area', [], [], { minX: -112, minY: -42, width: 224, height: 84 }],
    ['a hub box', [node('centre', 0, 0)], [], { minX: -114, minY: -32, width: 228, height: 64 }],
    // The label "Ab" is 2 × 12 × 0.62 = 14.88 wide, 12 from the dot's centre: out to −226.88.
    ['a dot on the left, its label further left', [node('left', -200, 0)], [], { minX: -239, minY: -22, width: 57, height: 44 }],
    ['a dot on the right, its label further right', [node('right', 200, 0)], [], { minX: 182, minY: -22, width: 57, height: 44 }],
    // " (draft)" adds 8 characters: 59.52 more.
    ['a draft, whose label says so', [node('right', 200, 0, 'Ab', 'draft')], [], { minX: 182, minY: -22, width: 117, height: 44 }],
    // The curve peaks at 75, well inside its control points at 100.
    ['a curve, not its control points', [], [curve(0, 0, 0, 100, 100, 100, 100, 0)], { minX: -12, minY: -12, width: 124, height: 99 }],
    // 12.04 is drawn as 12: the bounds fit the drawing, not the unrounded number (which would give 37).
    ['a curve as drawn, rounded to 0.1', [], [curve(0, 0, 0, 0, 0, 0, 12.04, 0)], { minX: -12, minY: -12, width: 36, height: 24 }],
    // The arc reaches out to −250.5.
    ['a node and a curve beyond it', [node('centre', 0, 0)], [curve(-102, 0, -300, 0, -300, 0, -102, 0)], { minX: -263, minY: -32, width: 377, height: 64 }],
  ])('bounds %s', (_, nodes, curves, expected) => {
    expect(measureBounds(nodes, curves)).toEqual(expected);
  });

  it('measures 20,000 curves without spreading their points into one call', () => {
    const curves = Array.from({ length: 20_000 }, (_, i) => curve(0, 0, i, 0, i, 0, 0, 10));
    expect(measureBounds([], curves).width).toBe(Math.ceil(0.75 * 19_999 + 12) + 12);
  });
});

describe('the steps of measureBounds', () => {
  it('samples a curve from its start to its end', () => {
    const points = sampleCubic(curve(0, 0, 0, 100, 100, 100, 100, 0));
    expect(points).toHaveLength(25);
    expect([points[0], points[12], points[24]]).toEqual([{ x: 0, y: 0 }, { x: 50, y: 75 }, { x: 100, y: 0 }]);
    expect(sampleCubic(curve(0, 0, 1, 1, 2, 2, 3, 3), 3).map((p) => Math.round(p.x * 1e9) / 1e9)).toEqual([0, 1, 2, 3]);
  });

  it('rounds every point of a curve as the path data writes it', () => {
    expect(drawnCurve(curve(0.04, -0.06, 1.25, 2.449, 3, 4, 5.55, 6.96))).toEqual(curve(0, -0.1, 1.3, 2.4, 3, 4, 5.6, 7));
  });

  it.each([
    ['a hub: its box', node('centre', 10, 20), [{ x: -92, y: 0 }, { x: 112, y: 40 }]],
    ['a left dot: its label out to the left, its rim in to the right', node('left', -100, 0), [{ x: -126.88, y: -10 }, { x: -94, y: 10 }]],
    ['a right dot: its label out to the right, its rim in to the left', node('right', 100, 0), [{ x: 126.88, y: -10 }, { x: 94, y: 10 }]],
  ])('covers %s', (_, n, expected) => {
    const [p, q] = nodeCorners(n);
    expect([p.x, p.y, q.x, q.y].map((v) => Math.round(v * 100) / 100)).toEqual([expected[0].x, expected[0].y, expected[1].x, expected[1].y]);
  });
});
