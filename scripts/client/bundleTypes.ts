/**
 * The shapes of the bundle files the client reads: the types generated from
 * schemas/bundle.schema.json (docs/bundle-format.md), under the names the
 * client uses.
 */
import type { Entry, EntryFile, Latest, Library, LinkRef, Manifest } from '../bundle/types.generated';

export type { EntryFile, Latest, Library, Manifest };
/** A published entry: the fields of its kind, links resolved. */
export type BundleEntry = Entry;
/** A link to another entry. */
export type EntryLink = LinkRef;
/** One file of a release, as listed in the manifest. */
export type ManifestFile = Manifest['files'][string];
/** One published entry, as listed in the manifest. */
export type ManifestEntry = Manifest['entries'][string];
