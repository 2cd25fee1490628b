/**
 * The compile stage: turns the checked library into the bundle's entries,
 * fully resolved. Only published entries are included; links to retired
 * entries are rewritten to their final replacement; references are resolved
 * against the PubMed lock.
 */
import type { CheckedLibrary } from '../pipeline/checkLibrary';
import { finalReplacement, statusOf, titleOf, type LinkGraph } from '../graph/buildLinkGraph';
import { linkFields } from '../graph/linkFields';
import type { LoadedEntry } from '../load/parseEntry';
import type { Reference } from '../model/references';
import type { PubmedLock } from '../citations/lockRecord';
import { resolveReference } from '../citations/resolveCitation';
import type { Kind } from '../core/loadSchemas';

export interface LinkTarget {
  id: string;
  kind: string;
  title: string;
}

export interface Backlink extends LinkTarget {
  field: string;
}

/** One entry as the bundle carries it (see docs/bundle-format.md). */
export type BundleEntry = Record<string, unknown> & { id: string; kind: string; title: string; summary: string; updated: string };

export interface IndexItem {
  id: string;
  kind: string;
  title: string;
  summary: string;
  tags?: unknown;
  updated: string;
}

export interface CompiledLibrary {
  /** Sorted by ID. */
  entries: BundleEntry[];
  index: IndexItem[];
  /** Every retired ID → its final live (published) replacement. */
  redirects: Record<string, string>;
}

type Data = Record<string, unknown>;

/** The live ID a link should point at: itself, or the end of its replacement chain. */
function liveId(graph: LinkGraph, id: string): string | undefined {
  const target = finalReplacement(graph, id);
  return target && statusOf(target) === 'published' ? target.id : undefined;
}

function target(graph: LinkGraph, id: string): LinkTarget | undefined {
  const live = liveId(graph, id);
  const e = live ? graph.byId.get(live) : undefined;
  return e ? { id: e.id!, kind: e.kind!, title: titleOf(e)! } : undefined;
}

/** Rewrites inline links to retired entries so they point at the replacement. */
function rewriteInline(value: unknown, graph: LinkGraph): unknown {
  if (typeof value === 'string') {
    // Most text has no inline link: no pass over it.
    if (!value.includes('[[')) return value;
    return value.replace(/\[\[\s*([0-9a-f]{8})\s*(\|[^\]\n]*)?\]\]/g, (whole, id: string, label: string | undefined) => {
      const live = liveId(graph, id);
      return live && live !== id ? `[[${live}${label ?? ''}]]` : whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => rewriteInline(v, graph));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteInline(v, graph)]));
  return value;
}

type LinkField = NonNullable<ReturnType<ReturnType<typeof linkFields>['get']>>[number];

/** Each kind's link fields by name, made once per compile. */
type FieldsByKind = Map<string | undefined, Map<string, LinkField>>;

function fieldsOf(kind: string | undefined, byKind: FieldsByKind): Map<string, LinkField> {
  let fields = byKind.get(kind);
  if (!fields) byKind.set(kind, (fields = new Map((linkFields().get(kind as Kind) ?? []).map((f) => [f.field, f]))));
  return fields;
}

function compileEntry(entry: LoadedEntry, graph: LinkGraph, lock: PubmedLock, byKind: FieldsByKind = new Map()): BundleEntry {
  const data = entry.data as Data;
  const fields = fieldsOf(entry.kind, byKind);
  const out: Data = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'status' || key === 'replaced_by') continue;
    const link = fields.get(key);
    if (link?.many) {
      // Two links may lead to one live entry once retirements are followed: list it once.
      const targets: LinkTarget[] = [];
      for (const id of value as string[]) {
        const t = target(graph, id);
        if (t && !targets.some((x) => x.id === t.id)) targets.push(t);
      }
      out[key] = targets;
    } else if (link) {
      out[key] = target(graph, value as string);
    } else if (key === 'references') {
      out[key] = (value as Reference[]).map((r) => resolveReference(r, lock));
    } else {
      out[key] = rewriteInline(value, graph);
    }
  }
  const backlinks = new Map<string, Backlink>();
  for (const l of graph.incoming.get(entry.id!) ?? []) {
    const source = l.source;
    if (source === entry || statusOf(source) !== 'published' || !source.id) continue;
    const key = `${source.id}\0${l.field}`;
    if (!backlinks.has(key)) backlinks.set(key, { id: source.id, kind: source.kind!, title: titleOf(source)!, field: l.field });
  }
  out.backlinks = [...backlinks.values()].sort((a, b) => (a.id + a.field < b.id + b.field ? -1 : 1));
  return out as BundleEntry;
}

/** Compiles the published entries of a checked library (which must have no errors). */
export function compileLibrary(checked: Pick<CheckedLibrary, 'valid' | 'graph' | 'lock'>): CompiledLibrary {
  const { graph, lock } = checked;
  const published = checked.valid.filter((e) => statusOf(e) === 'published').sort((a, b) => (a.id! < b.id! ? -1 : 1));
  const byKind: FieldsByKind = new Map();
  const entries = published.map((e) => compileEntry(e, graph, lock, byKind));
  const redirects: Record<string, string> = {};
  for (const e of checked.valid) {
    if (statusOf(e) !== 'retired') continue;
    const live = liveId(graph, e.id!);
    if (live) redirects[e.id!] = live;
  }
  const index = entries.map((e) => ({ id: e.id, kind: e.kind, title: e.title, summary: e.summary, tags: e.tags, updated: e.updated }));
  return { entries, index, redirects };
}
