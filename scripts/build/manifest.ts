/** The release manifest and latest.json, as written by `reflib build` (docs/bundle-format.md). */

/** Bumped on an incompatible change to the bundle format. */
export const FORMAT_VERSION = 1;

export interface FileInfo {
  sha256: string;
  size: number;
}

export interface ManifestEntry {
  kind: string;
  title: string;
  contentHash: string;
}

/** One cited source, for changelogs: keyed "pmid:<n>" or "url:<url>". */
export interface ManifestReference {
  title: string;
  retracted: boolean;
  /** none-declared, declared, not-checked (articles only). */
  coi?: string;
  sponsors?: string[];
  /** IDs of the entries that cite it. */
  citedBy: string[];
}

export interface Manifest {
  formatVersion: number;
  version: string;
  sourceCommit: string | null;
  created: string;
  counts: Record<string, number>;
  files: Record<string, FileInfo>;
  entries: Record<string, ManifestEntry>;
  redirects: Record<string, string>;
  references: Record<string, ManifestReference>;
}

export interface Latest {
  formatVersion: number;
  version: string;
  manifest: string;
  manifestSha256: string;
}
