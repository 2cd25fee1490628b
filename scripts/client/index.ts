/**
 * The bundle client: read a reflib release over HTTP, verified end to end,
 * and with public keys, signed. Runs in Node 20 and in browsers: it needs
 * only `fetch` and Web Crypto. The Node-only file cache is exported
 * separately, as `reflib/client/file-cache`.
 */
export { createClient, type Client, type ClientOptions, type EntryResult, type LatestResult, type ResultMeta } from './createClient';
export { createMemoryCache } from './createMemoryCache';
export type { CachedFile, ClientCache } from './clientCache';
export { ClientError, IntegrityError, type ClientErrorCode, type ClientErrorDetails } from './clientErrors';
export type { StaleEvent, StaleReason } from './fetchVerified';
export type { BundleEntry, EntryFile, EntryLink, Latest, Library, Manifest, ManifestEntry, ManifestFile } from './bundleTypes';
export { sha256Hex } from './verifyBytes';
