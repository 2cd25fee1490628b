/**
 * Remembers the newest release this client has verified, so that latest.json
 * can never take it back to an older one: TUF's rollback (and freeze)
 * defence, against a server or mirror replaying an old latest.json, or a CDN
 * edge still holding one. A release counts as verified once its manifest has
 * matched the manifestSha256 latest.json gave for it; a latest.json alone
 * (which may name a release that does not exist) never raises the record.
 *
 * The record lives in the client's cache, under a key no bundle file can
 * have, so it lasts as long as the cache does: across restarts with
 * createFileCache, for the life of the process with the memory cache. It is
 * also kept in memory, so a cache that fails to store it never lowers it.
 */
import type { Latest } from './bundleTypes';
import type { ClientCache } from './clientCache';
import { ClientError } from './clientErrors';
import { parseLatest } from './parseBundleFiles';
import { compareVersions } from '../bundle/releaseVersion';

/** The newest verified release, per base URL. */
export interface RollbackGuard {
  /** The newest verified release, as latest.json named it; undefined before the first. */
  newest(): Promise<Latest | undefined>;
  /**
   * Resolves when `latest` may be followed; rejects with a `rollback`
   * ClientError (details: url, latestVersion, verifiedVersion) when it names
   * an older release than the newest verified one, or that release with
   * another manifest.
   */
  check(latest: Latest): Promise<void>;
  /** Records `latest` after its manifest verified. Never lowers the record; calls are serialised. */
  record(latest: Latest): Promise<void>;
}

/** The cache key of the record: under the base URL, but a path no release file or latest.json can have. */
export const newestVerifiedKey = (baseUrl: string): string => `${baseUrl}/.reflib-client/newest-verified.json`;

/** A guard for the releases under `baseUrl` (without a trailing slash), keeping its record in `cache`. */
export function createRollbackGuard(cache: ClientCache, baseUrl: string): RollbackGuard {
  const key = newestVerifiedKey(baseUrl);
  let remembered: Latest | undefined;
  let queue: Promise<void> = Promise.resolve();

  const newest = async (): Promise<Latest | undefined> => {
    const stored = await cache.get(key).catch(() => undefined);
    let fromCache: Latest | undefined;
    try {
      fromCache = stored && parseLatest(stored.body, key);
    } catch {
      // a damaged record reads as none, like any damaged cache entry
    }
    if (fromCache && (!remembered || isNewer(fromCache, remembered))) remembered = fromCache;
    return remembered;
  };

  return {
    newest,
    async check(latest) {
      const kept = await newest();
      if (!kept) return;
      const order = compareVersions(latest.version, kept.version);
      if (order > 0 || (order === 0 && latest.manifestSha256 === kept.manifestSha256)) return;
      const message =
        order < 0
          ? `latest.json names release ${latest.version}, older than ${kept.version}, the newest release this client has verified`
          : `latest.json names release ${latest.version} with manifest sha256 ${latest.manifestSha256}, but this client verified ${kept.version} with ${kept.manifestSha256}; a release never changes`;
      throw new ClientError(message, 'rollback', { url: `${baseUrl}/latest.json`, latestVersion: latest.version, verifiedVersion: kept.version });
    },
    record(latest) {
      const turn = queue.then(async () => {
        const kept = await newest();
        if (kept && !isNewer(latest, kept)) return;
        const copy: Latest = { formatVersion: latest.formatVersion, version: latest.version, manifest: latest.manifest, manifestSha256: latest.manifestSha256 };
        remembered = copy;
        await cache.set(key, { body: new TextEncoder().encode(`${JSON.stringify(copy)}\n`) }).catch(() => undefined);
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

function isNewer(a: Latest, b: Latest): boolean {
  return compareVersions(a.version, b.version) > 0;
}
