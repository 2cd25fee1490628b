/**
 * Fetches one bundle file through the cache: conditional requests with the
 * cached ETag, verification of every body (fresh, 304 or cached) before it
 * is used or stored, and the last verified copy when the server gives no
 * usable reply: no reply at all, a 5xx, or a 200 whose body is not JSON (a
 * captive portal, a cut-off download). A copy that fails verification is
 * never used.
 */
import type { ClientCache } from './clientCache';
import { ClientError, type ClientErrorCode } from './clientErrors';
import { isJson } from './decodeJson';

/**
 * Why a result is stale:
 * - `unavailable`: the server gave no usable reply (unreachable, timed out,
 *   5xx, or a 200 that is not JSON), so the last good copy was used;
 * - `rollback`: the server named an older release (or, signed, a lower
 *   counter) than the newest one this client has verified, or that release
 *   with another manifest, so the newer release was kept;
 * - `bad-signature`, `unknown-key`, `expired`: the signed metadata the
 *   server gave was refused for that reason (see ClientErrorCode), so the
 *   newest release this client verified before was kept.
 */
export type StaleReason = 'unavailable' | 'rollback' | 'bad-signature' | 'unknown-key' | 'expired';

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
  /** The fetch function requests go through (default: the global fetch). */
  fetch: typeof fetch;
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
 * verifies is served without a request. With `keep` false the file is
 * neither looked up in nor stored to the cache (the caller keeps what it
 * needs of it, e.g. entries by content hash).
 */
/** How fetchVerified treats one file. */
export interface FetchRule {
  /** Inside a release folder: never changes, so a verified cached copy is used without asking. */
  immutable: boolean;
  /** Look the file up in, and store it to, the cache (default true). */
  keep?: boolean;
  /** The most bytes the body may have; a longer reply is cut off and refused (an endless-data attack, or a broken server). */
  maxBytes: number;
}

export async function fetchVerified<T>(ctx: FetchContext, file: string, rule: FetchRule, verify: (bytes: Uint8Array) => Promise<T>): Promise<Fetched<T>> {
  const { immutable, keep = true, maxBytes } = rule;
  const url = `${ctx.baseUrl}/${file}`;
  const cached = keep ? await ctx.cache.get(url).catch(() => undefined) : undefined;
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

  const reply = await request(ctx, url, good?.etag, maxBytes);
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
  if (keep) await ctx.cache.set(url, { etag: reply.etag, body: reply.body }).catch(() => undefined);
  return { value, stale: false };
}

type Reply = { status: 200 | 304; body: Uint8Array; etag?: string; contentType?: string };

/** Codes of a kept-alive socket the server had already closed: worth one more try on a new socket. */
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** One GET: a 200 or 304, or why not. Tries again once if a reused connection was reset. */
async function request(ctx: FetchContext, url: string, etag: string | undefined, maxBytes: number): Promise<Reply | Failure> {
  const first = await attempt(ctx, url, etag, maxBytes);
  return 'code' in first && RESET.has(first.code ?? '') ? attempt(ctx, url, etag, maxBytes) : first;
}

/** The body, or undefined (and the download cancelled) as soon as it passes `maxBytes`. */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** The system error code (ECONNRESET…) behind a failed fetch: Node puts it on `cause`, browsers give none. */
function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Sends the GET once and reads the whole body; a failure carries the system error `code` if any. Never throws. */
async function attempt(ctx: FetchContext, url: string, etag: string | undefined, maxBytes: number): Promise<Reply | (Failure & { code?: string })> {
  const controller = new AbortController();
  // Covers the whole exchange, body included, so a reply that trickles in ends too.
  const timer = setTimeout(() => controller.abort(), ctx.timeoutMs);
  try {
    // `cache: 'no-store'`: a browser's HTTP cache must not answer for us; the client keeps its own verified copies.
    const response = await ctx.fetch(url, { method: 'GET', headers: etag ? { 'If-None-Match': etag } : {}, signal: controller.signal, cache: 'no-store', redirect: 'follow' } as RequestInit);
    const { status } = response;
    if (status === 200 || status === 304) {
      // A 304's (empty) body is read too: left unread, browsers report the request as aborted.
      const body = status === 200 ? await readAtMost(response, maxBytes) : (await response.arrayBuffer(), new Uint8Array(0));
      if (!body) return { reason: `the reply is longer than ${maxBytes} bytes, the most this file may have`, transient: true, status, clientCode: 'too-large' };
      const header = response.headers.get('etag');
      const type = response.headers.get('content-type');
      return { status, body, ...(header ? { etag: header } : {}), ...(type ? { contentType: type.slice(0, 100) } : {}) };
    }
    // Drain a short error body (a cancelled one shows as an aborted request in browsers); a long one is cut off.
    await readAtMost(response, 64 * 1024).catch(() => undefined);
    return { reason: `HTTP ${status}`, transient: status >= 500, status };
  } catch (error) {
    if (controller.signal.aborted) return { reason: `no complete reply within ${ctx.timeoutMs} ms`, transient: true };
    const code = errorCode(error);
    return { reason: `network error (${code ?? 'no reply'})`, transient: true, ...(code ? { code } : {}) };
  } finally {
    clearTimeout(timer);
  }
}
