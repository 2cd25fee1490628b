/**
 * The next release's version follows from comparing the previous release's
 * manifest with this build's:
 * major: an entry disappears without a retirement and redirect, or the format changes incompatibly;
 * minor: entries are added or retired with a redirect;
 * patch: content changes only;
 * none: nothing changed (the same release).
 */
import type { Manifest } from '../bundle/manifest';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface NextRelease {
  entries: Manifest['entries'];
  redirects: Manifest['redirects'];
  formatVersion: number;
}

/** Decides the bump from the previous manifest (undefined for the first release). */
export function computeBump(previous: Manifest | undefined, next: NextRelease): Bump {
  if (!previous) return 'major';
  if (next.formatVersion !== previous.formatVersion) return 'major';
  // An entry, or a redirect, that disappears breaks apps' links.
  const gone = (id: string) => !next.entries[id] && !next.redirects[id];
  if (Object.keys(previous.entries).some(gone) || Object.keys(previous.redirects).some(gone)) return 'major';
  const added = Object.keys(next.entries).filter((id) => !previous.entries[id]);
  const newlyRetired = Object.keys(next.redirects).filter((id) => !previous.redirects[id]);
  if (added.length || newlyRetired.length) return 'minor';
  // Entries' content hashes cover everything the files are made from, except redirects.
  const changed = Object.keys(next.entries).some((id) => previous.entries[id].contentHash !== next.entries[id].contentHash);
  const before = Object.keys(previous.redirects);
  const sameRedirects = before.length === Object.keys(next.redirects).length && before.every((id) => next.redirects[id] === previous.redirects[id]);
  return changed || !sameRedirects ? 'patch' : 'none';
}

/** Applies a bump to a semantic version; the first release is 1.0.0. */
export function bumpVersion(previous: string | undefined, bump: Bump): string {
  if (!previous) return '1.0.0';
  const [major, minor, patch] = previous.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  return previous;
}
