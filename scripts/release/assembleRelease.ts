/** Turns a compiled library into the files of one release, with its manifest. */
import { canonicalJson, sha256 } from '../bundle/canonicalJson';
import type { CompiledLibrary } from './compileLibrary';
import { diffReleases, renderChangelog, type Changelog } from './diffReleases';
import { bumpVersion, computeBump, type Bump } from './computeVersion';
import { FORMAT_VERSION, type Latest, type Manifest, type ManifestReference } from '../bundle/manifest';

export interface Release {
  version: string;
  bump: Bump;
  manifest: Manifest;
  /** Every file, manifest.json included, by path relative to dist/<version>/. */
  files: Map<string, string>;
  latest: string;
  changelog: Changelog;
  /** Earlier redirects whose target no longer exists: apps following them now get 404s. */
  droppedRedirects: string[];
}

type Ref = { key: string; type: string; pmid?: number; url?: string; title: string; retracted?: boolean; coi?: { status: string; sponsors?: string[] } };

function referenceMap(compiled: CompiledLibrary): Record<string, ManifestReference> {
  const out: Record<string, ManifestReference> = {};
  for (const e of compiled.entries) {
    for (const r of (e.references as Ref[]) ?? []) {
      const key = r.type === 'article' ? `pmid:${r.pmid}` : `url:${r.url}`;
      const item = (out[key] ??= { title: r.title, retracted: Boolean(r.retracted), citedBy: [] });
      if (r.coi) Object.assign(item, { coi: r.coi.status, ...(r.coi.sponsors ? { sponsors: r.coi.sponsors } : {}) });
      if (!item.citedBy.includes(e.id)) item.citedBy.push(e.id);
    }
  }
  return out;
}

/**
 * Assembles the next release after `previous`. When nothing changed, the
 * result has `bump: 'none'` and keeps the previous version and manifest.
 */
export interface PreviousRelease {
  manifest: Manifest;
  /** Its changelog files as released, when on disk: an unchanged rebuild keeps them byte for byte. */
  changelogJson?: string;
  changelogMd?: string;
}

/**
 * Redirects are forever: earlier releases' redirects are carried forward even
 * when the retired entry's file is later deleted, re-pointed at the current
 * live replacement. One whose target no longer exists is dropped (a breaking change).
 */
export function carryRedirects(previous: Manifest | undefined, compiled: CompiledLibrary): { redirects: Record<string, string>; dropped: string[] } {
  const live = new Set(compiled.entries.map((e) => e.id));
  const merged: Record<string, string> = { ...(previous?.redirects ?? {}), ...compiled.redirects };
  const redirects: Record<string, string> = {};
  const dropped: string[] = [];
  for (const id of Object.keys(merged).sort()) {
    if (live.has(id)) continue; // live again (id-reuse reports that)
    let target = merged[id];
    for (let i = 0; i < 50 && !live.has(target) && merged[target]; i++) target = merged[target];
    if (live.has(target)) redirects[id] = target;
    else dropped.push(id);
  }
  return { redirects, dropped };
}

export function assembleRelease(compiled: CompiledLibrary, prior: PreviousRelease | undefined, source: { sourceCommit: string | null; created: string }): Release {
  const previous = prior?.manifest;
  const carried = carryRedirects(previous, compiled);
  compiled = { ...compiled, redirects: carried.redirects };
  const entries: Manifest['entries'] = {};
  for (const e of compiled.entries) entries[e.id] = { kind: e.kind, title: e.title, contentHash: sha256(canonicalJson(e)) };
  const bump = computeBump(previous, { entries, redirects: compiled.redirects, formatVersion: FORMAT_VERSION });
  const version = bumpVersion(previous?.version, bump);
  const files = new Map<string, string>();
  const head = { formatVersion: FORMAT_VERSION, version };
  files.set('library.json', canonicalJson({ ...head, entries: compiled.entries, redirects: compiled.redirects }));
  files.set('index.json', canonicalJson({ ...head, entries: compiled.index }));
  for (const e of compiled.entries) files.set(`entries/${e.id}.json`, canonicalJson({ ...head, entry: e }));
  const counts: Record<string, number> = {};
  for (const e of compiled.entries) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  const draft: Manifest = {
    ...head,
    // An unchanged release keeps its original provenance: its manifest is immutable.
    sourceCommit: bump === 'none' && previous ? previous.sourceCommit : source.sourceCommit,
    created: bump === 'none' && previous ? previous.created : source.created,
    counts,
    files: {},
    entries,
    redirects: compiled.redirects,
    references: referenceMap(compiled),
  };
  // For an unchanged release, the changelog is the one it was released with.
  const changelog = diffReleases(bump === 'none' ? undefined : previous, draft, bump);
  const keep = bump === 'none';
  files.set('changelog.json', (keep && prior?.changelogJson) || canonicalJson(changelog));
  files.set('CHANGELOG.md', (keep && prior?.changelogMd) || renderChangelog(changelog));
  for (const [rel, text] of [...files].sort()) draft.files[rel] = { sha256: sha256(text), size: Buffer.byteLength(text) };
  const manifestText = canonicalJson(draft);
  files.set('manifest.json', manifestText);
  const latest: Latest = { ...head, manifest: `${version}/manifest.json`, manifestSha256: sha256(manifestText) };
  return { version, bump, manifest: draft, files, latest: canonicalJson(latest), changelog, droppedRedirects: carried.dropped };
}
