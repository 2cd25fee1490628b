/**
 * Entries by content hash, so a new release costs only the entries that
 * changed. The manifest gives each entry's `contentHash`: the SHA-256 of the
 * canonical JSON of its entry object, which stays the same from release to
 * release while the entry does. The store keeps that canonical JSON in the
 * client's cache under the hash, and checks the hash again on every read,
 * like every other cached file.
 */
import { canonicalJson } from '../bundle/canonicalJson';
import type { BundleEntry } from './bundleTypes';
import type { ClientCache } from './clientCache';
import { ClientError } from './clientErrors';
import { decodeJson } from './decodeJson';
import { sha256Hex } from './verifyBytes';

/** Verified entries, keyed by content hash. */
export interface ContentStore {
  /** The entry whose canonical JSON hashes to `hash`, if a good copy is kept. */
  get(hash: string): Promise<BundleEntry | undefined>;
  /** Keeps `entry` under `hash`; rejects (`integrity`) if its canonical JSON does not hash to it. `where` names the file it came from. */
  put(hash: string, entry: BundleEntry, where: string): Promise<void>;
}

/** A store inside `cache`, under keys no bundle file can have. */
export function createContentStore(cache: ClientCache, baseUrl: string): ContentStore {
  const keyOf = (hash: string) => `${baseUrl}/.reflib-client/content/${hash}.json`;
  return {
    async get(hash) {
      const stored = await cache.get(keyOf(hash)).catch(() => undefined);
      if (!stored || (await sha256Hex(stored.body)) !== hash) return undefined;
      try {
        return decodeJson(stored.body) as BundleEntry;
      } catch {
        return undefined;
      }
    },
    async put(hash, entry, where) {
      const body = new TextEncoder().encode(canonicalJson(entry));
      const actual = await sha256Hex(body);
      if (actual !== hash) {
        throw new ClientError(`${where}: entry ${String(entry.id)} has content hash ${actual}, but the manifest says ${hash}`, 'integrity');
      }
      await cache.set(keyOf(hash), { body }).catch(() => undefined);
    },
  };
}
