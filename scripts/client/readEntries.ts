/**
 * Reads a release's entries through the content store: an entry whose
 * content hash the client already holds costs no request. What is missing
 * comes one entry file at a time, or as one library.json when most of the
 * release is missing (the first read of a library, or a release that
 * changed most entries), whichever costs fewer requests for the bytes.
 */
import type { BundleEntry, Manifest } from './bundleTypes';
import { ClientError } from './clientErrors';
import type { ContentStore } from './createContentStore';
import type { Fetched, StaleReason } from './fetchVerified';

/** Where missing entries come from: each already verified against the manifest's file hashes. */
export interface EntrySources {
  /** entries/<id>.json's entry. */
  one(id: string): Promise<Fetched<BundleEntry>>;
  /** library.json's entries; without it, missing entries always come one by one. */
  all?(): Promise<Fetched<BundleEntry[]>>;
}

/** The entries read, in the order asked for, and whether any came from a stale copy. */
export interface EntriesRead {
  entries: BundleEntry[];
  stale: boolean;
  staleReason?: StaleReason;
}

/** Requests in flight at once, as browsers allow per host over HTTP/1.1. */
const PARALLEL = 6;

/** Runs `work` over `items` with at most `limit` at once; resolves to the results in order. */
async function eachAtMost<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** The entries `ids` (default: every published entry, sorted by ID) of the release `manifest` describes. */
export async function readEntries(manifest: Manifest, store: ContentStore, sources: EntrySources, ids: readonly string[] = Object.keys(manifest.entries).sort()): Promise<EntriesRead> {
  const hashOf = (id: string) => manifest.entries[id].contentHash;
  const kept = await eachAtMost(ids, 16, (id) => store.get(hashOf(id)));
  const missing = ids.filter((_, i) => kept[i] === undefined);
  let stale: StaleReason | undefined;
  const found = new Map<string, BundleEntry>();
  const keep = async (id: string, entry: BundleEntry | undefined, where: string) => {
    if (!entry) throw new ClientError(`${manifest.version}/${where}: has no entry ${id}, which the manifest lists`, 'format');
    await store.put(hashOf(id), entry, `${manifest.version}/${where}`);
    found.set(id, entry);
  };
  if (missing.length > 0 && sources.all && missing.length * 2 > ids.length) {
    const got = await sources.all();
    if (got.stale) stale = got.staleReason;
    const byId = new Map(got.value.map((e) => [String(e.id), e]));
    await eachAtMost(missing, 16, (id) => keep(id, byId.get(id), 'library.json'));
  } else {
    await eachAtMost(missing, PARALLEL, async (id) => {
      const got = await sources.one(id);
      if (got.stale) stale = got.staleReason;
      await keep(id, got.value, `entries/${id}.json`);
    });
  }
  const entries = ids.map((id, i) => kept[i] ?? found.get(id)!);
  return stale ? { entries, stale: true, staleReason: stale } : { entries, stale: false };
}
