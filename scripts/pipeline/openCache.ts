/**
 * The content cache: what reflib learned about each entry text, kept
 * between runs in `.reflib-cache/` at the library root (git-ignored).
 *
 * - Keyed by the SHA-256 of the file's text, and salted with reflib's
 *   version, the schemas and the parsers' versions: a change to any of them
 *   starts a new cache. So an edit, a rename or a copy never reads a stale
 *   result, and an unchanged text is never parsed or validated again.
 * - It holds only what depends on the text alone: the data (or the load
 *   findings), the schema result, and the facts positions need (see
 *   SourceFile.remember). Links, citations and everything else that depends
 *   on other files are checked on every run.
 * - Safe to delete at any time. Written with the shared atomic writer, so a
 *   concurrent run reads either the old file or the new one; anything that
 *   is not a well-formed cache of this salt (a torn copy, a hand edit, a
 *   file from another version) is a miss, never an error.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Finding } from '../core/diagnostic';
import type { Summary } from './runResult';
import { writeFileAtomic, type FileData } from '../core/writeAtomic';

/** The cache folder, relative to the library root. */
export const CACHE_DIR = '.reflib-cache';
const CACHE_FILE = 'files.json';
const RUNS_FILE = 'runs.json';
/** How many run results are kept: a few, for switching between --strict and not, or branches. */
const MAX_RUNS = 4;
/** Bump when the shape of a record, or what is remembered, changes. */
const FORMAT = 2;

/** A finding without its file: the same text can sit at several paths. */
export type StoredFinding = Omit<Finding, 'file'>;

/** What the cache knows about one text. */
export interface CachedText {
  /** The data, when the text parsed as an entry. */
  data?: unknown;
  /** SourceFile.plainNumbers. */
  plainNumbers?: boolean;
  /** The load findings, when it did not. */
  load?: StoredFinding[];
  /** The schema result. */
  schema?: { valid: boolean; findings: StoredFinding[] };
  /** Remembered facts (see SourceFile.remember). */
  facts?: Record<string, unknown>;
  /** Set by describeText (never stored) when the data would not survive JSON: the text is parsed where it is used. */
  unsafe?: true;
}

/** A whole run's result, for a digest of all its inputs (see readInputs.ts). */
export interface CachedRun {
  /** Every finding at its own site, before PMID findings are grouped (reportedResult.ts groups and narrows on every read). */
  diagnostics: Diagnostic[];
  summary: Summary;
}

export interface ContentCache {
  /** The key of a text (computed once per text, or known from readLibrary). */
  keyOf(text: string): string;
  /** Supplies keys computed while reading (from the bytes, which is cheaper). */
  knowKeys(files: readonly { text: string; key?: string }[]): void;
  /** The result of an earlier run with the same inputs. */
  getRun(digest: string): CachedRun | undefined;
  /** Keeps a run's result, with the few most recent others. */
  setRun(digest: string, run: CachedRun): void;
  /** What is known about the text with this key. */
  get(key: string): CachedText | undefined;
  /** Records what is known now about a text; `changed` says whether that is more than the cache had. */
  set(key: string, record: CachedText, changed: boolean): void;
  /** Writes the records set in this run (and only those) when any changed, and the run results. Never throws. */
  save(): Promise<void>;
}

let saltMemo: string | undefined;

/** Every source file under `dir` with its size and modification time. */
function describeSources(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const st = statSync(full);
        out.push(`${full} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

/** The schemas' texts, in name order: a schema change changes what validation finds. */
function readSchemas(packageDir: string): string {
  const dir = path.join(packageDir, 'schemas');
  try {
    return readdirSync(dir).sort().map((name) => `${name}\n${readFileSync(path.join(dir, name), 'utf8')}`).join('\n');
  } catch {
    return '-';
  }
}

/** What the cache's validity depends on besides the text. */
function salt(): string {
  if (saltMemo) return saltMemo;
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  // scripts/pipeline or lib/pipeline: the package is two folders up.
  const packageDir = path.resolve(__dirname, '../..');
  hash.update(readSchemas(packageDir));
  const versionOf = (file: string) => {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      return '?';
    }
  };
  hash.update(`reflib ${versionOf(path.join(packageDir, 'package.json'))}\n`);
  for (const dep of ['yaml', 'js-yaml', 'ajv']) {
    let version = '?';
    try {
      version = versionOf(require.resolve(`${dep}/package.json`));
    } catch {
      // js-yaml's exports map hides package.json in some versions; its absence only means a coarser salt.
    }
    hash.update(`${dep} ${version}\n`);
  }
  // The code: compiled, the time of the last compile (every compile starts a new cache); run from
  // source (ts-node, tests), the sources' names, sizes and times, so an edit is never answered from before it.
  if (path.extname(__filename) === '.ts') hash.update(`source ${describeSources(path.resolve(__dirname, '..'))}\n`);
  else hash.update(`compiled ${statSync(path.join(packageDir, 'lib/.compiled'), { throwIfNoEntry: false })?.mtimeMs ?? '-'}\n`);
  saltMemo = hash.digest('hex').slice(0, 16);
  return saltMemo;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

const isPosition = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1;
const isOptionalText = (v: unknown) => v === undefined || typeof v === 'string';

/** A stored finding (or diagnostic) with every field of the right type: positions are whole numbers from 1. */
function isStoredFinding(f: unknown): f is StoredFinding {
  return (
    isObject(f) &&
    isPosition(f.line) && isPosition(f.column) && isPosition(f.endLine) && isPosition(f.endColumn) &&
    typeof f.rule === 'string' && typeof f.message === 'string' &&
    isOptionalText(f.hint) && isOptionalText(f.entry) &&
    (f.related === undefined || Array.isArray(f.related)) && (f.data === undefined || isObject(f.data))
  );
}

/** A remembered fact: a span, or the source text of a scalar (null when there is none). */
const isFact = (v: unknown) => v === null || typeof v === 'string' || (isObject(v) && isPosition(v.line) && isPosition(v.column) && isPosition(v.endLine) && isPosition(v.endColumn));

const isFindings = (value: unknown): value is StoredFinding[] => Array.isArray(value) && value.every(isStoredFinding);
const SEVERITIES = new Set(['error', 'warning', 'info']);
const isDiagnostic = (d: unknown) => isStoredFinding(d) && typeof (d as Record<string, unknown>).file === 'string' && SEVERITIES.has(String((d as Record<string, unknown>).severity));
const COUNTS = ['files', 'entries', 'errors', 'warnings', 'infos', 'suppressed'];
const isSummary = (s: unknown) => isObject(s) && COUNTS.every((k) => Number.isInteger(s[k]) && (s[k] as number) >= 0);

/** Whether a record has the shape this version writes: anything else (a hand edit, say) is a miss. */
function isCachedText(value: unknown): value is CachedText {
  if (!isObject(value)) return false;
  if (value.facts !== undefined && !(isObject(value.facts) && Object.values(value.facts).every(isFact))) return false;
  if (value.load !== undefined) return isFindings(value.load);
  const schema = value.schema;
  return 'data' in value && isObject(schema) && typeof schema.valid === 'boolean' && isFindings(schema.findings);
}

function readJson(file: string, salt: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return isObject(parsed) && parsed.salt === salt ? parsed : undefined;
  } catch {
    // Missing, unreadable, torn or not JSON: a miss.
    return undefined;
  }
}

function isRun(value: unknown): value is { digest: string } & CachedRun {
  return isObject(value) && typeof value.digest === 'string' && Array.isArray(value.diagnostics) && value.diagnostics.every(isDiagnostic) && isSummary(value.summary);
}

/** Opens the cache of the library under `root`; `enabled: false` gives one that remembers nothing. */
export function openCache(root: string, wanted = true): ContentCache {
  const dir = path.join(root, CACHE_DIR);
  // A link in its place could make reflib write wherever it points: then there is no cache.
  const enabled = wanted && !lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink();
  const mySalt = enabled ? salt() : '';
  // Read on first use: a run whose whole result is cached never parses the (large) file of texts.
  let old: Record<string, CachedText> | undefined;
  const records = () => {
    if (!old) {
      const files = enabled ? readJson(path.join(dir, CACHE_FILE), mySalt)?.files : undefined;
      old = isObject(files) ? (files as Record<string, CachedText>) : {};
    }
    return old;
  };
  let runs: ({ digest: string } & CachedRun)[] | undefined;
  const readRuns = () => {
    if (!runs) {
      const list = enabled ? readJson(path.join(dir, RUNS_FILE), mySalt)?.runs : undefined;
      runs = Array.isArray(list) ? list.filter(isRun) : [];
    }
    return runs;
  };
  const keys = new Map<string, string>();
  const now = new Map<string, CachedText>();
  let changed = false;
  let runsChanged = false;
  const write = async (name: string, data: FileData) => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    // Tells git (and people) what the folder is, in case the library's .gitignore does not list it.
    await writeFile(path.join(dir, '.gitignore'), '# reflib content cache: safe to delete\n*\n', { flag: 'wx' }).catch(() => undefined);
    await writeFileAtomic(path.join(dir, name), data);
  };
  /** The records file, in pieces of a few hundred records: one JSON string of them all would double the run's peak memory. */
  function* recordsJson(): Generator<string> {
    yield `{"salt":${JSON.stringify(mySalt)},"files":{`;
    let piece: string[] = [];
    let first = true;
    for (const [key, record] of now) {
      piece.push(`${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(record)}`);
      first = false;
      if (piece.length === 500) {
        yield piece.join('');
        piece = [];
      }
    }
    yield `${piece.join('')}}}`;
  }
  return {
    keyOf(text) {
      let key = keys.get(text);
      if (key === undefined) {
        key = createHash('sha256').update(text).digest('base64url');
        keys.set(text, key);
      }
      return key;
    },
    knowKeys(files) {
      for (const f of files) if (f.key !== undefined) keys.set(f.text, f.key);
    },
    getRun(digest) {
      const run = readRuns().find((r) => r.digest === digest);
      return run && { diagnostics: run.diagnostics, summary: run.summary };
    },
    setRun(digest, run) {
      runs = [{ digest, ...run }, ...readRuns().filter((r) => r.digest !== digest)].slice(0, MAX_RUNS);
      runsChanged = true;
    },
    get(key) {
      const all = records();
      const hit: unknown = Object.hasOwn(all, key) ? all[key] : undefined;
      return isCachedText(hit) ? hit : undefined;
    },
    set(key, record, recordChanged) {
      now.set(key, record);
      if (recordChanged) changed = true;
    },
    async save() {
      if (!enabled) return;
      try {
        // A run that dropped files also shrinks the cache.
        if (now.size > 0 && (changed || now.size !== Object.keys(records()).length)) await write(CACHE_FILE, recordsJson());
        if (runsChanged) await write(RUNS_FILE, JSON.stringify({ salt: mySalt, runs }));
      } catch {
        // A cache that cannot be written only makes the next run slower.
      }
    },
  };
}
