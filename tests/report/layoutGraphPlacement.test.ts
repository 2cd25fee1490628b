/** Where the entries go: column heights, barycentric order, and coordinates. */
import { describe, expect, it } from 'vitest';
import { columnHeight, orderColumns, placeNodes } from '../../scripts/report/layoutGraphPlacement';
import { linkNeighbours, type GraphNode } from '../../scripts/report/layoutGraphSides';

const column = (kinds: string) => [...kinds].map((k, i) => ({ id: `n${i}`, kind: k }));

describe('columnHeight', () => {
  it.each([
    ['', 0],
    ['m', 0],
    ['mm', 30],
    ['im', 44],
    ['iim', 74],
    ['imim', 132],
  ])('gives a column of kinds %j a height of %i', (kinds, height) => {
    expect(columnHeight(column(kinds))).toBe(height);
  });
});

describe('orderColumns and placeNodes', () => {
  // Two hubs; on the right, r1 links to the lower hub and r2 to the upper; on the left, one entry linked to both.
  const hubs: GraphNode[] = [{ id: 'h1', kind: 'topic' }, { id: 'h2', kind: 'topic' }];
  const right: GraphNode[] = [{ id: 'r1', kind: 'misconception' }, { id: 'r2', kind: 'misconception' }];
  const left: GraphNode[] = [{ id: 'l1', kind: 'interaction' }];
  const nodes = [...hubs, ...right, ...left];
  const neighbours = linkNeighbours(nodes, [['h2', 'r1'], ['h1', 'r2'], ['h1', 'l1'], ['h2', 'l1']].map(([from, to]) => ({ from, to, field: 'x' })));
  const boxes = new Map(hubs.map((h) => [h.id, { lines: [h.id], height: 40 }]));
  const ordered = orderColumns({ hubs, left, right }, boxes, neighbours);

  it('orders each side entry by the height of the hubs it links to', () => {
    expect(ordered.right.map((x) => x.id)).toEqual(['r2', 'r1']);
    expect(ordered.hubs.map((x) => x.id)).toEqual(['h1', 'h2']);
    expect(ordered.y.get('r2')!).toBeLessThan(ordered.y.get('r1')!);
  });

  it('spreads the hubs over the columns’ height, centred, and rows 30 apart', () => {
    // Two 40-high boxes 26 apart are the tallest column.
    expect(ordered.inner).toBe(106);
    expect(Object.fromEntries(ordered.y)).toEqual({ h1: -33, h2: 33, l1: 0, r2: -15, r1: 15 });
  });

  it('places hubs in the middle and dots on columns that bulge outwards in the middle', () => {
    const laid = placeNodes(nodes, ordered, boxes);
    expect(laid.map((n) => [n.id, n.side, n.index, n.width, n.height])).toEqual([
      ['h1', 'centre', 0, 204, 40],
      ['h2', 'centre', 1, 204, 40],
      ['r1', 'right', 2, 12, 12],
      ['r2', 'right', 3, 12, 12],
      ['l1', 'left', 4, 12, 12],
    ]);
    const x = Object.fromEntries(laid.map((n) => [n.id, n.x]));
    expect(x.h1).toBe(0);
    expect(x.l1).toBe(-255); // at the centre line: the full bulge
    expect(x.r1).toBeCloseTo(215 + 40 * (1 - (15 / 53) ** 2), 9);
  });

  it('fills in a missing kind, title and status, and shortens long titles', () => {
    const bare = [{ id: 'b1' }, { id: 'b2', title: 'x'.repeat(60) }];
    const laid = placeNodes(bare, orderColumns({ hubs: [], left: [], right: bare }, new Map(), linkNeighbours(bare, [])), new Map());
    expect(laid.map((n) => [n.kind, n.title, n.status, n.lines[0].length])).toEqual([
      ['unknown', 'b1', 'unknown', 2],
      ['unknown', 'x'.repeat(60), 'unknown', 46],
    ]);
  });
});
