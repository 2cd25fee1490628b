/**
 * A real HTTP server on 127.0.0.1 that speaks enough of NCBI E-utilities for
 * the PubMed client's tests: /entrez/eutils/efetch.fcgi and esummary.fcgi, GET and POST,
 * answered from the recorded fixtures, with faults injected on demand.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../fixtures/pubmed');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');

const PUBMED1 = read('biopython/pubmed1.xml');
const PUBMED4 = read('biopython/pubmed4.xml');
/** The recorded esummary reply: real records, a per-uid error and a top-level error. */
export const RECORDED_ESUMMARY = read('astrocite-eutils/pubmed.json');
/** The recorded <eSummaryResult><ERROR> reply. */
export const RECORDED_ERROR_XML = read('biopython/esummary8.xml');
/** PubMed's 429 body (PubMed sends no Retry-After with it; `retryAfter` adds one, as a proxy or mirror may). */
export const RATE_LIMIT_BODY = '{"error":"API rate limit exceeded","count":"5","limit":"3"}';

/** The recorded <PubmedArticle> elements, keyed by PMID: 27797938, 12091962, 9997. */
export const RECORDED_ARTICLES: ReadonlyMap<string, string> = new Map(
  [PUBMED1, PUBMED4].flatMap((xml) =>
    [...xml.matchAll(/<PubmedArticle>[\s\S]*?<\/PubmedArticle>/g)].map((m) => [/<PMID Version="\d+">(\d+)<\/PMID>/.exec(m[0])![1], m[0]] as [string, string]),
  ),
);

/** The recorded esummary documents that are real records: 125352, 34744, 363666, 273457, 23463. */
export const RECORDED_SUMMARIES: ReadonlyMap<string, unknown> = (() => {
  const result = (JSON.parse(RECORDED_ESUMMARY) as { result: Record<string, unknown> & { uids: string[] } }).result;
  return new Map(result.uids.filter((uid) => !(result[uid] as { error?: string }).error).map((uid) => [uid, result[uid]]));
})();

/** The recorded article 12091962 with another PMID: a stand-in for any PMID that exists. */
export function syntheticArticle(pmid: string): string {
  return RECORDED_ARTICLES.get('12091962')!.split('12091962').join(pmid);
}

/**
 * - `rate-limit`: HTTP 429 with PubMed's JSON body;
 * - `server-error`: HTTP 500; `unavailable`: HTTP 503; `bad-request`: HTTP 400;
 * - `slow`: the normal reply, but only after `slowMs`;
 * - `malformed`: HTTP 200 with the normal body cut in half;
 * - `reply-error`: HTTP 200 whose body is an error (efetch: esummary8.xml; esummary: the recorded JSON with its top-level "error");
 * - `echo-request`: HTTP 500 whose body repeats the request URL and body, API key included (as some proxies do);
 * - `reset`: the connection is dropped without a reply.
 */
export type Fault = 'rate-limit' | 'server-error' | 'unavailable' | 'bad-request' | 'slow' | 'malformed' | 'reply-error' | 'echo-request' | 'reset';

export interface EutilsRequest {
  /** "efetch", "esummary", or the unknown path. */
  endpoint: string;
  method: string;
  /** Query and form parameters together. */
  params: Record<string, string>;
  ids: string[];
  /** performance.now() when the request arrived. */
  start: number;
}

export interface EutilsServerOptions {
  /** PMIDs efetch also knows, served as copies of a recorded article. */
  syntheticIds?: Iterable<string>;
  /** Milliseconds before every reply, so requests overlap. Default 0. */
  delayMs?: number;
  /** Picks a fault for a request, or none. */
  fault?: (request: EutilsRequest, index: number) => Fault | undefined;
  /** How long a `slow` reply takes. Default 3000. */
  slowMs?: number;
  /** The Retry-After header to send with a `rate-limit` (429) or `unavailable` (503) reply, if any. */
  retryAfter?: (request: EutilsRequest, index: number) => string | undefined;
}

export interface EutilsServer {
  baseUrl: string;
  /** Every request in arrival order. */
  requests: EutilsRequest[];
  /** The most requests that were open at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1, port 0. */
export async function startEutilsServer(options: EutilsServerOptions = {}): Promise<EutilsServer> {
  const synthetic = new Set(options.syntheticIds ?? []);
  const requests: EutilsRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const server = http.createServer((req, res) => {
    const start = performance.now();
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params = Object.fromEntries([...url.searchParams, ...(req.method === 'POST' ? new URLSearchParams(raw) : [])]);
      const endpoint = /^\/entrez\/eutils\/(efetch|esummary)\.fcgi$/.exec(url.pathname)?.[1] ?? url.pathname;
      const request: EutilsRequest = { endpoint, method: req.method ?? '', params, ids: params.id ? params.id.split(',') : [], start };
      requests.push(request);
      const index = requests.length - 1;
      const fault = options.fault?.(request, index);
      const send = (status: number, type: string, body: string) => {
        if (res.destroyed) return;
        const retryAfter = status === 429 || status === 503 ? options.retryAfter?.(request, index) : undefined;
        res.writeHead(status, { 'Content-Type': type, ...(retryAfter !== undefined ? { 'Retry-After': retryAfter } : {}) });
        res.end(body);
      };
      const reply = () => {
        if (fault === 'reset') return req.socket.destroy();
        if (fault === 'rate-limit') return send(429, 'application/json', RATE_LIMIT_BODY);
        if (fault === 'server-error') return send(500, 'text/html', '<html><body><h1>500 Internal Server Error</h1></body></html>');
        if (fault === 'unavailable') return send(503, 'text/html', '<html><body><h1>503 Service Unavailable</h1></body></html>');
        if (fault === 'bad-request') return send(400, 'application/json', '{"error":"Invalid parameter"}');
        if (fault === 'echo-request') return send(500, 'text/plain', `Error processing ${req.url} ${raw}`);
        if (endpoint === 'efetch') {
          const body = fault === 'reply-error' ? RECORDED_ERROR_XML : efetchBody(request.ids, synthetic);
          return send(200, 'text/xml; charset=UTF-8', fault === 'malformed' ? body.slice(0, body.length / 2) : body);
        }
        if (endpoint === 'esummary') {
          const body = fault === 'reply-error' ? RECORDED_ESUMMARY : esummaryBody(request.ids);
          return send(200, 'application/json; charset=UTF-8', fault === 'malformed' ? body.slice(0, body.length / 2) : body);
        }
        return send(404, 'text/plain', 'not found');
      };
      const delay = (options.delayMs ?? 0) + (fault === 'slow' ? (options.slowMs ?? 3000) : 0);
      if (delay > 0) later(delay, reply);
      else reply();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/entrez/eutils`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A <PubmedArticleSet> with the articles PubMed has, in request order; unknown PMIDs are simply left out. */
function efetchBody(ids: string[], synthetic: Set<string>): string {
  const articles = ids.map((id) => RECORDED_ARTICLES.get(id) ?? (synthetic.has(id) ? syntheticArticle(id) : '')).filter(Boolean);
  const head = PUBMED1.slice(0, PUBMED1.indexOf('<PubmedArticleSet>'));
  return `${head}<PubmedArticleSet>\n${articles.join('\n')}\n</PubmedArticleSet>\n`;
}

/** esummary JSON for `ids`: the recorded document where there is one, else the per-uid error PubMed sends. */
function esummaryBody(ids: string[]): string {
  const result: Record<string, unknown> = { uids: ids };
  for (const id of ids) result[id] = RECORDED_SUMMARIES.get(id) ?? { uid: id, error: 'cannot get document summary' };
  return JSON.stringify({ header: { type: 'esummary', version: '0.3' }, result }, null, 4);
}
