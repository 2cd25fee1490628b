/**
 * The bundle client: read a reflib release over HTTP, verified end to end.
 * Everything but createFileCache also runs in browsers.
 */
export { createClient, type Client, type ClientOptions, type EntryResult, type LatestResult, type ResultMeta } from './createClient';
export { createMemoryCache } from './createMemoryCache';
export { createFileCache } from './createFileCache';
export type { CachedFile, ClientCache } from './clientCache';
export { ClientError, IntegrityError, type ClientErrorCode, type ClientErrorDetails } from './clientErrors';
export type { StaleEvent, StaleReason } from './fetchVerified';
export type { BundleEntry, EntryFile, EntryLink, Latest, Library, Manifest, ManifestEntry, ManifestFile } from './bundleTypes';
export { sha256Hex } from './verifyBytes';
