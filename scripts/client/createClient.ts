/**
 * A client for the bundles `reflib build` writes and `reflib serve` (or any
 * static host) serves. It follows latest.json, or latest.signed.json when it
 * is given public keys (docs/trust.md), or a pinned version; checks the
 * manifest against the pointer's manifestSha256 and every other file
 * against the manifest; keeps entries by content hash, so a new release
 * costs only the entries that changed; keeps the last verified copy of each
 * file, and falls back to it, flagged `stale`, when the server gives no
 * usable reply. It never goes back to an older release than the newest it
 * has verified. It uses only `fetch` and Web Crypto: it runs in Node 20 and
 * in browsers.
 */
import type { BundleEntry, Latest, Library, Manifest } from './bundleTypes';
import type { ClientCache } from './clientCache';
import { ClientError } from './clientErrors';
import { createContentStore } from './createContentStore';
import { createMemoryCache } from './createMemoryCache';
import { createRollbackGuard, type Pointer } from './createRollbackGuard';
import { fetchVerified, type FetchContext, type Fetched, type StaleEvent, type StaleReason } from './fetchVerified';
import { ENTRY_ID, FORMAT_VERSION, parseEntryFile, parseLatest, parseLibrary, parseManifest } from './parseBundleFiles';
import { readEntries } from './readEntries';
import { createKeyring, verifySignedLatest, type Keyring } from './verifySignedLatest';
import { RELEASE_VERSION } from '../bundle/releaseVersion';
import { SIGNED_LATEST_FILE } from '../bundle/signedRelease';
import { verifyBytes } from './verifyBytes';
/** Options of createClient(). Only `baseUrl` is required. */
export interface ClientOptions {
  /** Where latest.json is, e.g. `https://cdn.example.org/reflib` or `http://127.0.0.1:8080/`. */
  baseUrl: string;
  /**
   * The public keys (`ed25519:<base64>`, as `reflib keygen` prints them) of
   * whoever signs the releases. When given, the client reads only
   * latest.signed.json and refuses metadata that is unsigned, badly signed,
   * signed by another key, older than what it verified, or expired. Without
   * keys it reads latest.json: files are checked against the hashes, but
   * nothing proves who published them. Ship the keys inside the app, never
   * fetch them from the server they protect.
   */
  publicKeys?: readonly string[];
  /** How many of `publicKeys` must have signed (default 1). */
  threshold?: number;
  /** The clock expiry is checked against (default: `new Date()`). */
  now?: () => Date;
  /**
   * Pin a release (e.g. `1.2.0`) instead of following latest.json. A pinned
   * release is the app's own choice, so it may be older than the newest one
   * the client has verified: it is never refused as a rollback, and reading
   * it does not change which release counts as the newest verified.
   */
  version?: string;
  /** With `version`: the manifest's SHA-256, to verify a pinned release end to end (required with `publicKeys`). */
  manifestSha256?: string;
  /** Where verified copies are kept (default: in memory). See `reflib/client/file-cache`. */
  cache?: ClientCache;
  /** Per request, default 10 000. */
  httpTimeoutMs?: number;
  /** The fetch function to send requests with (default: the global `fetch`). */
  fetch?: typeof fetch;
  /**
   * Files inside a release folder never change, so a verified cached copy is
   * used without asking the server. Set this to send a conditional request
   * (If-None-Match) for them anyway. latest.json is always asked for.
   */
  revalidateImmutable?: boolean;
  /** Called each time a kept copy is served instead of what the server gave: because it failed (`unavailable`) or was refused (the other reasons). */
  onStale?: (event: StaleEvent) => void;
}

/** What every call returns besides its data. */
export interface ResultMeta {
  /** The release read. */
  version: string;
  /**
   * True when this is not what the server currently offers: a file behind
   * this result is a cached copy served because the server failed, or the
   * server's release metadata was refused and the newest release this
   * client verified before was kept.
   */
  stale: boolean;
  /** Set when `stale`: the refusal's error code, or `unavailable`. */
  staleReason?: StaleReason;
  /** True when the release was verified against the `publicKeys` the app gave (latest.signed.json). False without keys, and for a pinned version. */
  signed: boolean;
  /** With `signed`: when the signed metadata expires (ISO 8601). */
  expires?: string;
}

/** What latest() resolves to. */
export interface LatestResult {
  latest: Latest;
  /** As in ResultMeta. When the server's metadata was refused, `latest` names the newest verified release, not what the server sent. */
  stale: boolean;
  staleReason?: StaleReason;
  signed: boolean;
  expires?: string;
  /** With `signed`: the signed metadata's counter. */
  counter?: number;
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
   * The newest release the server offers (fetched even when a version is
   * pinned). If the server's metadata is refused (rollback, and with keys a
   * bad or unknown signature or expiry) and this client verified a release
   * before, that release is returned instead, flagged stale.
   */
  latest(): Promise<LatestResult>;
  /**
   * The release's manifest, verified against the pointer (or the pinned
   * hash). Rejects with the refusal's ClientError (`rollback`,
   * `bad-signature`, `unknown-key`, `expired`) when the server's metadata is
   * refused and no release verified before can be had.
   */
  manifest(): Promise<ResultMeta & { manifest: Manifest }>;
  /** Every published entry and the redirects; after the first release, only changed entries are downloaded. */
  library(): Promise<ResultMeta & { library: Library }>;
  /** One entry by ID; a retired ID resolves to its replacement. */
  entry(id: string): Promise<EntryResult>;
}

type Release = ResultMeta & { manifest: Manifest };
/** A pointer followed: as LatestResult, plus the refusal when a kept release stands in for the server's. */
type Followed = { latest: Pointer; stale: boolean; staleReason?: StaleReason; signed: boolean; refused?: ClientError };

/** Hops through `redirects` before giving up: the build writes final targets, so one is the norm. */
const MAX_REDIRECTS = 16;
const SHA256 = /^[0-9a-f]{64}$/;
/** The most bytes latest.json or latest.signed.json may have: a few hundred are normal, 64 signatures fit. */
const POINTER = { immutable: false, maxBytes: 64 * 1024 };
/** The most bytes a manifest may have: about 300 per entry, so room for 100,000 entries and their references. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Refusals a kept release may stand in for. */
const REFUSALS = new Set<string>(['rollback', 'bad-signature', 'unknown-key', 'expired']);

/** Creates a client. Throws a ClientError (`invalid-option`) for a bad base URL, version, hash or key list (keys are checked on first use). */
export function createClient(options: ClientOptions): Client {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const pinned = options.version;
  if (pinned !== undefined && !RELEASE_VERSION.test(pinned)) throw new ClientError(`version "${pinned}" is not a semantic version`, 'invalid-option');
  if (options.manifestSha256 !== undefined && (pinned === undefined || !SHA256.test(options.manifestSha256))) {
    throw new ClientError('manifestSha256 needs a pinned version and 64 lowercase hex digits', 'invalid-option');
  }
  const signing = options.publicKeys !== undefined;
  if (signing && pinned !== undefined && options.manifestSha256 === undefined) {
    throw new ClientError('a pinned version needs manifestSha256 when publicKeys are given: a pinned release is trusted through the hash the app pins', 'invalid-option');
  }
  if (typeof globalThis.crypto?.subtle?.digest !== 'function') throw new ClientError('no Web Crypto (crypto.subtle) in this runtime: the client needs it to check hashes; add a Web Crypto polyfill', 'invalid-option');
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new ClientError('no fetch function: pass options.fetch', 'invalid-option');
  const ctx: FetchContext = {
    fetch: fetchFn.bind(globalThis) as typeof fetch,
    baseUrl,
    cache: options.cache ?? createMemoryCache(),
    timeoutMs: options.httpTimeoutMs ?? 10_000,
    revalidateImmutable: options.revalidateImmutable ?? false,
    onStale: options.onStale,
  };
  const now = options.now ?? (() => new Date());
  // Imported once, on first use: importKey is async. A bad key list rejects every call with `invalid-option`.
  let keyring: Promise<Keyring> | undefined;
  const keys = () => (keyring ??= createKeyring(options.publicKeys ?? [], options.threshold));
  const expired = (pointer: Pointer) => Date.parse(pointer.expires!) <= now().getTime();
  /** latest.signed.json's bytes, verified (signatures, then the fields), as a pointer that keeps its bytes. */
  const readSigned = async (bytes: Uint8Array): Promise<Pointer> => {
    const { signed } = await verifySignedLatest(bytes, await keys());
    const { type: _type, issued: _issued, ...pointer } = signed;
    return { ...pointer, source: bytes };
  };
  const guard = createRollbackGuard(ctx.cache, baseUrl, signing ? readSigned : undefined);
  const contents = createContentStore(ctx.cache, baseUrl);

  /** The server's pointer, checked: latest.json, or with keys latest.signed.json (signatures, then rollback, then expiry). */
  const fetchPointer = async (): Promise<{ latest: Pointer; stale: boolean; staleReason?: StaleReason }> => {
    if (!signing) {
      const got = await fetchVerified(ctx, 'latest.json', POINTER, async (bytes) => {
        const offered = parseLatest(bytes);
        await guard.check(offered);
        return offered as Pointer;
      });
      return { latest: got.value, ...staleness(got) };
    }
    // Refused metadata fails verification here, so it never replaces the last good copy in the cache.
    await keys();
    try {
      const got = await fetchVerified(ctx, SIGNED_LATEST_FILE, POINTER, async (bytes) => {
        const pointer = await readSigned(bytes);
        await guard.check(pointer);
        if (expired(pointer)) throw expiredError(pointer);
        return pointer;
      });
      return { latest: got.value, ...staleness(got) };
    } catch (error) {
      // No signed metadata at all is a missing signature, not a plain 404: this client reads only signed releases.
      if (error instanceof ClientError && error.code === 'http' && error.details.status === 404) {
        throw new ClientError(`${SIGNED_LATEST_FILE}: the server has none (HTTP 404); this client was given public keys, so it reads only signed releases`, 'bad-signature', { ...error.details, problem: 'missing' });
      }
      throw error;
    }
  };

  const expiredError = (pointer: Pointer, why = ': the server (or a mirror or cache in between) is not getting new releases') =>
    new ClientError(`${SIGNED_LATEST_FILE} for release ${pointer.version} expired at ${pointer.expires}${why}`, 'expired', { url: `${baseUrl}/${SIGNED_LATEST_FILE}`, expires: pointer.expires });

  /** The pointer, or the newest verified release when the server's is refused (then `refused` says why). */
  const follow = async (): Promise<Followed> => {
    try {
      return { ...(await fetchPointer()), signed: signing };
    } catch (error) {
      let refusal = error instanceof ClientError && REFUSALS.has(error.code) ? error : undefined;
      const kept = refusal || signing ? await guard.newest() : undefined;
      // No usable reply, and the last good signed metadata has expired since: that is the news, not the outage.
      if (!refusal && kept && signing && error instanceof ClientError && expired(kept)) refusal = expiredError(kept, `, and the server gave no usable reply (${error.message})`);
      if (!refusal || !kept) throw error;
      const reason = refusal.code as StaleReason;
      const { url = `${baseUrl}/${signing ? SIGNED_LATEST_FILE : 'latest.json'}`, latestVersion, verifiedVersion } = refusal.details;
      ctx.onStale?.({ file: signing ? SIGNED_LATEST_FILE : 'latest.json', url, code: reason, reason: refusal.message, ...(latestVersion ? { latestVersion } : {}), ...(verifiedVersion ? { verifiedVersion } : {}) });
      return { latest: kept, stale: true, staleReason: reason, signed: signing, refused: refusal };
    }
  };

  const latest = async (): Promise<LatestResult> => {
    const { latest: pointer, stale, staleReason, signed } = await follow();
    const { counter, expires, source: _source, ...plain } = pointer;
    return { latest: plain, stale, ...(staleReason ? { staleReason } : {}), signed, ...(signed ? { expires, counter } : {}) };
  };

  const manifest = async (): Promise<Release> => {
    let version: string;
    let expected: string | undefined;
    let current: Followed | undefined;
    if (pinned !== undefined) {
      version = pinned;
      expected = options.manifestSha256;
    } else {
      current = await follow();
      ({ version, manifestSha256: expected } = current.latest);
    }
    const file = `${version}/manifest.json`;
    let got: Fetched<Manifest>;
    try {
      got = await fetchVerified(ctx, file, { immutable: true, maxBytes: MAX_MANIFEST_BYTES }, async (bytes) => {
        if (expected !== undefined) await verifyBytes(file, bytes, { sha256: expected }, `${baseUrl}/${file}`);
        return parseManifest(bytes, file, version);
      });
    } catch (error) {
      const refused = current?.refused;
      if (!refused) throw error;
      const cause = error instanceof Error ? error.message : String(error);
      throw new ClientError(`${refused.message}, and ${version} is neither cached nor available (${cause})`, refused.code, refused.details);
    }
    // A pinned release is the app's choice, not the server's word on what is newest: it never moves the record.
    if (current && !current.refused) await guard.record(current.latest);
    const signed = current?.signed ?? false;
    return { manifest: got.value, version, ...staleness(current ?? { stale: false }, got), signed, ...(signed ? { expires: current!.latest.expires } : {}) };
  };

  const meta = (release: Release, ...more: { stale: boolean; staleReason?: StaleReason }[]): ResultMeta => {
    const { manifest: _manifest, stale: _stale, staleReason: _reason, ...rest } = release;
    return { ...rest, ...staleness(release, ...more) };
  };

  /** A file of the release, checked against the manifest's sha256 and size, then parsed; not kept (its entries are). */
  const releaseFile = async <T>(release: Release, name: string, parse: (bytes: Uint8Array, file: string, version: string) => T): Promise<Fetched<T>> => {
    const info = release.manifest.files[name];
    const file = `${release.version}/${name}`;
    if (!info) throw new ClientError(`${file} is not in the release's manifest`, 'format');
    // Not kept: the entries it holds are, by content hash. No byte past the size the manifest gives is downloaded.
    return fetchVerified(ctx, file, { immutable: true, keep: false, maxBytes: info.size }, async (bytes) => {
      await verifyBytes(file, bytes, info, `${baseUrl}/${file}`);
      return parse(bytes, file, release.version);
    });
  };

  const entryFile = (release: Release, id: string) => releaseFile(release, `entries/${id}.json`, (bytes, file, version) => parseEntryFile(bytes, file, version, id).entry);

  return {
    latest,
    manifest,
    async library() {
      const release = await manifest();
      const read = await readEntries(release.manifest, contents, {
        one: (id) => entryFile(release, id),
        all: async () => {
          const got = await releaseFile(release, 'library.json', parseLibrary);
          return { ...got, value: got.value.entries };
        },
      });
      const library: Library = { formatVersion: FORMAT_VERSION, version: release.version, entries: read.entries, redirects: release.manifest.redirects ?? {} };
      return { library, ...meta(release, read) };
    },
    async entry(requestedId: string) {
      checkId(requestedId);
      const release = await manifest();
      const id = resolveId(release.manifest, requestedId);
      const read = await readEntries(release.manifest, contents, { one: (only) => entryFile(release, only) }, [id]);
      return { entry: read.entries[0], id, requestedId, redirected: id !== requestedId, ...meta(release, read) };
    },
  };
}

/** The staleness of a result made of several files: stale if any is; a refusal (the pointer's, which comes first) outranks `unavailable`. `staleReason` only when stale. */
function staleness(...parts: { stale: boolean; staleReason?: StaleReason }[]): { stale: boolean; staleReason?: StaleReason } {
  if (!parts.some((p) => p.stale)) return { stale: false };
  const refused = parts.find((p) => p.stale && p.staleReason !== undefined && p.staleReason !== 'unavailable');
  return { stale: true, staleReason: refused?.staleReason ?? 'unavailable' };
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
