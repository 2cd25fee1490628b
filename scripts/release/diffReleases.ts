/**
 * The changelog between two releases, from their manifests alone (manifests
 * are committed, so this works offline against any earlier release).
 */
import type { Bump } from './computeVersion';
import type { Manifest } from '../bundle/manifest';

export interface EntryChange {
  id: string;
  kind: string;
  title: string;
}

export interface Changelog {
  from: string | null;
  to: string;
  bump: Bump;
  added: EntryChange[];
  changed: EntryChange[];
  retired: (EntryChange & { replacedBy: string })[];
  /** Entries that disappeared without a redirect: a breaking change. */
  removed: EntryChange[];
  references: { added: string[]; removed: string[]; newlyRetracted: string[] };
  coiChanged: { reference: string; title: string; before: string; after: string }[];
}

const describeCoi = (r: { coi?: string; sponsors?: string[] } | undefined) => (r?.coi ? `${r.coi}${r.sponsors?.length ? ` (${r.sponsors.join(', ')})` : ''}` : 'none');

/** What changed from `before` (undefined for the first release) to `after`. */
export function diffReleases(before: Manifest | undefined, after: Manifest, bump: Bump): Changelog {
  const prevEntries = before?.entries ?? {};
  const prevRefs = before?.references ?? {};
  const byId = (a: EntryChange, b: EntryChange) => (a.id < b.id ? -1 : 1);
  const info = (m: Manifest['entries'], id: string): EntryChange => ({ id, kind: m[id].kind, title: m[id].title });
  const added = Object.keys(after.entries).filter((id) => !prevEntries[id]).map((id) => info(after.entries, id)).sort(byId);
  const changed = Object.keys(after.entries)
    .filter((id) => prevEntries[id] && prevEntries[id].contentHash !== after.entries[id].contentHash)
    .map((id) => info(after.entries, id))
    .sort(byId);
  const retired = Object.keys(prevEntries)
    .filter((id) => !after.entries[id] && after.redirects[id])
    .map((id) => ({ ...info(prevEntries, id), replacedBy: after.redirects[id] }))
    .sort(byId);
  const removed = Object.keys(prevEntries).filter((id) => !after.entries[id] && !after.redirects[id]).map((id) => info(prevEntries, id)).sort(byId);
  const refs = after.references;
  const label = (key: string, m: Manifest['references']) => `${m[key].title} (${key})`;
  const coiChanged = Object.keys(refs)
    .filter((k) => prevRefs[k] && describeCoi(prevRefs[k]) !== describeCoi(refs[k]))
    .sort()
    .map((k) => ({ reference: k, title: refs[k].title, before: describeCoi(prevRefs[k]), after: describeCoi(refs[k]) }));
  return {
    from: before?.version ?? null,
    to: after.version,
    bump,
    added,
    changed,
    retired,
    removed,
    references: {
      added: Object.keys(refs).filter((k) => !prevRefs[k]).sort().map((k) => label(k, refs)),
      removed: Object.keys(prevRefs).filter((k) => !refs[k]).sort().map((k) => label(k, prevRefs)),
      newlyRetracted: Object.keys(refs).filter((k) => refs[k].retracted && !prevRefs[k]?.retracted).sort().map((k) => label(k, refs)),
    },
    coiChanged,
  };
}

/** The changelog for people. */
export function renderChangelog(c: Changelog): string {
  const kind = c.bump === 'none' ? 'no version change' : `${c.bump} release`;
  const lines = [`# ${c.to}`, '', c.from ? `Changes since ${c.from} (${kind}).` : 'First release.', ''];
  const section = (title: string, items: string[]) => {
    if (!items.length) return;
    // One push per item: a first release lists every entry, too many to spread into one call.
    lines.push(`## ${title}`, '');
    for (const i of items) lines.push(`- ${i}`);
    lines.push('');
  };
  const entry = (e: EntryChange) => `${e.title} (${e.kind}, ${e.id})`;
  section('Added', c.added.map(entry));
  section('Changed', c.changed.map(entry));
  section('Retired', c.retired.map((e) => `${entry(e)}: now redirects to ${e.replacedBy}`));
  section('Removed without a redirect (breaking)', c.removed.map(entry));
  section('References added', c.references.added);
  section('References removed', c.references.removed);
  section('Newly retracted references', c.references.newlyRetracted);
  section('Conflict-of-interest declarations changed', c.coiChanged.map((x) => `${x.title} (${x.reference}): ${x.before} → ${x.after}`));
  if (c.from && lines.length === 4) lines.push('No content changes.', '');
  return lines.join('\n');
}
