/** The default client cache: a Map, for the life of the process. */
import type { CachedFile, ClientCache } from './clientCache';

/** A cache in memory. Stores copies, so callers cannot change what it holds. */
export function createMemoryCache(): ClientCache {
  const files = new Map<string, CachedFile>();
  const copy = (file: CachedFile): CachedFile => ({ ...(file.etag !== undefined ? { etag: file.etag } : {}), body: new Uint8Array(file.body) });
  return {
    async get(key) {
      const file = files.get(key);
      return file && copy(file);
    },
    async set(key, file) {
      files.set(key, copy(file));
    },
  };
}
