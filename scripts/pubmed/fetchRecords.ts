/**
 * Fetches PubMed records for a list of PMIDs through NCBI E-utilities.
 *
 * Per batch of up to 200 PMIDs: one efetch (XML, the full record), then one
 * esummary (JSON) for only the PMIDs efetch left out, because esummary is
 * what says "no such PMID" per ID. When every PMID exists that is about
 * n / 200 requests. Requests are rate-limited (3 starts/s, 10 with an API
 * key), run at most `concurrency` at a time, and retried with backoff on
 * 429, 5xx, timeouts, network errors and cut-off bodies. A 429 or 503 with
 * Retry-After waits at least that long before the retry, up to
 * MAX_RETRY_AFTER_MS; a server that asks for longer fails the batch at once.
 * A failed batch is reported in `failed`, never thrown.
 */
import axios from 'axios';
import pLimit from 'p-limit';
import { UsageError } from '../core/usageError';
import { createRateLimiter, type RateLimiter } from './createRateLimiter';
import { EutilsError, isTransientReplyError, redactSecret, snippet } from './eutilsErrors';
import { parseRetryAfter } from './parseRetryAfter';
import { buildRecord, type FetchedSource, type LockRecord } from '../citations/lockRecord';
import { parseEfetch } from './parseEfetch';
import { parseEsummary, type EsummaryResult } from './parseEsummary';

/** PMIDs per efetch request. */
export const BATCH_SIZE = 200;
/** Requests for more IDs than this go as POST: a long GET URL gets HTTP 414. */
export const POST_ABOVE = 20;
/** NCBI's limits: request starts per second without and with an API key. */
export const RATE_WITHOUT_KEY = 3;
export const RATE_WITH_KEY = 10;
/** The longest single backoff pause. */
const MAX_BACKOFF_MS = 30_000;
/**
 * The longest Retry-After honoured. A server asking for more fails the
 * request at once (the message says how long it asked for) rather than
 * stalling the sync; the lock keeps every batch fetched so far.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

export interface FetchOptions {
  /** E-utilities base URL, e.g. https://eutils.ncbi.nlm.nih.gov/entrez/eutils (no query string). */
  baseUrl: string;
  /** Sent as `tool` on every request: the program's name, no spaces. */
  tool: string;
  /** Sent as `email` on every request: whom NCBI can contact. */
  email: string;
  /** NCBI API key: raises the rate to 10/s. Never appears in messages or records. */
  apiKey?: string;
  /** Per request; default 10 000. */
  timeoutMs?: number;
  /** Tries per request, the first included; default 4. */
  maxTries?: number;
  /** Batches in flight at once; default 2. */
  concurrency?: number;
  /** First backoff pause before jitter, doubled on each retry; default 1000. */
  backoffBaseMs?: number;
  /** Called after each batch, succeeded or failed, with PMIDs settled so far. */
  onProgress?: (done: number, total: number) => void;
  /** Called with each batch's records as it completes; calls never overlap. If it throws, no new batch starts and fetchRecords rejects with that error. */
  onBatch?: (records: LockRecord[]) => void | Promise<void>;
  /** Clock for `source.fetched` and for Retry-After dates; default the system clock. */
  now?: () => Date;
  /**
   * How a backoff or Retry-After pause waits; default a setTimeout promise.
   * Tests pass one that records the pauses asked for. (The rate limiter, which
   * spaces request starts, keeps its own clock.)
   */
  sleep?: (ms: number) => Promise<void>;
}

export interface FetchFailure {
  pmids: string[];
  /** What went wrong, without the API key. */
  error: string;
}

export interface FetchResult {
  /** Found and not-found records, in the order of the input PMIDs. */
  records: LockRecord[];
  failed: FetchFailure[];
}

interface Session {
  base: string;
  identity: Record<string, string>;
  apiKey?: string;
  limiter: RateLimiter;
  timeoutMs: number;
  maxTries: number;
  backoffBaseMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Fetches `pmids` (digits; duplicates are fetched once). Failed batches are
 * returned in `failed`, never thrown: it throws a UsageError for bad
 * arguments, and passes on an error thrown by `onBatch` or `onProgress`.
 */
export async function fetchRecords(pmids: string[], options: FetchOptions): Promise<FetchResult> {
  const session = openSession(options);
  const ids = checkPmids(pmids);
  const total = ids.length;
  const found = new Map<string, LockRecord>();
  const failed: FetchFailure[] = [];
  const limit = pLimit(positiveInteger(options.concurrency ?? 2, 'concurrency'));

  let done = 0;
  let callbackError: { error: unknown } | undefined;
  let delivery: Promise<void> = Promise.resolve();
  const runBatch = async (batch: string[]): Promise<void> => {
    // A caller's callback failed: start nothing new (p-limit's clearQueue would leave these promises pending).
    if (callbackError) return;
    const outcome = await fetchBatch(session, batch);
    for (const record of outcome.records) found.set(record.pmid, record);
    for (const f of outcome.failed) failed.push(f);
    done += batch.length;
    try {
      options.onProgress?.(done, total);
      const { onBatch } = options;
      if (onBatch && outcome.records.length > 0) {
        // Chained so that a slow onBatch (writing the lock file) never runs twice at once.
        delivery = delivery.then(() => (callbackError ? undefined : onBatch(outcome.records)));
        await delivery;
      }
    } catch (error) {
      callbackError ??= { error };
      delivery = Promise.resolve();
    }
  };
  await Promise.all(chunk(ids, BATCH_SIZE).map((batch) => limit(() => runBatch(batch))));
  if (callbackError) throw callbackError.error;

  const records = ids.map((id) => found.get(id)).filter((r): r is LockRecord => r !== undefined);
  // Batches finish in any order; report failures in input order.
  const position = new Map(ids.map((id, i) => [id, i]));
  failed.sort((a, b) => position.get(a.pmids[0])! - position.get(b.pmids[0])!);
  return { records, failed };
}

/** One batch: efetch, then esummary for what efetch did not return. Never throws. */
async function fetchBatch(s: Session, batch: string[]): Promise<{ records: LockRecord[]; failed: FetchFailure[] }> {
  let fetched: Map<string, Partial<LockRecord>>;
  try {
    fetched = await ask(s, 'efetch', batch, 'xml', parseEfetch);
  } catch (error) {
    return { records: [], failed: [{ pmids: batch, error: messageOf(error, s.apiKey) }] };
  }

  const failed: FetchFailure[] = [];
  const missing = batch.filter((id) => !fetched.has(id));
  let summary: EsummaryResult = { records: new Map(), notFound: [], errors: [] };
  if (missing.length > 0) {
    try {
      summary = await ask(s, 'esummary', missing, 'json', readEsummary);
    } catch (error) {
      failed.push({ pmids: missing, error: messageOf(error, s.apiKey) });
    }
  }

  const source: FetchedSource = { type: 'fetched', baseUrl: s.base, fetched: s.now().toISOString() };
  const notFound = new Set(summary.notFound);
  const alreadyFailed = new Set(failed.flatMap((f) => f.pmids));
  const records: LockRecord[] = [];
  const unanswered: string[] = [];
  for (const id of batch) {
    const partial = mergeRecords(fetched.get(id), summary.records.get(id));
    if (partial) records.push(toLockRecord(id, 'found', partial, source));
    else if (notFound.has(id)) records.push(toLockRecord(id, 'not-found', {}, source));
    else if (!alreadyFailed.has(id)) unanswered.push(id);
  }
  if (unanswered.length > 0) failed.push({ pmids: unanswered, error: 'esummary replied without mentioning these PMIDs' });
  return { records, failed };
}

/** esummary JSON → result; a reply that carries an error is a failure even with HTTP 200. */
function readEsummary(body: string): EsummaryResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new EutilsError(`malformed esummary reply: not JSON (${snippet(body, 60)})`, 'malformed');
  }
  const result = parseEsummary(json);
  if (result.errors.length > 0) {
    const message = result.errors.join('; ');
    throw new EutilsError(`PubMed replied with an error: ${snippet(message)}`, 'reply-error', { retryable: isTransientReplyError(message) });
  }
  return result;
}

/** One E-utilities call with retries; `read` turns the body into a result or throws an EutilsError. */
async function ask<T>(s: Session, endpoint: 'efetch' | 'esummary', ids: string[], retmode: 'xml' | 'json', read: (body: string) => T): Promise<T> {
  let last: EutilsError | undefined;
  let tries = 0;
  let notRetried = '';
  while (tries < s.maxTries) {
    // The server's Retry-After is a floor: the backoff still applies when it is longer.
    if (tries > 0) await s.sleep(Math.max(backoff(s.backoffBaseMs, tries), last?.retryAfterMs ?? 0));
    await s.limiter.wait();
    tries += 1;
    try {
      const body = await send(s, endpoint, ids, retmode);
      try {
        return read(body);
      } catch (error) {
        if (error instanceof EutilsError) throw error;
        throw new EutilsError(`unreadable ${endpoint} reply: ${error instanceof Error ? error.message : String(error)}`, 'malformed', { retryable: false });
      }
    } catch (error) {
      last = error instanceof EutilsError ? error : new EutilsError(`${endpoint} request failed`, 'network');
      if (!last.retryable) break;
      if (last.retryAfterMs !== undefined && last.retryAfterMs > MAX_RETRY_AFTER_MS) {
        notRetried = `; the server asked to wait ${Math.ceil(last.retryAfterMs / 1000)} s (Retry-After), more than the ${MAX_RETRY_AFTER_MS / 1000} s limit, so it was not retried`;
        break;
      }
    }
  }
  const failure = last ?? new EutilsError('no try was made', 'network');
  const message = `${endpoint} for ${ids.length} PMID${ids.length === 1 ? '' : 's'} failed after ${tries} ${tries === 1 ? 'try' : 'tries'}: ${failure.message}${notRetried}`;
  throw new EutilsError(redactSecret(message, s.apiKey), failure.kind, { status: failure.status, retryable: false });
}

/** Sends one request and returns the body of a 2xx reply; throws an EutilsError otherwise. Never lets an axios error out: it holds the URL and the key. */
async function send(s: Session, endpoint: string, ids: string[], retmode: string): Promise<string> {
  // The ID list last: it can run to thousands of characters.
  const params: Record<string, string> = { db: 'pubmed', retmode, ...s.identity, id: ids.join(',') };
  const post = ids.length > POST_ABOVE;
  const controller = new AbortController();
  // axios's own timeout only covers an idle socket; this one also ends a reply that trickles in.
  const timer = setTimeout(() => controller.abort(), s.timeoutMs);
  let status: number;
  let body: string;
  let retryAfter: string | undefined;
  try {
    const response = await axios.request<string>({
      url: `${s.base}/${endpoint}.fcgi`,
      method: post ? 'POST' : 'GET',
      params: post ? undefined : params,
      data: post ? new URLSearchParams(params).toString() : undefined,
      headers: post ? { 'Content-Type': 'application/x-www-form-urlencoded' } : undefined,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      signal: controller.signal,
      timeout: s.timeoutMs,
    });
    status = response.status;
    body = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    const header = response.headers['retry-after'];
    retryAfter = typeof header === 'string' ? header : undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (controller.signal.aborted || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      throw new EutilsError(`no complete reply within ${s.timeoutMs} ms`, 'timeout');
    }
    throw new EutilsError(`network error (${typeof code === 'string' ? code : 'no reply'})`, 'network');
  } finally {
    clearTimeout(timer);
  }

  // PubMed's 429 is {"error":"API rate limit exceeded","count":"5","limit":"3"} without Retry-After; a mirror or proxy may send one, and with 503 too.
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(retryAfter, s.now()) : undefined;
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429) {
    throw new EutilsError(`HTTP 429: ${redactSecret(errorText(body), s.apiKey)}`, 'rate-limit', { status, ...wait });
  }
  if (status < 200 || status > 299) {
    const detail = errorText(body);
    throw new EutilsError(`HTTP ${status}${detail ? `: ${redactSecret(detail, s.apiKey)}` : ''}`, 'http', { status, ...wait });
  }
  return body;
}

/** The "error" of a JSON body, or the start of any other body. */
function errorText(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: unknown };
    if (json && typeof json.error === 'string') return json.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return snippet(body);
}

/** Exponential backoff with jitter: half the pause fixed, half random, so parallel retries spread out. */
function backoff(baseMs: number, retry: number): number {
  const pause = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (retry - 1));
  return pause / 2 + Math.random() * (pause / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function messageOf(error: unknown, apiKey: string | undefined): string {
  return redactSecret(error instanceof Error ? error.message : String(error), apiKey);
}

/** efetch's fields win; esummary fills in what efetch lacks. */
function mergeRecords(primary?: Partial<LockRecord>, secondary?: Partial<LockRecord>): Partial<LockRecord> | undefined {
  if (!primary) return secondary;
  if (!secondary) return primary;
  const merged: Partial<LockRecord> = { ...secondary };
  for (const [key, value] of Object.entries(primary)) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  if (primary.journal && secondary.journal) merged.journal = { ...secondary.journal, ...primary.journal };
  return merged;
}

/** The shared record builder: `pubmed import` makes its records the same way. */
const toLockRecord = buildRecord;

function openSession(options: FetchOptions): Session {
  if (!options || typeof options !== 'object') throw new UsageError('fetchRecords needs options with baseUrl, tool and email');
  const { tool, email } = options;
  const apiKey = options.apiKey === '' ? undefined : options.apiKey;
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new UsageError('baseUrl is not a URL', 'Use e.g. https://eutils.ncbi.nlm.nih.gov/entrez/eutils.');
  }
  // The value is not echoed: it may hold a key.
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password || (apiKey && options.baseUrl.includes(apiKey))) {
    throw new UsageError('baseUrl must be a plain http(s) URL, without a query string or credentials', 'Pass the API key as apiKey, not in the URL.');
  }
  if (typeof tool !== 'string' || !/^[^\s&=]+$/.test(tool)) throw new UsageError('tool must be a name without spaces, e.g. reflib', 'NCBI asks for tool and email on every request.');
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError('email must be an e-mail address', 'NCBI asks for tool and email on every request.');
  if (apiKey !== undefined && (typeof apiKey !== 'string' || /\s/.test(apiKey))) throw new UsageError('apiKey must be a string without spaces');
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new UsageError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  const backoffBaseMs = options.backoffBaseMs ?? 1000;
  if (!(backoffBaseMs >= 0) || !Number.isFinite(backoffBaseMs)) throw new UsageError(`backoffBaseMs must not be negative, got ${backoffBaseMs}`);
  if (options.sleep !== undefined && typeof options.sleep !== 'function') throw new UsageError('sleep must be a function');

  const identity: Record<string, string> = { tool, email };
  if (apiKey) identity.api_key = apiKey;
  return {
    base: options.baseUrl.replace(/\/+$/, ''),
    identity,
    apiKey,
    limiter: createRateLimiter({ perSecond: apiKey ? RATE_WITH_KEY : RATE_WITHOUT_KEY }),
    timeoutMs,
    maxTries: positiveInteger(options.maxTries ?? 4, 'maxTries'),
    backoffBaseMs,
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? sleep,
  };
}

/** The PMIDs, trimmed and de-duplicated in order; anything that is not digits is a caller's mistake. */
function checkPmids(pmids: string[]): string[] {
  if (!Array.isArray(pmids)) throw new UsageError('pmids must be a list of PMIDs');
  const bad = pmids.filter((p) => typeof p !== 'string' || !/^[1-9]\d*$/.test(p.trim()));
  if (bad.length > 0) {
    const shown = bad.slice(0, 5).map((p) => JSON.stringify(p)).join(', ');
    throw new UsageError(`not a PMID: ${shown}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}`, 'A PMID is digits only, without a leading zero.');
  }
  return [...new Set(pmids.map((p) => p.trim()))];
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number of at least 1, got ${value}`);
  return value;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
