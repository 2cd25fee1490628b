/** Turns a compiled library into the files of one release, with its manifest. */
import { canonicalJson } from '../bundle/canonicalJson';
import { sha256 } from '../bundle/sha256';
import type { CompiledLibrary } from './compileLibrary';
import { diffReleases, renderChangelog, type Changelog } from './diffReleases';
import { bumpVersion, computeBump, type Bump } from './computeVersion';
import { fillArraySlot, frameOf, inSlot, slotOf } from './embedCanonical';
import { FORMAT_VERSION, type Latest, type Manifest, type ManifestReference } from '../bundle/manifest';

/** What the next release is, without its files: enough for a version and a changelog. */
export interface ReleasePlan {
  version: string;
  bump: Bump;
  /** The manifest, with `files` still empty. */
  manifest: Manifest;
  changelog: Changelog;
  /** Earlier redirects whose target no longer exists: apps following them now get 404s. */
  droppedRedirects: string[];
}

export interface Release extends ReleasePlan {
  /** Every file, manifest.json included, by path relative to dist/<version>/, as the UTF-8 bytes written. */
  files: Map<string, Buffer>;
  latest: string;
}

/** Called with each file's content as an object, before it is written, to check it against the bundle schema. */
export type CheckFile = (rel: string, value: unknown) => void;

type Ref = { key: string; type: string; pmid?: number; url?: string; title: string; retracted?: boolean; coi?: { status: string; sponsors?: string[] } };

function referenceMap(compiled: CompiledLibrary): Record<string, ManifestReference> {
  const out: Record<string, ManifestReference> = {};
  for (const e of compiled.entries) {
    for (const r of (e.references as Ref[]) ?? []) {
      const key = r.type === 'article' ? `pmid:${r.pmid}` : `url:${r.url}`;
      const item = (out[key] ??= { title: r.title, retracted: Boolean(r.retracted), citedBy: [] });
      if (r.coi) Object.assign(item, { coi: r.coi.status, ...(r.coi.sponsors ? { sponsors: r.coi.sponsors } : {}) });
      // An entry's references are read together, so a repeat can only be the last one listed.
      if (item.citedBy[item.citedBy.length - 1] !== e.id) item.citedBy.push(e.id);
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

type Source = { sourceCommit: string | null; created: string };

/**
 * The plan. Each entry is serialised once, for its content hash; `onText`
 * sees each entry's canonical JSON (in the order of `compiled.entries`), so
 * the build can make its files from the same text.
 */
function plan(compiled: CompiledLibrary, prior: PreviousRelease | undefined, source: Source, onText?: (i: number, text: string) => void): ReleasePlan & { redirects: Record<string, string> } {
  const previous = prior?.manifest;
  const carried = carryRedirects(previous, compiled);
  const redirects = carried.redirects;
  const entries: Manifest['entries'] = {};
  compiled.entries.forEach((e, i) => {
    const text = canonicalJson(e);
    entries[e.id] = { kind: e.kind, title: e.title, contentHash: sha256(text) };
    onText?.(i, text);
  });
  const bump = computeBump(previous, { entries, redirects, formatVersion: FORMAT_VERSION });
  const version = bumpVersion(previous?.version, bump);
  const counts: Record<string, number> = {};
  for (const e of compiled.entries) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    version,
    // An unchanged release keeps its original provenance: its manifest is immutable.
    sourceCommit: bump === 'none' && previous ? previous.sourceCommit : source.sourceCommit,
    created: bump === 'none' && previous ? previous.created : source.created,
    counts,
    files: {},
    entries,
    redirects,
    references: referenceMap(compiled),
  };
  // For an unchanged release, the changelog is the one it was released with.
  const changelog = diffReleases(bump === 'none' ? undefined : previous, manifest, bump);
  return { version, bump, manifest, changelog, droppedRedirects: carried.dropped, redirects };
}

/** The next release's version, manifest (without files) and changelog, without making its files. */
export function planRelease(compiled: CompiledLibrary, prior: PreviousRelease | undefined, source: Source): ReleasePlan {
  const { version, bump, manifest, changelog, droppedRedirects } = plan(compiled, prior, source);
  return { version, bump, manifest, changelog, droppedRedirects };
}

export interface AssembleOptions {
  /** Sees every file's content as an object before it is serialised (the build checks them against the bundle schema). */
  check?: CheckFile;
}

/** The frame of entries/<id>.json: `{formatVersion, version, entry}`. */
const entryFrame = (version: string) => frameOf((entry) => ({ formatVersion: FORMAT_VERSION, version, entry }));

/**
 * Makes a release's files. Each entry's file is made from the text its
 * content hash was taken from, while the version is still being decided: its
 * bytes up to the version go into a buffer with room for the longest version
 * the release can have, and the end is written once the version is known.
 * library.json is then copied from the entry files' bytes. So each entry is
 * serialised once, and its text is held once, as bytes.
 */
export function assembleRelease(compiled: CompiledLibrary, prior: PreviousRelease | undefined, source: Source, options: AssembleOptions = {}): Release {
  const check = options.check ?? (() => {});
  const candidates = (['major', 'minor', 'patch', 'none'] as const).map((b) => entryFrame(bumpVersion(prior?.manifest.version, b)));
  const room = candidates.reduce((m, f) => Math.max(m, f.suffix.length), 0);
  const started = candidates[0];
  const pending: { bytes: Buffer; end: number }[] = [];
  const planned = plan(compiled, prior, source, (i, text) => {
    const body = inSlot(started, text);
    const end = started.prefix.length + Buffer.byteLength(body);
    const bytes = Buffer.allocUnsafe(end + room);
    started.prefix.copy(bytes, 0);
    bytes.write(body, started.prefix.length);
    pending[i] = { bytes, end };
  });
  const { version, bump, manifest, changelog, redirects } = planned;
  const frame = entryFrame(version);
  if (!frame.prefix.equals(started.prefix) || frame.indent !== started.indent) throw new Error('an entry file begins differently for another version');
  const head = { formatVersion: FORMAT_VERSION, version } as const;
  const files = new Map<string, Buffer>();
  const entryFiles: Buffer[] = [];
  compiled.entries.forEach((e, i) => {
    check(`entries/${e.id}.json`, { ...head, entry: e });
    const { bytes, end } = pending[i];
    frame.suffix.copy(bytes, end);
    const file = bytes.subarray(0, end + frame.suffix.length);
    entryFiles.push(file);
    files.set(`entries/${e.id}.json`, file);
  });
  // library.json: the same entries, indented one level deeper, copied from the entry files' bytes.
  const library = { ...head, entries: compiled.entries, redirects };
  // Its entries were each checked in their own file above; the rest of it is checked here.
  check('library.json', { ...library, entries: [] });
  files.set(
    'library.json',
    entryFiles.length
      ? fillArraySlot(frameOf((slot) => ({ ...library, entries: [slot] })), entryFiles.map((f) => slotOf(frame, f)), frame.indent)
      : Buffer.from(canonicalJson(library)),
  );
  const index = { ...head, entries: compiled.index };
  check('index.json', index);
  files.set('index.json', Buffer.from(canonicalJson(index)));
  const keep = bump === 'none';
  const keptJson = keep ? prior?.changelogJson : undefined;
  check('changelog.json', keptJson ? JSON.parse(keptJson) : changelog);
  files.set('changelog.json', Buffer.from(keptJson || canonicalJson(changelog)));
  files.set('CHANGELOG.md', Buffer.from((keep && prior?.changelogMd) || renderChangelog(changelog)));
  for (const [rel, bytes] of files) manifest.files[rel] = { sha256: sha256(bytes), size: bytes.length };
  check('manifest.json', manifest);
  const manifestText = canonicalJson(manifest);
  files.set('manifest.json', Buffer.from(manifestText));
  const latest: Latest = { ...head, manifest: `${version}/manifest.json`, manifestSha256: sha256(manifestText) };
  check('latest.json', latest);
  return { version, bump, manifest, changelog, droppedRedirects: planned.droppedRedirects, files, latest: canonicalJson(latest) };
}
