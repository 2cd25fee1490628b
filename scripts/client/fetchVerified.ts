/**
 * Fetches one bundle file through the cache: conditional requests with the
 * cached ETag, verification of every body (fresh, 304 or cached) before it
 * is used or stored, and the last verified copy when the server cannot be
 * reached or fails (5xx). A copy that fails verification is never used.
 */
import type { AxiosInstance } from 'axios';
import type { ClientCache } from './clientCache';
import { ClientError } from './clientErrors';

/** The client's last good copy was used because the server could not give a fresh one. */
export interface StaleEvent {
  /** The file's path under the base URL, e.g. `latest.json`. */
  file: string;
  url: string;
  /** Why the server's copy could not be had, e.g. `HTTP 503` or `network error (ECONNREFUSED)`. */
  reason: string;
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
}

/** Why a request got no usable reply; `transient` failures fall back to the cache. */
interface Failure {
  reason: string;
  transient: boolean;
  status?: number;
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

  const reply = await request(ctx, url, good?.etag);
  if ('reason' in reply) {
    if (good && reply.transient) {
      ctx.onStale?.({ file, url, reason: reply.reason });
      return { value: good.value, stale: true };
    }
    throw new ClientError(`GET ${url}: ${reply.reason}`, reply.status === undefined ? 'network' : 'http', { url, status: reply.status });
  }
  if (reply.status === 304) {
    if (!good) throw new ClientError(`GET ${url}: HTTP 304 without a cached copy`, 'http', { url, status: 304 });
    return { value: good.value, stale: false };
  }
  const value = await verify(reply.body);
  await ctx.cache.set(url, { etag: reply.etag, body: reply.body }).catch(() => undefined);
  return { value, stale: false };
}

type Reply = { status: 200 | 304; body: Uint8Array; etag?: string };

/** Codes of a kept-alive socket the server had already closed: worth one more try on a new socket. */
const RESET = new Set(['ECONNRESET', 'EPIPE']);

/** One GET: a 200 or 304, or why not. Tries again once if a reused connection was reset. */
async function request(ctx: FetchContext, url: string, etag: string | undefined): Promise<Reply | Failure> {
  const first = await attempt(ctx, url, etag);
  return 'code' in first && RESET.has(first.code ?? '') ? attempt(ctx, url, etag) : first;
}

/** Sends the GET once. Never throws an axios error (it would carry the whole request). */
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
      const data = response.data as ArrayBuffer | Uint8Array | undefined;
      const body = data instanceof Uint8Array ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data ?? new ArrayBuffer(0));
      return { status, body, ...(typeof header === 'string' && header ? { etag: header } : {}) };
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
