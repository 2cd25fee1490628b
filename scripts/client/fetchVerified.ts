/**
 * Fetches one bundle file through the cache: conditional requests with the
 * cached ETag, verification of every body (fresh, 304 or cached) before it
 * is used or stored, and the last verified copy when the server gives no
 * usable reply: no reply at all, a 5xx, or a 200 whose body is not JSON (a
 * captive portal, a cut-off download). A copy that fails verification is
 * never used.
 */
import type { AxiosInstance } from 'axios';
import type { ClientCache } from './clientCache';
import { ClientError, type ClientErrorCode } from './clientErrors';
import { isJson } from './decodeJson';

/**
 * Why a result is stale:
 * - `unavailable`: the server gave no usable reply (unreachable, timed out,
 *   5xx, or a 200 that is not JSON), so the last good copy was used;
 * - `rollback`: latest.json named an older release than the newest one this
 *   client has verified (or that release with another manifest), so the
 *   newer release was kept.
 */
export type StaleReason = 'unavailable' | 'rollback';

/** The client served its last good copy instead of what the server gave. */
export interface StaleEvent {
  /** The file's path under the base URL, e.g. `latest.json`. */
  file: string;
  url: string;
  /** Why, as data. */
  code: StaleReason;
  /** Why, for people: e.g. `HTTP 503`, `network error (ECONNREFUSED)`, or which versions a rollback involved. */
  reason: string;
  /** `rollback`: the release latest.json named. */
  latestVersion?: string;
  /** `rollback`: the newer release that was kept. */
  verifiedVersion?: string;
}

/** What fetchVerified needs from the client: where, how, and the cache. */
export interface FetchContext {
  http: AxiosInstance;
  /** Without a trailing slash. */
  baseUrl: string;
  cache: ClientCache;
  timeoutMs: number;
  /** Ask the server about cached immutable files too, instead of trusting a verified copy. */
  revalidateImmutable: boolean;
  onStale?: (event: StaleEvent) => void;
}

/** A verified file's parsed value. */
export interface Fetched<T> {
  value: T;
  /** True when this is the cached copy, served because the server failed. */
  stale: boolean;
  /** Set when `stale`. */
  staleReason?: StaleReason;
}

/** Why a request got no usable reply; `transient` failures fall back to the cache. */
interface Failure {
  reason: string;
  transient: boolean;
  status?: number;
  /** The ClientError's code when nothing is cached (default: `network` without a status, `http` with one). */
  clientCode?: ClientErrorCode;
}

/**
 * Gets `file` and returns what `verify` makes of its bytes. `verify` throws
 * (an IntegrityError or a format ClientError) for bytes that must not be
 * used. An `immutable` file (inside a release folder) whose cached copy
 * verifies is served without a request.
 */
export async function fetchVerified<T>(ctx: FetchContext, file: string, immutable: boolean, verify: (bytes: Uint8Array) => Promise<T>): Promise<Fetched<T>> {
  const url = `${ctx.baseUrl}/${file}`;
  const cached = await ctx.cache.get(url).catch(() => undefined);
  const good = cached && (await verify(cached.body).then((value) => ({ value, etag: cached.etag }), () => undefined));
  if (good && immutable && !ctx.revalidateImmutable) return { value: good.value, stale: false };

  /** The one way out when the server gave nothing usable: the last good copy if the failure is transient, else a ClientError. */
  const fallBack = (failure: Failure): Fetched<T> => {
    if (good && failure.transient) {
      ctx.onStale?.({ file, url, code: 'unavailable', reason: failure.reason });
      return { value: good.value, stale: true, staleReason: 'unavailable' };
    }
    const code = failure.clientCode ?? (failure.status === undefined ? 'network' : 'http');
    throw new ClientError(`GET ${url}: ${failure.reason}`, code, { url, ...(failure.status !== undefined ? { status: failure.status } : {}) });
  };

  const reply = await request(ctx, url, good?.etag);
  if ('reason' in reply) return fallBack(reply);
  if (reply.status === 304) {
    if (!good) throw new ClientError(`GET ${url}: HTTP 304 without a cached copy`, 'http', { url, status: 304 });
    return { value: good.value, stale: false };
  }
  let value: T;
  try {
    value = await verify(reply.body);
  } catch (error) {
    // Bytes that are not JSON at all are not the server's file (a captive portal, a cut-off body): a transport failure, like a 5xx.
    // Only checked once verification failed, so a good reply is parsed once. JSON that fails is a real answer and stays an error.
    if (isJson(reply.body)) throw error;
    const type = reply.contentType ? ` (${reply.contentType})` : '';
    return fallBack({ reason: `HTTP 200 whose body is not JSON${type}`, transient: true, status: 200, clientCode: 'not-json' });
  }
  await ctx.cache.set(url, { etag: reply.etag, body: reply.body }).catch(() => undefined);
  return { value, stale: false };
}

type Reply = { status: 200 | 304; body: Uint8Array; etag?: string; contentType?: string };

/** Codes of a kept-alive socket the server had already closed: worth one more try on a new socket. */
const RESET = new Set(['ECONNRESET', 'EPIPE']);

/** One GET: a 200 or 304, or why not. Tries again once if a reused connection was reset. */
async function request(ctx: FetchContext, url: string, etag: string | undefined): Promise<Reply | Failure> {
  const first = await attempt(ctx, url, etag);
  return 'code' in first && RESET.has(first.code ?? '') ? attempt(ctx, url, etag) : first;
}

/** Sends the GET once; a failure carries the system error `code` (ECONNRESET…) if any. Never throws an axios error (it would carry the whole request). */
async function attempt(ctx: FetchContext, url: string, etag: string | undefined): Promise<Reply | (Failure & { code?: string })> {
  const controller = new AbortController();
  // axios's timeout only covers an idle socket; this one also ends a reply that trickles in.
  const timer = setTimeout(() => controller.abort(), ctx.timeoutMs);
  try {
    const response = await ctx.http.request<ArrayBuffer>({
      url,
      method: 'GET',
      headers: etag ? { 'If-None-Match': etag } : {},
      responseType: 'arraybuffer',
      validateStatus: () => true,
      signal: controller.signal,
      timeout: ctx.timeoutMs,
    });
    const { status } = response;
    if (status === 200 || status === 304) {
      const header = response.headers.etag;
      const type = response.headers['content-type'];
      const data = response.data as ArrayBuffer | Uint8Array | undefined;
      const body = data instanceof Uint8Array ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data ?? new ArrayBuffer(0));
      return {
        status,
        body,
        ...(typeof header === 'string' && header ? { etag: header } : {}),
        ...(typeof type === 'string' && type ? { contentType: type.slice(0, 100) } : {}),
      };
    }
    return { reason: `HTTP ${status}`, transient: status >= 500, status };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (controller.signal.aborted || code === 'ECONNABORTED' || code === 'ETIMEDOUT') return { reason: `no complete reply within ${ctx.timeoutMs} ms`, transient: true };
    return { reason: `network error (${typeof code === 'string' ? code : 'no reply'})`, transient: true, ...(typeof code === 'string' ? { code } : {}) };
  } finally {
    clearTimeout(timer);
  }
}
