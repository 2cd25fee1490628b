/**
 * `reflib serve`: serves the releases under dist/ over HTTP the way a CDN
 * should: right content types, strong ETags with 304s, `immutable` caching for
 * versioned files and `no-cache` for latest.json, gzip, and CORS for browser
 * apps. Only what a release publishes is ever served: `latest.json`,
 * `latest.signed.json` and the regular files inside `<MAJOR.MINOR.PATCH>/`
 * release folders. Everything else under dist/ (the QA report in
 * dist/report/, which shows drafts and findings, and any stray file) and
 * every path outside it, however it is encoded or symlinked, is a 404, and
 * no error detail reaches the client.
 *
 * Beside the releases, `/_reflib/` serves the browser build of the client
 * and the reference reader page for app developers (see appFiles.ts).
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { RELEASE_VERSION } from '../../bundle/releaseVersion';
import { UsageError } from '../../core/usageError';
import { resolveDist } from '../../core/resolveRoot';
import { findPackageRoot, isReaderWithoutSlash, READER_CSP, READER_PATH, readerProblem, resolveAppFile } from './appFiles';

const gzip = promisify(gzipCallback);

/** The port `reflib serve` listens on without --port. */
export const DEFAULT_PORT = 8080;
/** The address it listens on without --host: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/** Options of serve(); `cwd` and `root` as for every command. */
export interface ServeOptions {
  cwd: string;
  /** The library root (default: `cwd`). */
  root?: string;
  /** The folder to serve, relative to `cwd` (default: `<root>/dist`). */
  dir?: string;
  /** Default 8080; 0 picks any free port (read it from `url`). */
  port?: number;
  /** Default 127.0.0.1: only this machine. Use 0.0.0.0 to serve the network. */
  host?: string;
  /** Called after each response: for access logs and tests. Never throws into the server. */
  onRequest?: (record: RequestRecord) => void;
  /**
   * The reflib package whose `lib/browser/` and `examples/reader/` are
   * served under `/_reflib/` (default: the package this code belongs to).
   */
  packageRoot?: string;
}

/** One answered request. */
export interface RequestRecord {
  method: string;
  /** The request target as received. */
  url: string;
  status: number;
  /** The request's If-None-Match header, if any. */
  ifNoneMatch?: string;
  /** `gzip` when the body (or the 304's representation) is gzipped. */
  encoding?: 'gzip';
}

/** A server that is listening. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  /** The absolute path of the folder served. */
  dir: string;
  /** The reference reader page: `<url>_reflib/reader/`. */
  readerUrl: string;
  /** Why the reader page cannot work as served, e.g. the browser build of the client is missing (run npm run compile). */
  readerProblem?: string;
  /** Stops accepting connections and resolves once open ones have ended. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
/** A path segment we are willing to look up: no dot files, no separators, no `%`, no NUL. */
const SAFE_SEGMENT = /^[A-Za-z0-9_+~-][A-Za-z0-9._+~-]*$/;
/** The files served from the top of dist/: latest.json and, when the release is signed, latest.signed.json. */
const TOP_FILES = new Set(['latest.json', 'latest.signed.json']);

/** Parses a `--port` value: an integer from 0 to 65535; undefined stays undefined. Throws UsageError otherwise. */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be a port number from 0 to 65535, not "${value}"`, 'Use --port 0 for any free port.');
  }
  return port;
}

/** Starts serving dist/ and resolves once the server listens. Throws UsageError when there is no dist/ folder or the port cannot be used. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const dir = resolveDist(options, options.dir);
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new UsageError(`port must be a number from 0 to 65535, not ${port}`);
  const distReal = await fs.realpath(dir).catch(() => undefined);
  if (!distReal || !(await fs.stat(distReal)).isDirectory()) throw new UsageError('no dist/ folder: run reflib build first', `Looked for ${dir}.`);
  const packageRoot = options.packageRoot ?? findPackageRoot();

  const server = http.createServer((req, res) => {
    answer(req, res, distReal, packageRoot).then(
      (record) => report(options.onRequest, record),
      () => {
        // Never a stack trace: a plain 500, or a cut connection if the reply had begun.
        if (res.headersSent) res.destroy();
        else {
          for (const name of res.getHeaderNames()) if (!name.startsWith('access-control-')) res.removeHeader(name);
          sendText(res, 500, 'Internal Server Error');
        }
        report(options.onRequest, { method: req.method ?? '', url: req.url ?? '', status: 500 });
      },
    );
  });
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/`;
  const problem = await readerProblem(packageRoot);
  return {
    url,
    dir: distReal,
    readerUrl: `${url}${READER_PATH.slice(1)}`,
    ...(problem ? { readerProblem: problem } : {}),
    close: () => closeServer(server),
  };
}

function report(onRequest: ServeOptions['onRequest'], record: RequestRecord): void {
  try {
    onRequest?.(record);
  } catch {
    // a logger's failure must not take the server down
  }
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new UsageError(`port ${port} on ${host} is already in use`, 'Use --port to pick another, or --port 0 for any free port.'));
      else if (err.code === 'EACCES') reject(new UsageError(`no permission to listen on port ${port}`, 'Ports below 1024 need privileges: use --port 8080.'));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') reject(new UsageError(`cannot listen on host "${host}"`, 'Use --host 127.0.0.1 (this machine) or 0.0.0.0 (every interface).'));
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
    // Give requests in flight a moment, then end whatever is still open.
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}

/** Answers one request and says what was answered. */
async function answer(req: http.IncomingMessage, res: http.ServerResponse, distReal: string, packageRoot: string | undefined): Promise<RequestRecord> {
  const method = req.method ?? '';
  const url = req.url ?? '';
  const ifNoneMatch = req.headers['if-none-match'];
  const record = (status: number, encoding?: 'gzip'): RequestRecord => ({ method, url, status, ...(ifNoneMatch ? { ifNoneMatch } : {}), ...(encoding ? { encoding } : {}) });

  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      Allow: ALLOWED_METHODS,
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': 'If-None-Match, Cache-Control',
      'Access-Control-Max-Age': '86400',
    });
    res.end();
    return record(204);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', ALLOWED_METHODS);
    sendText(res, 405, 'Method Not Allowed');
    return record(405);
  }

  const [pathname, query] = splitQuery(url);
  if (isReaderWithoutSlash(pathname)) {
    // The page's relative URLs need the slash.
    res.writeHead(308, { Location: READER_PATH + query, 'Content-Length': 0, 'Cache-Control': 'no-store' });
    res.end();
    return record(308);
  }

  const found = await resolveFile(distReal, packageRoot, url);
  const bytes = found && (await readRegularFile(found.file));
  if (!found || !bytes) {
    sendText(res, 404, 'Not Found');
    return record(404);
  }

  const compressible = found.type !== undefined;
  const tag = createHash('sha256').update(bytes).digest('hex');
  const etags = { identity: `"${tag}"`, gzip: `"${tag}-gzip"` };
  const gzipOk = compressible && acceptsGzip(req.headers['accept-encoding']);
  res.setHeader('Content-Type', found.type ?? 'application/octet-stream');
  res.setHeader('Cache-Control', found.immutable ? IMMUTABLE : 'no-cache');
  if (found.html) res.setHeader('Content-Security-Policy', READER_CSP);
  if (compressible) res.setHeader('Vary', 'Accept-Encoding');

  // The representation the client already holds wins, when it is one we may send.
  const held = parseEtags(ifNoneMatch);
  const heldIdentity = held.has('*') || held.has(etags.identity);
  const heldGzip = gzipOk && held.has(etags.gzip);
  if (heldIdentity || heldGzip) {
    const encoding = heldGzip && !held.has(etags.identity) ? 'gzip' : undefined;
    res.setHeader('ETag', encoding ? etags.gzip : etags.identity);
    res.writeHead(304);
    res.end();
    return record(304, encoding);
  }

  const body = gzipOk ? await gzip(bytes) : bytes;
  res.setHeader('ETag', gzipOk ? etags.gzip : etags.identity);
  if (gzipOk) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.writeHead(200);
  res.end(method === 'HEAD' ? undefined : body);
  return record(200, gzipOk ? 'gzip' : undefined);
}

/** A file to answer with, and how to send it. */
interface FoundFile {
  file: string;
  type?: string;
  immutable: boolean;
  /** The reader's HTML: sent with its content security policy. */
  html: boolean;
}

/** A file of a release (or latest.json), or else one of the app files under `/_reflib/`. */
async function resolveFile(distReal: string, packageRoot: string | undefined, target: string): Promise<FoundFile | undefined> {
  const release = await resolveServedFile(distReal, target);
  if (release) return { file: release.file, type: CONTENT_TYPES[path.extname(release.file).toLowerCase()], immutable: isVersioned(release.segments), html: false };
  const parsed = parseTarget(target);
  const app = parsed && (await resolveAppFile(packageRoot, parsed.segments, parsed.slash));
  return app ? { ...app, immutable: false } : undefined;
}

/** `[path, '?query']` of a request target (the query with its `?`, or ''). A fragment is dropped. */
function splitQuery(target: string): [string, string] {
  const noFragment = target.split('#', 1)[0];
  const q = noFragment.indexOf('?');
  return q < 0 ? [noFragment, ''] : [noFragment.slice(0, q), noFragment.slice(q)];
}

/**
 * The path segments of a request target, each decoded once and then
 * required to be a plain name (so `..`, `%2e%2e`, `%2f`, double encoding,
 * backslashes, NUL bytes and empty segments all fail), and whether the path
 * ended in `/`. Undefined for anything else.
 */
function parseTarget(target: string): { segments: string[]; slash: boolean } | undefined {
  if (!target.startsWith('/')) return undefined;
  const raws = splitQuery(target)[0].slice(1).split('/');
  const slash = raws.length > 1 && raws[raws.length - 1] === '';
  if (slash) raws.pop();
  const segments: string[] = [];
  for (const raw of raws) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (!SAFE_SEGMENT.test(segment)) return undefined;
    segments.push(segment);
  }
  return { segments, slash };
}

/**
 * Maps a request target to the real path of a published file inside
 * `distReal`, or undefined. Each segment is decoded once and must then be a
 * plain name (see parseTarget; a trailing slash names a folder, never
 * served); the path must be `latest.json`, `latest.signed.json` or lie
 * inside a release folder, and so must the path with symlinks resolved (a
 * link from a release folder into dist/report/ leads nowhere).
 */
export async function resolveServedFile(distReal: string, target: string): Promise<{ file: string; segments: string[] } | undefined> {
  const parsed = parseTarget(target);
  if (!parsed || parsed.slash) return undefined;
  const { segments } = parsed;
  if (!isPublished(segments)) return undefined;
  const joined = path.join(distReal, ...segments);
  if (!isInside(distReal, joined)) return undefined;
  const real = await fs.realpath(joined).catch(() => undefined);
  if (!real || !isInside(distReal, real) || !isPublished(path.relative(distReal, real).split(path.sep))) return undefined;
  return { file: real, segments };
}

/** `latest.json`, `latest.signed.json`, or a path inside a release folder: what a release publishes. Not dist/report/, not stray files. */
function isPublished(segments: string[]): boolean {
  return (segments.length === 1 && TOP_FILES.has(segments[0])) || isVersioned(segments);
}

function isInside(base: string, candidate: string): boolean {
  const rel = path.relative(base, candidate);
  return rel !== '' && !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
}

/** The bytes of a regular file, or undefined for a directory, a vanished file or anything unreadable. */
async function readRegularFile(file: string): Promise<Buffer | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
    if (!(await handle.stat()).isFile()) return undefined;
    return await handle.readFile();
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Files inside a release folder never change once released. */
function isVersioned(segments: string[]): boolean {
  return segments.length > 1 && RELEASE_VERSION.test(segments[0]);
}

/** Whether an Accept-Encoding header allows gzip (`gzip`, `x-gzip` or `*` with q > 0, not refused by name). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (name) q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const named = q.get('gzip') ?? q.get('x-gzip');
  return named !== undefined ? named > 0 : (q.get('*') ?? 0) > 0;
}

/** The entity tags of an If-None-Match header; weak ones count as their strong form (weak comparison, RFC 9110 13.1.2). */
function parseEtags(header: string | undefined): Set<string> {
  const tags = new Set<string>();
  if (!header) return tags;
  if (header.trim() === '*') return new Set(['*']);
  for (const m of header.matchAll(/(?:W\/)?("[^"]*")/g)) tags.add(m[1]);
  return tags;
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  const body = `${text}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}
