/**
 * Writes a small but valid dist/ (docs/bundle-format.md) to a temporary
 * folder: two releases, 1.0.0 and 1.1.0, where 1.1.0 changes one entry,
 * adds one and retires 0badc0de with a redirect to its replacement.
 * Every sha256 and size in the manifests is computed from the bytes written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../scripts/bundle/canonicalJson';
import { sha256 } from '../../scripts/bundle/sha256';
import { makeLibrary } from './fixtures';

/** Marks the files outside dist/ that a path traversal would reach. */
export const SECRET = 'SECRET-OUTSIDE-DIST';

export interface Release {
  version: string;
  /** Path in the release → bytes, manifest.json included. */
  files: Map<string, Buffer>;
  manifestSha256: string;
}

export interface DistFixture {
  /** The library root: holds dist/, plus package.json and secret.json with SECRET in them. */
  root: string;
  dist: string;
  releases: Record<'1.0.0' | '1.1.0', Release>;
  /** The bytes of a file under dist/, e.g. `1.1.0/library.json`. */
  bytes(rel: string): Buffer;
  /** Overwrites a file under dist/ without touching any manifest. */
  corrupt(rel: string, content: string | Buffer): void;
}

export { canonicalJson, sha256 };

type Entry = { id: string; kind: string; title: string; [field: string]: unknown };

const link = (e: Entry) => ({ id: e.id, kind: e.kind, title: e.title });

const ODS = {
  key: 'ods',
  type: 'web',
  title: 'Magnesium fact sheet for health professionals',
  publisher: 'NIH Office of Dietary Supplements',
  url: 'https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/',
  accessed: '2026-11-23',
  citation: 'NIH Office of Dietary Supplements. Magnesium fact sheet for health professionals. https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/ (accessed 2026-11-23).',
};

function topic(id: string, title: string, overview: string, related: Entry[] = []): Entry {
  return {
    id,
    kind: 'topic',
    title,
    updated: '2026-11-23',
    summary: `${title}: what the evidence says, in a few lines for lists and search.`,
    tags: { conditions: ['stress'] },
    overview,
    guidance: [{ text: 'Take magnesium with food to limit stomach upset.', cite: ['ods'] }],
    related: related.map(link),
    references: [ODS],
    backlinks: [],
  };
}

function misconception(id: string, title: string, corrects: Entry): Entry {
  return {
    id,
    kind: 'misconception',
    title,
    updated: '2026-11-23',
    summary: 'Taking more magnesium is not better; above the upper limit it causes diarrhoea.',
    claim: 'More magnesium is always better.',
    verdict: 'incorrect',
    correction: 'Above the upper limit for supplements, magnesium causes diarrhoea and cramps.',
    cite: ['ods'],
    corrects: link(corrects),
    references: [ODS],
    backlinks: [],
  };
}

/** Adds each entry's `backlinks` from the link fields of the others, as the build does. */
function withBacklinks(entries: Entry[]): Entry[] {
  return entries.map((target) => {
    const backlinks = entries.flatMap((source) =>
      (['related', 'corrects'] as const).flatMap((field) => {
        const value = source[field];
        const links = (Array.isArray(value) ? value : value ? [value] : []) as { id: string }[];
        return links.some((l) => l.id === target.id) ? [{ field, ...link(source) }] : [];
      }),
    );
    return { ...target, backlinks };
  });
}

interface Changes {
  from: string | null;
  bump: 'major' | 'minor' | 'patch';
  added: Entry[];
  changed: Entry[];
  retired: { entry: Entry; replacedBy: string }[];
}

/** Writes one release under `dist` and returns its files and manifest hash. */
function writeRelease(dist: string, version: string, live: Entry[], redirects: Record<string, string>, changes: Changes): Release {
  const sorted = withBacklinks([...live].sort((a, b) => (a.id < b.id ? -1 : 1)));
  const files = new Map<string, Buffer>();
  const json = (rel: string, value: unknown) => files.set(rel, Buffer.from(canonicalJson(value)));
  for (const entry of sorted) json(`entries/${entry.id}.json`, { formatVersion: 1, version, entry });
  json('library.json', { formatVersion: 1, version, entries: sorted, redirects });
  json('index.json', { formatVersion: 1, version, entries: sorted.map((e) => ({ id: e.id, kind: e.kind, title: e.title, summary: e.summary, tags: e.tags, updated: e.updated })) });
  json('changelog.json', {
    from: changes.from,
    to: version,
    bump: changes.bump,
    added: changes.added.map(link),
    changed: changes.changed.map(link),
    retired: changes.retired.map((r) => ({ ...link(r.entry), replacedBy: r.replacedBy })),
    removed: [],
    references: { added: changes.from ? [] : [`${ODS.title} (url:${ODS.url})`], removed: [], newlyRetracted: [] },
    coiChanged: [],
  });
  const lines = [...changes.added.map((e) => `- Added ${e.id} ${e.title}`), ...changes.changed.map((e) => `- Changed ${e.id} ${e.title}`), ...changes.retired.map((r) => `- Retired ${r.entry.id}, now ${r.replacedBy}`)];
  files.set('CHANGELOG.md', Buffer.from(`# ${version}\n\n${lines.join('\n')}\n`));
  const counts: Record<string, number> = {};
  for (const e of sorted) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  const manifest = {
    formatVersion: 1,
    version,
    sourceCommit: 'a60504ce2fbc050e98b007a2b7c9f5ebd3bf24a6',
    created: '2026-11-23T18:38:27Z',
    counts,
    files: Object.fromEntries([...files].map(([rel, bytes]) => [rel, { sha256: sha256(bytes), size: bytes.length }])),
    entries: Object.fromEntries(sorted.map((e) => [e.id, { kind: e.kind, title: e.title, contentHash: sha256(canonicalJson(e)) }])),
    redirects,
    references: { [`url:${ODS.url}`]: { title: ODS.title, retracted: false, citedBy: sorted.map((e) => e.id) } },
  };
  json('manifest.json', manifest);
  for (const [rel, bytes] of files) makeFile(path.join(dist, version, rel), bytes);
  return { version, files, manifestSha256: sha256(files.get('manifest.json')!) };
}

function makeFile(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/** Builds the fixture; latest.json points at 1.1.0. */
export function makeDist(): DistFixture {
  const root = makeLibrary({
    'package.json': `{"name": "${SECRET}"}\n`,
    'secret.json': `{"secret": "${SECRET}"}\n`,
  });
  const dist = path.join(root, 'dist');

  const oldOverview = topic('0badc0de', 'Magnesium overview (old)', 'The first overview of magnesium.');
  const stress = topic('aaaa0001', 'Stress and magnesium', 'Stress and low magnesium feed each other.', [oldOverview]);
  const more = misconception('bbbb0001', 'More magnesium is better', stress);
  const v1 = writeRelease(dist, '1.0.0', [stress, more, oldOverview], {}, { from: null, bump: 'major', added: [stress, more, oldOverview], changed: [], retired: [] });

  const overview = topic('cccc0001', 'Magnesium overview', 'Forms, doses and who should be careful.');
  const stress2 = topic('aaaa0001', 'Stress and magnesium', 'Stress and low magnesium feed each other; the evidence is mixed.', [overview]);
  const v2 = writeRelease(dist, '1.1.0', [stress2, more, overview], { '0badc0de': 'cccc0001' }, {
    from: '1.0.0',
    bump: 'minor',
    added: [overview],
    changed: [stress2],
    retired: [{ entry: oldOverview, replacedBy: 'cccc0001' }],
  });

  writeFileSync(path.join(dist, 'latest.json'), canonicalJson({ formatVersion: 1, version: '1.1.0', manifest: '1.1.0/manifest.json', manifestSha256: v2.manifestSha256 }));
  return {
    root,
    dist,
    releases: { '1.0.0': v1, '1.1.0': v2 },
    bytes: (rel) => readFileSync(path.join(dist, rel)),
    corrupt: (rel, content) => writeFileSync(path.join(dist, rel), content),
  };
}
