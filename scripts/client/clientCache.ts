/** Where the client keeps the last verified copy of each file it fetched. */

/** A stored reply: the bytes (already verified) and the ETag they came with. */
export interface CachedFile {
  etag?: string;
  body: Uint8Array;
}

/**
 * A key-value store of verified files, keyed by URL. The client only ever
 * stores bytes that passed verification, and verifies them again on every
 * read, so a damaged cache can cost a download but never serve bad data.
 */
export interface ClientCache {
  get(key: string): Promise<CachedFile | undefined>;
  set(key: string, file: CachedFile): Promise<void>;
}
