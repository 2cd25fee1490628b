/** The first steps of the layout: neighbours, hubs, the split into side columns, and hub boxes. */
import { describe, expect, it } from 'vitest';
import { byId, byKind, chooseHubs, linkNeighbours, sizeHubBoxes, splitSides, type GraphNode } from '../../scripts/report/layoutGraphSides';

const n = (id: string, kind?: string): GraphNode => (kind === undefined ? { id } : { id, kind });
const ids = (list: GraphNode[]) => list.map((x) => x.id);

describe('linkNeighbours', () => {
  it('links both ends, once, leaving out self-links and unknown entries', () => {
    const neighbours = linkNeighbours([n('a'), n('b'), n('c')], [
      { from: 'a', to: 'b', field: 'x' },
      { from: 'b', to: 'a', field: 'y' },
      { from: 'c', to: 'c', field: 'x' },
      { from: 'c', to: 'zz', field: 'x' },
    ]);
    expect([...neighbours].map(([id, set]) => [id, [...set]])).toEqual([['a', ['b']], ['b', ['a']], ['c', []]]);
  });
});

describe('chooseHubs', () => {
  // a–b–c–d–e in a chain, plus f linked to b: b has the most links.
  const chain = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['f', 'b']].map(([from, to]) => ({ from, to, field: 'x' }));
  it.each([
    ['the topics, when there are others too', [n('a', 'topic'), n('b'), n('c', 'topic')], [], ['a', 'c']],
    ['no hubs for two entries or fewer without topics', [n('a'), n('b')], [{ from: 'a', to: 'b', field: 'x' }], []],
    ['the best-linked entry, one per six entries', ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => n(id)), chain, ['b']],
    ['the best-linked entries, ties by ID, when every entry is a topic', ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => n(id, 'topic')), chain, ['b', 'c']],
    ['at most three', Array.from({ length: 40 }, (_, i) => n(`n${String(i).padStart(2, '0')}`)), [], ['n00', 'n01', 'n02']],
  ])('chooses %s', (_, nodes, edges, expected) => {
    expect(ids(chooseHubs(nodes, linkNeighbours(nodes, edges)))).toEqual(expected);
  });
});

describe('byKind and splitSides', () => {
  it('orders the side kinds first, in their order, then any others alphabetically', () => {
    const nodes = ['zebra', 'misconception', undefined, 'form-comparison', 'interaction', 'alpha', 'population-caution'].map((k, i) => n(`n${i}`, k));
    expect(nodes.sort((a, b) => byKind(a, b) || byId(a, b)).map((x) => x.kind ?? '(none)')).toEqual(['interaction', 'population-caution', 'form-comparison', 'misconception', '(none)', 'alpha', 'zebra']);
  });

  const column = (kinds: string) => [...kinds].map((k, i) => n(`n${i}`, k));
  it.each([
    ['nothing', '', 0],
    ['at the kind boundary in the middle', 'iimm', 2],
    ['at a kind boundary off the middle, when that is balanced enough', 'iiim', 3],
    ['in half, when no kind boundary is balanced enough', 'iiiiiiiiiim', 6],
    ['in half, within one kind', 'mmmmm', 3],
  ])('splits %s', (_, kinds, rightCount) => {
    const others = column(kinds);
    const { right, left } = splitSides(others);
    expect([right.length, left.length]).toEqual([rightCount, others.length - rightCount]);
    expect([...right, ...left]).toEqual(others);
  });
});

describe('sizeHubBoxes', () => {
  it.each([
    ['its title, when few links arrive', 'Short', 2, ['Short'], 35],
    ['three lines of title at most', 'A rather long hub title that goes on and on and on and on', 0, ['A rather long hub title', 'that goes on and on and', 'on and on'], 65],
    ['its busier side’s links to fan out', 'Short', 15, ['Short'], 102],
    ['with a limit', 'Short', 40, ['Short'], 120],
  ])('fits a hub box to %s', (_, title, rightLinks, lines, height) => {
    const nodes = [{ id: 'h', kind: 'topic', title }, ...Array.from({ length: rightLinks }, (_, i) => n(`r${i}`)), n('l')];
    const edges = nodes.slice(1).map((m) => ({ from: 'h', to: m.id, field: 'x' }));
    const right = new Set(nodes.slice(1, 1 + rightLinks).map((m) => m.id));
    expect(sizeHubBoxes([nodes[0]], linkNeighbours(nodes, edges), right).get('h')).toEqual({ lines, height });
  });
});
