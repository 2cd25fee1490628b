/**
 * What `reflib serve` offers app developers beside the releases, under
 * `/_reflib/`: the browser build of the bundle client at
 * `/_reflib/client.mjs` (and its source map), from the package's
 * `lib/browser/` (written by `npm run compile`), and the reference reader
 * page at `/_reflib/reader/`, from the package's `examples/reader/`.
 *
 * Only those two folders are reachable, by the same rules as dist/: plain
 * path segments (no dot files, no `..` in any encoding), no symlink that
 * leads out of the folder, regular files only, and no directory listings
 * (the reader's folder shows its index.html, no other folder shows anything).
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the reader page is served. */
export const READER_PATH = '/_reflib/reader/';
/** Where the browser build of the client is served. */
export const CLIENT_PATH = '/_reflib/client.mjs';
/** The first path segment of everything in this module. */
const PREFIX = '_reflib';
/** The browser build of the client, relative to the package root. */
const CLIENT_DIR = 'lib/browser';
const CLIENT_FILES = new Set(['client.mjs', 'client.mjs.map']);
/** The reader page's files, relative to the package root. */
const READER_DIR = 'examples/reader';

/** Content types of the files served from the package; anything else is application/octet-stream. */
export const APP_CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Sent with the reader's HTML: its scripts, styles and data come from this
 * server only, nothing runs inline, and it cannot be framed. Entries are
 * untrusted text; this holds even if a bug let some through as markup.
 */
export const READER_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A file under `/_reflib/` to answer with. */
export interface AppFile {
  /** Its real path. */
  file: string;
  /** Its content type, if known. */
  type?: string;
  /** Whether it is the reader's HTML (gets READER_CSP). */
  html: boolean;
}

/**
 * The root of the reflib package this module belongs to: the nearest folder
 * above it whose package.json is named `reflib`. The same from scripts/
 * (ts-node, vitest) and from the compiled lib/. Undefined if none is found.
 */
export function findPackageRoot(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'reflib') return dir;
    } catch {
      // no package.json here, or not JSON: keep looking
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Whether a request path (query removed) is the reader's folder without its slash, which is redirected to READER_PATH. */
export function isReaderWithoutSlash(pathname: string): boolean {
  return pathname === READER_PATH.slice(0, -1);
}

/**
 * Maps the decoded, checked segments of a request path (`slash`: it ended
 * in `/`) to a file under `/_reflib/`, or undefined. Undefined too when the
 * path is not under `/_reflib/` at all, so the caller tries dist/.
 */
export async function resolveAppFile(packageRoot: string | undefined, segments: string[], slash: boolean): Promise<AppFile | undefined> {
  if (!packageRoot || segments[0] !== PREFIX) return undefined;
  const rest = segments.slice(1);
  if (rest.length === 1 && !slash && CLIENT_FILES.has(rest[0])) {
    return inside(path.join(packageRoot, CLIENT_DIR), rest);
  }
  if (rest[0] === 'reader' && rest.length > 1 && !slash) return inside(path.join(packageRoot, READER_DIR), rest.slice(1));
  if (rest.length === 1 && rest[0] === 'reader' && slash) return inside(path.join(packageRoot, READER_DIR), ['index.html']);
  return undefined;
}

/** The real path of `base/...rel` if it exists and, symlinks resolved, lies inside `base`. */
async function inside(base: string, rel: string[]): Promise<AppFile | undefined> {
  const baseReal = await fs.realpath(base).catch(() => undefined);
  if (!baseReal) return undefined;
  const real = await fs.realpath(path.join(baseReal, ...rel)).catch(() => undefined);
  if (!real) return undefined;
  const relative = path.relative(baseReal, real);
  if (relative === '' || path.isAbsolute(relative) || relative.split(path.sep)[0] === '..') return undefined;
  // A symlink inside may lead to another file inside, but never to a dot file.
  if (relative.split(path.sep).some((segment) => segment.startsWith('.'))) return undefined;
  const ext = path.extname(real).toLowerCase();
  return { file: real, type: APP_CONTENT_TYPES[ext], html: ext === '.html' };
}

/**
 * Why the reader page cannot work from this package, or undefined when it
 * can: the browser build of the client or the page itself is missing.
 */
export async function readerProblem(packageRoot: string | undefined): Promise<string | undefined> {
  if (!packageRoot) return 'the reflib package folder was not found';
  const isFile = (rel: string) => fs.stat(path.join(packageRoot, rel)).then((s) => s.isFile(), () => false);
  if (!(await isFile(path.join(READER_DIR, 'index.html')))) return `${READER_DIR}/index.html is missing from the reflib package`;
  if (!(await isFile(path.join(CLIENT_DIR, 'client.mjs')))) return `${CLIENT_DIR}/client.mjs is missing: run npm run compile in the reflib package`;
  return undefined;
}
