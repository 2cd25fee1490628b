/** `reflib graph`: the library's link graph as DOT, Mermaid, JSON, or SVG through Graphviz. */
import { spawnSync } from 'node:child_process';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { graphData, type GraphData } from '../../graph/graphData';
import { loadGraph } from '../../graph/loadGraph';

export interface GraphOptions {
  cwd: string;
  root?: string;
  /** `dot` (default), `mermaid`, `json` or `svg`. */
  format?: string;
  /** The Graphviz program to run for svg; tests point it elsewhere. */
  dotCommand?: string;
}

const SHAPES: Record<string, string> = { topic: 'box', 'form-comparison': 'component', interaction: 'hexagon', 'population-caution': 'octagon', misconception: 'note' };

/** Graphviz DOT. */
export function toDot(data: GraphData): string {
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['digraph reflib {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=8];'];
  for (const n of data.nodes) {
    const style = n.status === 'published' ? '' : ', style=dashed';
    lines.push(`  ${q(n.id)} [label=${q(`${n.title ?? n.id}\n${n.kind ?? ''} ${n.id}`)}, shape=${SHAPES[n.kind ?? ''] ?? 'ellipse'}${style}];`);
  }
  for (const e of data.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.field)}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Mermaid flowchart, for Markdown that renders it. */
export function toMermaid(data: GraphData): string {
  const label = (s: string) => s.replace(/"/g, '#quot;');
  const lines = ['flowchart LR'];
  for (const n of data.nodes) lines.push(`  e${n.id}["${label(`${n.title ?? n.id} (${n.kind ?? '?'})`)}"]`);
  for (const e of data.edges) lines.push(`  e${e.from} -->|${label(e.field)}| e${e.to}`);
  return lines.join('\n') + '\n';
}

/** Prints the link graph in the chosen format. */
export async function graph(options: GraphOptions): Promise<{ output: string }> {
  const format = options.format ?? 'dot';
  if (!['dot', 'mermaid', 'json', 'svg'].includes(format)) throw new UsageError(`unknown format "${format}" for graph`, 'Use dot, mermaid, json or svg.');
  const loaded = await loadGraph(resolveRoot(options));
  const data = graphData(loaded.graph);
  if (format === 'json') return { output: JSON.stringify(data, null, 2) + '\n' };
  if (format === 'mermaid') return { output: toMermaid(data) };
  if (format === 'dot') return { output: toDot(data) };
  const dot = options.dotCommand ?? 'dot';
  const r = spawnSync(dot, ['-Tsvg'], { input: toDot(data), encoding: 'utf8' });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new UsageError('--format svg needs Graphviz, and its dot program is not installed', 'Install Graphviz (e.g. apt-get install graphviz), or use --format dot and render it with dot -Tsvg.');
  }
  if (r.status !== 0) throw new UsageError(`Graphviz failed: ${(r.stderr || String(r.error)).trim().split('\n')[0]}`);
  return { output: r.stdout };
}
