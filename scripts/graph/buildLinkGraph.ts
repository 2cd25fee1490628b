/**
 * The link index: every link in the library, structured or inline, built in
 * one pass after loading, with backlinks. Checks, `reflib links`, `reflib
 * graph` and the bundle build all read it; nothing re-reads files.
 */
import { toPointer } from '../core/locatePointer';
import type { LoadedEntry } from '../load/parseEntry';
import type { Kind } from '../core/loadSchemas';
import { findInlineLinks } from './findInlineLinks';
import { linkFields } from './linkFields';

export interface Link {
  source: LoadedEntry;
  /** The top-level field the link is in, e.g. `cautions` or `overview`. */
  field: string;
  /** JSON Pointer to the ID (structured) or to the string holding it (inline). */
  pointer: string;
  /** The ID pointed at, as written. */
  target: string;
  inline: boolean;
  /** For inline links: where `[[…]]` sits in the string value. */
  range?: [number, number];
  /** For structured links: the kinds the field allows. */
  kinds?: readonly Kind[];
}

export interface LinkGraph {
  /** Entries by ID. With duplicate IDs, the first by path. */
  byId: Map<string, LoadedEntry>;
  links: Link[];
  /** Links out of each entry, by source ID. */
  outgoing: Map<string, Link[]>;
  /** Backlinks: links into each ID, by target ID. */
  incoming: Map<string, Link[]>;
  /** IDs of files that exist but could not be parsed: links to them are not broken. */
  unreadable: ReadonlySet<string>;
  /** False when some entry file could not be parsed, so backlinks may be missing. */
  complete: boolean;
}

type Data = Record<string, unknown>;

/** The entry's status, when it is a string. */
export function statusOf(entry: LoadedEntry): string | undefined {
  const s = (entry.data as Data | null)?.status;
  return typeof s === 'string' ? s : undefined;
}

/** The entry's title, when it is a string. */
export function titleOf(entry: LoadedEntry): string | undefined {
  const t = (entry.data as Data | null)?.title;
  return typeof t === 'string' ? t : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Walks every string under a value, calling `visit` with its pointer segments.
 * The path is one mutable stack: this runs over every string of the library.
 */
function eachString(value: unknown, path: (string | number)[], visit: (s: string, path: readonly (string | number)[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      eachString(value[i], path, visit);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k in value) {
      path.push(k);
      eachString((value as Data)[k], path, visit);
      path.pop();
    }
  }
}

/** Extracts one entry's links: its link fields, then inline links in any other string. */
export function extractLinks(entry: LoadedEntry): Link[] {
  const data = entry.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const fields = linkFields().get(entry.kind as Kind) ?? [];
  const structured = new Set(fields.map((f) => f.field));
  const links: Link[] = [];
  for (const f of fields) {
    const value = (data as Data)[f.field];
    const ids = f.many ? (Array.isArray(value) ? value : []) : [value];
    ids.forEach((id, i) => {
      if (typeof id !== 'string') return;
      const pointer = f.many ? toPointer([f.field, i]) : toPointer([f.field]);
      links.push({ source: entry, field: f.field, pointer, target: id, inline: false, kinds: f.kinds });
    });
  }
  for (const [field, value] of Object.entries(data as Data)) {
    // References hold bibliographic text, never links; link fields hold bare IDs.
    if (structured.has(field) || field === 'references' || field === 'id') continue;
    eachString(value, [field], (text, path) => {
      if (!text.includes('[[')) return;
      for (const l of findInlineLinks(text)) {
        links.push({ source: entry, field, pointer: toPointer(path), target: l.target, inline: true, range: [l.from, l.to] });
      }
    });
  }
  return links;
}

/** Builds the link index over all entries in one pass. */
export function buildLinkGraph(entries: readonly LoadedEntry[], unreadable: ReadonlySet<string> = new Set(), complete = true): LinkGraph {
  const byId = new Map<string, LoadedEntry>();
  for (const e of entries) if (e.id && !byId.has(e.id)) byId.set(e.id, e);
  const links: Link[] = [];
  const outgoing = new Map<string, Link[]>();
  const incoming = new Map<string, Link[]>();
  for (const e of entries) {
    for (const link of extractLinks(e)) {
      links.push(link);
      if (e.id) push(outgoing, e.id, link);
      push(incoming, link.target, link);
    }
  }
  return { byId, links, outgoing, incoming, unreadable, complete };
}

/** Each graph's resolved chains: every ID on a walked chain maps to its final entry (null: a cycle or a dead end). */
const resolved = new WeakMap<LinkGraph, Map<string, LoadedEntry | null>>();

/**
 * Follows `replaced_by` from a retired entry to the final live replacement;
 * undefined on a cycle or a dead end. Results are remembered for every ID on
 * the chain, so resolving every entry of a long chain costs its length once,
 * not its square.
 */
export function finalReplacement(graph: LinkGraph, id: string): LoadedEntry | undefined {
  let memo = resolved.get(graph);
  if (!memo) resolved.set(graph, (memo = new Map()));
  const path: string[] = [];
  const onPath = new Set<string>();
  let current = graph.byId.get(id);
  let result: LoadedEntry | null | undefined;
  while (current && statusOf(current) === 'retired') {
    const cid = current.id!;
    if (memo.has(cid)) {
      result = memo.get(cid);
      break;
    }
    if (onPath.has(cid)) {
      result = null;
      break;
    }
    onPath.add(cid);
    path.push(cid);
    const next = (current.data as Data).replaced_by;
    current = typeof next === 'string' ? graph.byId.get(next) : undefined;
  }
  if (result === undefined) result = current ?? null;
  for (const p of path) memo.set(p, result);
  return result ?? undefined;
}
