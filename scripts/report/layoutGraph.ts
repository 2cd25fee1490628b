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
 *
 * The steps live beside this file: layoutGraphSides (neighbours, hubs, side
 * columns, hub boxes), layoutGraphPlacement (order and coordinates),
 * layoutGraphRoutes (curves and arrowheads) and layoutGraphBounds (the viewBox).
 */
import type { GraphData } from '../graph/graphData';
import { measureBounds } from './layoutGraphBounds';
import { orderColumns, placeNodes } from './layoutGraphPlacement';
import { drawEdge, routeEdges } from './layoutGraphRoutes';
import { byId, byKind, chooseHubs, linkNeighbours, sizeHubBoxes, splitSides } from './layoutGraphSides';
import type { GraphLayout } from './layoutGraphShapes';

export { DOT_RADIUS, type GraphLayout, type LaidEdge, type LaidNode } from './layoutGraphShapes';
export { LABEL_CHARS, labelWidth, truncate, wrapTitle } from './layoutGraphLabels';

/** Lays out the graph. The same data always gives the same layout, whatever the order of its nodes and edges. */
export function layoutGraph(data: GraphData): GraphLayout {
  const nodes = [...data.nodes].sort(byId);
  const neighbours = linkNeighbours(nodes, data.edges);
  const hubs = chooseHubs(nodes, neighbours);
  const hubIds = new Set(hubs.map((h) => h.id));
  const { right, left } = splitSides(nodes.filter((n) => !hubIds.has(n.id)).sort((a, b) => byKind(a, b) || byId(a, b)));
  const boxes = sizeHubBoxes(hubs, neighbours, new Set(right.map((n) => n.id)));
  const columns = orderColumns({ hubs, left, right }, boxes, neighbours);
  const laid = placeNodes(nodes, columns, boxes);
  const routed = routeEdges(data.edges, laid, columns.hubs.map((h) => h.id));
  const bounds = measureBounds(laid, routed.map((e) => e.curve));
  return { ...bounds, nodes: laid, edges: routed.map(drawEdge), neighbours };
}
