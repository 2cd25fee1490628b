/** `reflib links <id>`: what an entry links to and what links to it, before you change it. */
import { statusOf, titleOf, type Link, type LinkGraph } from '../../graph/buildLinkGraph';
import { loadGraph } from '../../graph/loadGraph';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { closest } from '../../core/suggest';

export interface LinksOptions {
  cwd: string;
  root?: string;
  id: string;
  /** `text` (default) or `json`. */
  format?: string;
}

interface Row {
  id: string;
  kind?: string;
  title?: string;
  status?: string;
  /** The field the link is in; `(inline)` marks a [[link]] in prose. */
  fields: string[];
  /** The ID matches no entry. */
  missing?: boolean;
}

function describeEntry(graph: LinkGraph, id: string) {
  const e = graph.byId.get(id);
  return e ? { id, kind: e.kind, title: titleOf(e), status: statusOf(e) } : { id, missing: true };
}

/** Groups links by the entry at the other end, listing the fields they are in. */
function rows(graph: LinkGraph, links: readonly Link[], end: (l: Link) => string): Row[] {
  const byId = new Map<string, Row>();
  for (const l of links) {
    const id = end(l);
    const row = byId.get(id) ?? { ...describeEntry(graph, id), fields: [] };
    const field = l.inline ? `${l.field} (inline)` : l.field;
    if (!row.fields.includes(field)) row.fields.push(field);
    byId.set(id, row);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function table(title: string, list: Row[], via: string): string[] {
  const out = [`${title} (${list.length}):`];
  if (list.length === 0) out.push('  none');
  const kindWidth = Math.max(0, ...list.map((r) => (r.kind ?? '').length));
  for (const r of list) {
    const what = r.missing ? '(no such entry)' : `${(r.kind ?? '').padEnd(kindWidth)}  ${r.title ?? ''}${r.status === 'published' ? '' : ` [${r.status}]`}`;
    out.push(`  ${r.id}  ${what}  ${via} ${r.fields.join(', ')}`);
  }
  return out;
}

/** Describes one entry's outgoing and incoming links. Throws UsageError for an unknown ID. */
export async function links(options: LinksOptions): Promise<{ output: string }> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" for links`, 'Use text or json.');
  const { graph } = await loadGraph(resolveRoot(options));
  const entry = graph.byId.get(options.id);
  if (!entry) {
    const guess = closest(options.id, graph.byId.keys());
    throw new UsageError(`no entry has ID "${options.id}"`, guess ? `Did you mean ${guess} (${titleOf(graph.byId.get(guess)!)})?` : undefined);
  }
  const outgoing = rows(graph, graph.outgoing.get(options.id) ?? [], (l) => l.target);
  const incoming = rows(graph, (graph.incoming.get(options.id) ?? []).filter((l) => l.source.id !== undefined), (l) => l.source.id!);
  const self = { ...describeEntry(graph, options.id), file: entry.file.path };
  if (format === 'json') return { output: JSON.stringify({ entry: self, outgoing, incoming }, null, 2) + '\n' };
  const lines = [
    `${self.id}  ${self.kind}  ${self.title}  [${self.status}]  ${self.file}`,
    '',
    ...table('Links to', outgoing, 'via'),
    '',
    ...table('Linked from', incoming, 'in'),
  ];
  return { output: lines.join('\n') + '\n' };
}
