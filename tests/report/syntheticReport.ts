/** Generated graphs and report data of any size, for the report's tests at scale (no files, no YAML). */
import type { GraphData } from '../../scripts/graph/graphData';
import { indexLinks, type ReportData } from '../../scripts/report/collectReportData';

export const KINDS = ['topic', 'form-comparison', 'interaction', 'population-caution', 'misconception'];

export const pageId = (i: number) => (0x10000000 + i).toString(16);

/**
 * A library-shaped graph of `n` entries: one in ten a topic; every entry
 * links to a topic and to two entries near it (so links grow with entries,
 * about four per entry), with a few drafts and retired entries.
 */
export function syntheticGraph(n: number): GraphData {
  const nodes: GraphData['nodes'] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: pageId(i), kind: i % 10 === 0 ? 'topic' : KINDS[1 + (i % 4)], title: `Entry ${i}: a title of some length`, status: i % 97 === 5 ? 'draft' : i % 89 === 7 ? 'retired' : 'published' });
  }
  const edges: GraphData['edges'] = [];
  const topics = Math.ceil(n / 10);
  for (let i = 0; i < n; i++) {
    const from = pageId(i);
    if (i % 10 !== 0) edges.push({ from, to: pageId(10 * ((i * 7) % topics)), field: 'related' });
    for (const d of [1, 3]) if (i + d < n) edges.push({ from, to: pageId(i + d), field: d === 1 ? 'related' : 'sections' });
    if (i % 10 === 0 && i + 10 < n) edges.push({ from, to: pageId(i + 10), field: 'misconceptions' });
  }
  return { nodes, edges: sortEdges(edges) };
}

/** Edges in the order graphData gives them. */
export function sortEdges(edges: GraphData['edges']): GraphData['edges'] {
  const key = (e: GraphData['edges'][number]) => e.from + e.to + e.field;
  return edges.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Report data for a graph, as collectReportData would give it for entries with no content beyond a title. */
export function reportDataFor(graph: GraphData): ReportData {
  const entries = graph.nodes.map((n) => ({
    id: n.id,
    kind: n.kind!,
    title: n.title!,
    status: n.status!,
    file: `entries/${n.id}.yaml`,
    valid: true,
    view: { title: n.title, summary: 'A generated entry.' },
    viewSource: 'bundle' as const,
    diagnostics: [],
    linkFields: [],
  }));
  return {
    rootHref: '../..',
    documentedRules: new Set<string>(),
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    graph,
    diagnostics: [],
    summary: { files: entries.length, entries: entries.length, errors: 0, warnings: 0, infos: 0, suppressed: 0 },
    citations: [],
    coi: [],
    coiByEntry: new Map(),
    links: indexLinks(graph),
    nextRelease: { state: 'no-previous' as const },
    buildBlocked: false,
  };
}

/** The `<svg>…</svg>` elements of a page. */
export function svgsOf(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

/** How many nodes (entries or groups) and linked pairs an SVG draws. */
export function drawn(svg: string): { nodes: number; edges: number } {
  return { nodes: (svg.match(/<(a|g) class="node /g) ?? []).length, edges: (svg.match(/<g class="edge /g) ?? []).length };
}

/**
 * A counter of work done on a graph's links: every element read from an
 * edge list (the graph's, and each entry's in the link index) and every
 * lookup in the link index. The lists are wrapped in proxies that count.
 */
export function countingData(data: ReportData): { data: ReportData; reads: () => number } {
  let reads = 0;
  const wrap = <T extends object[]>(list: T): T =>
    new Proxy(list, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
  const links = new Map([...data.links].map(([id, l]) => [id, { out: wrap(l.out), in: wrap(l.in) }]));
  const get = links.get.bind(links);
  links.get = (id: string) => {
    reads++;
    return get(id);
  };
  const graph = { nodes: wrap(data.graph.nodes), edges: wrap(data.graph.edges) };
  return { data: { ...data, graph, links }, reads: () => reads };
}
