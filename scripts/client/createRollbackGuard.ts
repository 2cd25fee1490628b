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
 *
 * A client given public keys keeps a separate record of the signed metadata
 * it verified, and orders by its counter as well as by version: a counter
 * that goes down is a rollback even when the version does not (docs/trust.md).
 */
import type { Latest } from './bundleTypes';
import type { ClientCache } from './clientCache';
import { ClientError } from './clientErrors';
import { parseLatest } from './parseBundleFiles';
import { compareVersions } from '../bundle/releaseVersion';

/** A release pointer: latest.json's fields, and for signed metadata its counter, its expiry and the signed file's bytes. */
export type Pointer = Latest & { counter?: number; expires?: string; source?: Uint8Array };

/** Reads a signed record: verifies the signed file's bytes and returns its pointer, or throws. */
export type ReadSigned = (bytes: Uint8Array) => Promise<Pointer>;

/** The newest verified release, per base URL. */
export interface RollbackGuard {
  /** The newest verified release, as latest.json (or latest.signed.json) named it; undefined before the first. */
  newest(): Promise<Pointer | undefined>;
  /**
   * Resolves when `latest` may be followed; rejects with a `rollback`
   * ClientError (details: url, latestVersion, verifiedVersion) when it names
   * an older release than the newest verified one, or that release with
   * another manifest.
   */
  check(latest: Pointer): Promise<void>;
  /** Records `latest` after its manifest verified. Never lowers the record; calls are serialised. */
  record(latest: Pointer): Promise<void>;
}

/** The cache key of the record: under the base URL, but a path no release file or latest.json can have. */
export const newestVerifiedKey = (baseUrl: string, signed = false): string => `${baseUrl}/.reflib-client/newest-${signed ? 'signed' : 'verified'}.json`;

/**
 * A guard for the releases under `baseUrl` (without a trailing slash),
 * keeping its record in `cache`. With `readSigned`, it guards signed
 * metadata: it orders by counter too, and its record is the signed file
 * itself, verified again by `readSigned` whenever it is read from the cache,
 * so an edited record reads as none.
 */
export function createRollbackGuard(cache: ClientCache, baseUrl: string, readSigned?: ReadSigned): RollbackGuard {
  const signed = readSigned !== undefined;
  const key = newestVerifiedKey(baseUrl, signed);
  const file = signed ? 'latest.signed.json' : 'latest.json';
  let remembered: Pointer | undefined;
  let queue: Promise<void> = Promise.resolve();

  const isNewer = (a: Pointer, b: Pointer): boolean => (signed ? (a.counter ?? 0) > (b.counter ?? 0) : compareVersions(a.version, b.version) > 0);

  const newest = async (): Promise<Pointer | undefined> => {
    const stored = await cache.get(key).catch(() => undefined);
    let fromCache: Pointer | undefined;
    try {
      fromCache = stored && (readSigned ? await readSigned(stored.body) : parseLatest(stored.body, key));
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
      const details = { url: `${baseUrl}/${file}`, latestVersion: latest.version, verifiedVersion: kept.version };
      if (signed) {
        const counter = latest.counter ?? 0;
        const keptCounter = kept.counter ?? 0;
        const counters = { ...details, counter, verifiedCounter: keptCounter };
        if (counter < keptCounter) throw new ClientError(`${file} has counter ${counter}, lower than ${keptCounter}, the highest this client has verified: an old copy replayed`, 'rollback', counters);
        if (counter === keptCounter && (order !== 0 || latest.manifestSha256 !== kept.manifestSha256)) {
          throw new ClientError(`${file} has counter ${counter} for release ${latest.version}, but this client verified counter ${counter} for ${kept.version}; a counter is never reused`, 'rollback', counters);
        }
        if (order < 0) throw new ClientError(`${file} names release ${latest.version}, older than ${kept.version}, the newest release this client has verified`, 'rollback', counters);
      }
      if (order > 0 || (order === 0 && latest.manifestSha256 === kept.manifestSha256)) return;
      const message =
        order < 0
          ? `${file} names release ${latest.version}, older than ${kept.version}, the newest release this client has verified`
          : `${file} names release ${latest.version} with manifest sha256 ${latest.manifestSha256}, but this client verified ${kept.version} with ${kept.manifestSha256}; a release never changes`;
      throw new ClientError(message, 'rollback', details);
    },
    record(latest) {
      const turn = queue.then(async () => {
        const kept = await newest();
        if (kept && !isNewer(latest, kept)) return;
        const copy: Pointer = { formatVersion: latest.formatVersion, version: latest.version, manifest: latest.manifest, manifestSha256: latest.manifestSha256 };
        if (signed) Object.assign(copy, { counter: latest.counter, expires: latest.expires, source: latest.source });
        remembered = copy;
        // Signed: the signed file as it came, so that reading it back verifies its signatures again.
        const body = signed ? latest.source : new TextEncoder().encode(`${JSON.stringify(copy)}\n`);
        if (body) await cache.set(key, { body }).catch(() => undefined);
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
