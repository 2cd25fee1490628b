/**
 * The link index: every link in the library, structured or inline, built in
 * one pass after loading, with backlinks. Checks, `reflib links`, `reflib
 * graph` and the bundle build all read it; nothing re-reads files.
 */
import { toPointer } from '../core/locatePointer';
import type { LoadedEntry } from '../load/parseEntry';
import type { Kind } from '../core/loadSchemas';
import { findInlineLinks } from './findInlineLinks';
import { linkFields, type LinkField } from './linkFields';

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
  /** Every link, in entry order; each entry's link fields' links come together, field by field, then its inline links. */
  links: Link[];
  /**
   * For each link in `links`, at the same index, the entry it points at
   * (`byId.get(link.target)`): looked up once here rather than by every
   * check that walks the links.
   */
  targets: (LoadedEntry | undefined)[];
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

/** How one kind's links are read: its link fields, each with its pointer, and their names. */
interface KindPlan {
  fields: readonly (LinkField & { pointer: string })[];
  names: ReadonlySet<string>;
}

const plans = new Map<Kind, KindPlan>();
const NO_LINK_FIELDS: KindPlan = { fields: [], names: new Set() };

function planOf(kind: string | undefined): KindPlan {
  let plan = plans.get(kind as Kind);
  if (!plan) {
    const fields = linkFields().get(kind as Kind);
    // Only the known kinds are kept: a library may hold any number of made-up ones.
    if (!fields) return NO_LINK_FIELDS;
    plan = { fields: fields.map((f) => ({ ...f, pointer: toPointer([f.field]) })), names: new Set(fields.map((f) => f.field)) };
    plans.set(kind as Kind, plan);
  }
  return plan;
}

/**
 * Adds the inline links in every string under a value. This visits every
 * string of the library, so the path is one mutable stack and a pointer is
 * built only for a string that holds a link.
 */
function scanInline(entry: LoadedEntry, field: string, value: unknown, path: (string | number)[], links: Link[]): void {
  if (typeof value === 'string') {
    if (!value.includes('[[')) return;
    let pointer: string | undefined;
    for (const l of findInlineLinks(value)) {
      links.push({ source: entry, field, pointer: (pointer ??= toPointer(path)), target: l.target, inline: true, range: [l.from, l.to] });
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      scanInline(entry, field, value[i], path, links);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k in value) {
      path.push(k);
      scanInline(entry, field, (value as Data)[k], path, links);
      path.pop();
    }
  }
}

function collectLinks(entry: LoadedEntry): Link[] {
  const data = entry.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const plan = planOf(entry.kind);
  const links: Link[] = [];
  for (const f of plan.fields) {
    const value = (data as Data)[f.field];
    if (!f.many) {
      if (typeof value === 'string') links.push({ source: entry, field: f.field, pointer: f.pointer, target: value, inline: false, kinds: f.kinds });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const id: unknown = value[i];
        // The field's pointer plus the index: toPointer([field, i]) without re-escaping the field.
        if (typeof id === 'string') links.push({ source: entry, field: f.field, pointer: `${f.pointer}/${i}`, target: id, inline: false, kinds: f.kinds });
      }
    }
  }
  const path: (string | number)[] = [];
  for (const field of Object.keys(data)) {
    // Link fields hold bare IDs (read above), references bibliographic text, never links.
    if (plan.names.has(field) || field === 'references' || field === 'id') continue;
    path.push(field);
    scanInline(entry, field, (data as Data)[field], path, links);
    path.pop();
  }
  return links;
}

// A parsed entry is immutable and reused while its text is unchanged (see
// validateEntries): a watch session re-reads the links of changed entries only.
const extracted = new WeakMap<LoadedEntry, readonly Link[]>();

/** Extracts one entry's links: its link fields, then inline links in any other string. Computed once per entry object. */
export function extractLinks(entry: LoadedEntry): readonly Link[] {
  let links = extracted.get(entry);
  if (!links) extracted.set(entry, (links = collectLinks(entry)));
  return links;
}

/** Builds the link index over all entries in one pass. */
export function buildLinkGraph(entries: readonly LoadedEntry[], unreadable: ReadonlySet<string> = new Set(), complete = true): LinkGraph {
  const { byId, links, targets, outgoing, byTarget } = indexLinks(entries, true);
  const incoming = new Map<string, Link[]>();
  for (const [id, target] of byTarget!) incoming.set(id, target);
  return { byId, links, targets, outgoing, incoming, unreadable, complete };
}

/**
 * The parts of the link index besides backlinks: IDs, links in entry order
 * with their targets, and links out of each ID; with `backlinks`, also the
 * links into each ID (buildLinkGraph; updateLinkGraph redoes only some).
 */
export function indexLinks(entries: readonly LoadedEntry[], backlinks = false): Pick<LinkGraph, 'byId' | 'links' | 'targets' | 'outgoing'> & { byTarget?: Map<string, Link[]> } {
  const byId = new Map<string, LoadedEntry>();
  for (const e of entries) if (e.id && !byId.has(e.id)) byId.set(e.id, e);
  const links: Link[] = [];
  const targets: (LoadedEntry | undefined)[] = [];
  const outgoing = new Map<string, Link[]>();
  // Lists made here (for duplicate IDs), which may grow; the others are entries' own and must not.
  const copied = new Set<Link[]>();
  // By target ID, its backlinks (when asked for) and its entry: one lookup per link gives both.
  const byTarget = new Map<string, { links: Link[]; entry: LoadedEntry | undefined }>();
  for (const e of entries) {
    const own = extractLinks(e);
    if (own.length === 0) continue;
    if (e.id) {
      // One lookup per entry, not per link; the entry's own list is shared until a duplicate ID adds to it.
      const out = outgoing.get(e.id);
      if (!out) outgoing.set(e.id, own as Link[]);
      else if (copied.has(out)) for (const link of own) out.push(link);
      else {
        const joined = [...out, ...own];
        copied.add(joined);
        outgoing.set(e.id, joined);
      }
    }
    for (const link of own) {
      links.push(link);
      if (!backlinks) {
        targets.push(byId.get(link.target));
        continue;
      }
      let target = byTarget.get(link.target);
      if (!target) byTarget.set(link.target, (target = { links: [], entry: byId.get(link.target) }));
      target.links.push(link);
      targets.push(target.entry);
    }
  }
  if (!backlinks) return { byId, links, targets, outgoing };
  const lists = new Map<string, Link[]>();
  for (const [id, target] of byTarget) lists.set(id, target.links);
  return { byId, links, targets, outgoing, byTarget: lists };
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
