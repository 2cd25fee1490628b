/**
 * The link index after an edit: built from the last one instead of from
 * nothing. The ID index, the link list and the link targets are rebuilt
 * (cheap: each entry's links are remembered), and only the backlinks of the
 * IDs that changed entries link to are redone, so an edit in a library of
 * 10,000 entries does not rebuild 10,000 backlink lists. The result is the
 * same as buildLinkGraph's, to the order of every list (tests hold it to that).
 */
import type { LoadedEntry } from '../load/parseEntry';
import { buildLinkGraph, extractLinks, indexLinks, type Link, type LinkGraph } from './buildLinkGraph';

/** A session's last link index, with the entries it was built from. */
export interface GraphMemo {
  entries: readonly LoadedEntry[];
  graph: LinkGraph;
}

/** Beyond this many changed entries, building from nothing is as quick. */
const MAX_CHANGED = 256;

/** Where `source`'s links go in a backlink list kept in entry (path) order. */
function insertAt(list: readonly Link[], source: LoadedEntry): number {
  const key = source.file.path;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].source.file.path < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The link index over `entries`, from `memo` when the entries are the same
 * files as then with a few texts changed (new parses), else built anew.
 */
export function updateLinkGraph(memo: GraphMemo | undefined, entries: readonly LoadedEntry[], unreadable: ReadonlySet<string> = new Set(), complete = true): LinkGraph {
  const before = memo?.entries;
  if (!memo || !before || before.length !== entries.length) return buildLinkGraph(entries, unreadable, complete);
  const changed: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (entries[i] === before[i]) continue;
    if (entries[i].file.path !== before[i].file.path || changed.length === MAX_CHANGED) return buildLinkGraph(entries, unreadable, complete);
    changed.push(i);
  }
  const { byId, links, targets, outgoing } = indexLinks(entries);
  const incoming = new Map(memo.graph.incoming);
  // Backlink lists copied in this update (the last graph's stay as they were).
  const copied = new Map<string, Link[]>();
  const listFor = (id: string): Link[] => {
    let list = copied.get(id);
    if (!list) {
      copied.set(id, (list = [...(incoming.get(id) ?? [])]));
      incoming.set(id, list);
    }
    return list;
  };
  for (const i of changed) {
    const old = before[i];
    for (const target of new Set(extractLinks(old).map((l) => l.target))) {
      const list = listFor(target);
      const from = insertAt(list, old);
      let to = from;
      while (to < list.length && list[to].source === old) to++;
      list.splice(from, to - from);
    }
  }
  for (const i of changed) {
    const entry = entries[i];
    const byTarget = new Map<string, Link[]>();
    for (const link of extractLinks(entry)) {
      const own = byTarget.get(link.target);
      if (own) own.push(link);
      else byTarget.set(link.target, [link]);
    }
    for (const [target, own] of byTarget) {
      const list = listFor(target);
      list.splice(insertAt(list, entry), 0, ...own);
    }
  }
  // An ID nothing links to any more has no backlink list, as in a full build.
  for (const [id, list] of copied) if (list.length === 0) incoming.delete(id);
  return { byId, links, targets, outgoing, incoming, unreadable, complete };
}
