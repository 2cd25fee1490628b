/**
 * A client for the bundles `reflib build` writes and `reflib serve` (or any
 * static host) serves. It follows latest.json (or a pinned version), checks
 * the manifest against latest.json's manifestSha256 and every other file
 * against the manifest, keeps the last verified copy of each file, and falls
 * back to it, flagged `stale`, when the server gives no usable reply. It
 * never goes back to an older release than the newest it has verified.
 */
import axios, { type AxiosInstance } from 'axios';
import type { BundleEntry, EntryFile, Latest, Library, Manifest } from './bundleTypes';
import type { ClientCache } from './clientCache';
import { ClientError } from './clientErrors';
import { createMemoryCache } from './createMemoryCache';
import { createRollbackGuard } from './createRollbackGuard';
import { fetchVerified, type FetchContext, type Fetched, type StaleEvent, type StaleReason } from './fetchVerified';
import { ENTRY_ID, parseEntryFile, parseLatest, parseLibrary, parseManifest } from './parseBundleFiles';
import { RELEASE_VERSION } from '../bundle/releaseVersion';
import { verifyBytes } from './verifyBytes';

/** Options of createClient(). Only `baseUrl` is required. */
export interface ClientOptions {
  /** Where latest.json is, e.g. `https://cdn.example.org/reflib` or `http://127.0.0.1:8080/`. */
  baseUrl: string;
  /**
   * Pin a release (e.g. `1.2.0`) instead of following latest.json. A pinned
   * release is the app's own choice, so it may be older than the newest one
   * the client has verified: it is never refused as a rollback, and reading
   * it does not change which release counts as the newest verified.
   */
  version?: string;
  /** With `version`: the manifest's SHA-256, to verify a pinned release end to end. */
  manifestSha256?: string;
  /** Where verified copies are kept (default: in memory). See createFileCache. */
  cache?: ClientCache;
  /** Per request, default 10 000. */
  httpTimeoutMs?: number;
  /** The axios instance to send requests with (default: a new one). */
  axios?: AxiosInstance;
  /**
   * Files inside a release folder never change, so a verified cached copy is
   * used without asking the server. Set this to send a conditional request
   * (If-None-Match) for them anyway. latest.json is always asked for.
   */
  revalidateImmutable?: boolean;
  /** Called each time a cached copy is served instead of what the server gave: because it failed (`unavailable`) or offered an older release (`rollback`). */
  onStale?: (event: StaleEvent) => void;
}

/** What every call returns besides its data. */
export interface ResultMeta {
  /** The release read. */
  version: string;
  /**
   * True when this is not what the server currently offers: a file behind
   * this result is a cached copy served because the server failed, or
   * latest.json named an older release than the newest one this client has
   * verified and that newer release was kept.
   */
  stale: boolean;
  /** Set when `stale`: `rollback` if the release was kept against an older latest.json, else `unavailable`. */
  staleReason?: StaleReason;
}

/** What latest() resolves to. */
export interface LatestResult {
  latest: Latest;
  /** As in ResultMeta. On a rollback, `latest` names the newest verified release, not what the server sent. */
  stale: boolean;
  staleReason?: StaleReason;
}

/** What entry(id) resolves to. */
export interface EntryResult extends ResultMeta {
  entry: BundleEntry;
  /** The ID the entry was found under: `requestedId`, or its replacement if that ID was retired. */
  id: string;
  requestedId: string;
  /** True when `requestedId` was retired and redirected to `id`. */
  redirected: boolean;
}

/** A client for one base URL; its methods may be called concurrently. */
export interface Client {
  /**
   * latest.json: the newest release (fetched even when a version is pinned).
   * If it names an older release than the newest one this client has
   * verified, that newer release is returned instead, flagged stale.
   */
  latest(): Promise<LatestResult>;
  /**
   * The release's manifest, verified against latest.json (or the pinned
   * hash). Rejects with a `rollback` ClientError when latest.json names an
   * older release than the newest verified one and that one can be had
   * neither from the cache nor from the server.
   */
  manifest(): Promise<ResultMeta & { manifest: Manifest }>;
  /** library.json: every published entry and the redirects. */
  library(): Promise<ResultMeta & { library: Library }>;
  /** One entry by ID; a retired ID resolves to its replacement. */
  entry(id: string): Promise<EntryResult>;
}

/** Hops through `redirects` before giving up: the build writes final targets, so one is the norm. */
const MAX_REDIRECTS = 16;
const SHA256 = /^[0-9a-f]{64}$/;

/** Creates a client. Throws a ClientError (`invalid-option`) for a bad base URL, version or hash. */
export function createClient(options: ClientOptions): Client {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const pinned = options.version;
  if (pinned !== undefined && !RELEASE_VERSION.test(pinned)) throw new ClientError(`version "${pinned}" is not a semantic version`, 'invalid-option');
  if (options.manifestSha256 !== undefined && (pinned === undefined || !SHA256.test(options.manifestSha256))) {
    throw new ClientError('manifestSha256 needs a pinned version and 64 lowercase hex digits', 'invalid-option');
  }
  const ctx: FetchContext = {
    http: options.axios ?? axios.create(),
    baseUrl,
    cache: options.cache ?? createMemoryCache(),
    timeoutMs: options.httpTimeoutMs ?? 10_000,
    revalidateImmutable: options.revalidateImmutable ?? false,
    onStale: options.onStale,
  };
  const guard = createRollbackGuard(ctx.cache, baseUrl);

  /** latest.json, or the newest verified release when it names an older one (then `refused` says why). */
  const followLatest = async (): Promise<LatestResult & { refused?: ClientError }> => {
    try {
      const got = await fetchVerified(ctx, 'latest.json', false, async (bytes) => {
        const offered = parseLatest(bytes);
        await guard.check(offered);
        return offered;
      });
      return { latest: got.value, ...staleness(got) };
    } catch (error) {
      const kept = error instanceof ClientError && error.code === 'rollback' ? await guard.newest() : undefined;
      if (!kept) throw error;
      const refused = error as ClientError;
      const { url = `${baseUrl}/latest.json`, latestVersion, verifiedVersion } = refused.details;
      ctx.onStale?.({ file: 'latest.json', url, code: 'rollback', reason: refused.message, ...(latestVersion ? { latestVersion } : {}), ...(verifiedVersion ? { verifiedVersion } : {}) });
      return { latest: kept, stale: true, staleReason: 'rollback', refused };
    }
  };

  const latest = async (): Promise<LatestResult> => {
    const { refused: _refused, ...result } = await followLatest();
    return result;
  };

  const manifest = async () => {
    let version: string;
    let expected: string | undefined;
    let current: Awaited<ReturnType<typeof followLatest>> | undefined;
    if (pinned !== undefined) {
      version = pinned;
      expected = options.manifestSha256;
    } else {
      current = await followLatest();
      ({ version, manifestSha256: expected } = current.latest);
    }
    const file = `${version}/manifest.json`;
    let got: Fetched<Manifest>;
    try {
      got = await fetchVerified(ctx, file, true, async (bytes) => {
        if (expected !== undefined) await verifyBytes(file, bytes, { sha256: expected }, `${baseUrl}/${file}`);
        return parseManifest(bytes, file, version);
      });
    } catch (error) {
      const refused = current?.refused;
      if (!refused) throw error;
      const cause = error instanceof Error ? error.message : String(error);
      throw new ClientError(`${refused.message}, and ${version} is neither cached nor available (${cause})`, 'rollback', refused.details);
    }
    // A pinned release is the app's choice, not the server's word on what is newest: it never moves the record.
    if (current && !current.refused) await guard.record(current.latest);
    return { manifest: got.value, version, ...staleness(current ?? { stale: false }, got) };
  };

  /** A file of the release, checked against the manifest's sha256 and size, then parsed. */
  const releaseFile = async <T>(release: Awaited<ReturnType<typeof manifest>>, name: string, parse: (bytes: Uint8Array, file: string, version: string) => T) => {
    const info = release.manifest.files[name];
    const file = `${release.version}/${name}`;
    if (!info) throw new ClientError(`${file} is not in the release's manifest`, 'format');
    const got = await fetchVerified(ctx, file, true, async (bytes) => {
      await verifyBytes(file, bytes, info, `${baseUrl}/${file}`);
      return parse(bytes, file, release.version);
    });
    return { value: got.value, ...staleness(release, got) };
  };

  return {
    latest,
    manifest,
    async library() {
      const release = await manifest();
      const { value, ...stale } = await releaseFile(release, 'library.json', parseLibrary);
      return { library: value, version: release.version, ...stale };
    },
    async entry(requestedId: string) {
      checkId(requestedId);
      const release = await manifest();
      const id = resolveId(release.manifest, requestedId);
      const { value, ...stale } = await releaseFile(release, `entries/${id}.json`, (bytes, file, version): EntryFile => parseEntryFile(bytes, file, version, id));
      return { entry: value.entry, id, requestedId, redirected: id !== requestedId, version: release.version, ...stale };
    },
  };
}

/** The staleness of a result made of several files: stale if any is; `rollback` outranks `unavailable`. `staleReason` only when stale. */
function staleness(...parts: { stale: boolean; staleReason?: StaleReason }[]): { stale: boolean; staleReason?: StaleReason } {
  if (!parts.some((p) => p.stale)) return { stale: false };
  return { stale: true, staleReason: parts.some((p) => p.staleReason === 'rollback') ? 'rollback' : 'unavailable' };
}

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ClientError(`baseUrl "${value}" is not an absolute URL`, 'invalid-option');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ClientError(`baseUrl "${value}" is not an http(s) URL`, 'invalid-option');
  if (url.search || url.hash) throw new ClientError(`baseUrl "${value}" must not have a query or fragment`, 'invalid-option');
  return url.href.replace(/\/+$/, '');
}

/** Rejects anything but 8 lowercase hex digits before it gets near a URL. */
function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !ENTRY_ID.test(id)) {
    const shown = JSON.stringify(typeof id === 'string' && id.length > 40 ? `${id.slice(0, 40)}…` : id);
    throw new ClientError(`${shown} is not an entry ID (8 lowercase hex digits)`, 'invalid-id');
  }
}

/** The live ID for `id`: itself if published, else its replacement through the manifest's redirects. */
function resolveId(manifest: Manifest, id: string): string {
  let current = id;
  for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
    if (Object.hasOwn(manifest.entries, current)) return current;
    const next = Object.hasOwn(manifest.redirects, current) ? manifest.redirects[current] : undefined;
    if (next === undefined) break;
    if (!ENTRY_ID.test(next)) throw new ClientError(`${manifest.version}/manifest.json: redirect of ${current} is not an entry ID`, 'format');
    current = next;
  }
  const via = current === id ? '' : ` (redirected to ${current})`;
  throw new ClientError(`release ${manifest.version} has no entry ${id}${via}`, 'unknown-entry');
}
