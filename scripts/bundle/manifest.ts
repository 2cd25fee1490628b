/**
 * The release manifest and latest.json, as written by `reflib build`
 * (docs/bundle-format.md). The types come from the bundle schema, so the
 * build, the schema and consumers' types cannot drift apart.
 */
import type { Latest, Manifest } from './types.generated';

export type { Latest, Manifest };

/** Bumped on an incompatible change to the bundle format. */
export const FORMAT_VERSION = 1 as const;

export type FileInfo = Manifest['files'][string];
export type ManifestEntry = Manifest['entries'][string];
/** One cited source, for changelogs: keyed "pmid:<n>" or "url:<url>". */
export type ManifestReference = Manifest['references'][string];
