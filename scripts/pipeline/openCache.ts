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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/diagnostic';
import { writeFileAtomic } from '../core/writeAtomic';
import { SCHEMA_DIR } from '../core/loadSchemas';

/** The cache folder, relative to the library root. */
export const CACHE_DIR = '.reflib-cache';
const CACHE_FILE = 'files.json';
/** Bump when the shape of a record, or what is remembered, changes. */
const FORMAT = 1;

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
}

export interface ContentCache {
  /** The key of a text. */
  keyOf(text: string): string;
  /** What is known about the text with this key. */
  get(key: string): CachedText | undefined;
  /** Records what is known now about a text; `changed` says whether that is more than the cache had. */
  set(key: string, record: CachedText, changed: boolean): void;
  /** Writes the records set in this run (and only those), when any changed. Never throws. */
  save(): Promise<void>;
}

let saltMemo: string | undefined;

/** What the cache's validity depends on besides the text. */
function salt(): string {
  if (saltMemo) return saltMemo;
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  const packageDir = path.resolve(SCHEMA_DIR, '..');
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
  // The precompiled validators stand for the schemas; the compile stamp, in a checkout, for the code.
  for (const file of [path.join(__dirname, '../core/validators.generated' + path.extname(__filename)), path.join(packageDir, 'lib/.compiled')]) {
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('-');
    }
  }
  saltMemo = hash.digest('hex').slice(0, 16);
  return saltMemo;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

const isFindings = (value: unknown): value is StoredFinding[] =>
  Array.isArray(value) && value.every((f) => isObject(f) && typeof f.line === 'number' && typeof f.rule === 'string' && typeof f.message === 'string');

/** Whether a record has the shape this version writes: anything else (a hand edit, say) is a miss. */
function isCachedText(value: unknown): value is CachedText {
  if (!isObject(value)) return false;
  if (value.facts !== undefined && !isObject(value.facts)) return false;
  if (value.load !== undefined) return isFindings(value.load);
  const schema = value.schema;
  return 'data' in value && isObject(schema) && typeof schema.valid === 'boolean' && isFindings(schema.findings);
}

/** Opens the cache of the library under `root`; `enabled: false` gives one that remembers nothing. */
export function openCache(root: string, enabled = true): ContentCache {
  const dir = path.join(root, CACHE_DIR);
  const file = path.join(dir, CACHE_FILE);
  const mySalt = enabled ? salt() : '';
  let old: Record<string, CachedText> = {};
  if (enabled) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { salt?: unknown; files?: unknown };
      if (parsed && parsed.salt === mySalt && isObject(parsed.files)) old = parsed.files as Record<string, CachedText>;
    } catch {
      // Missing, unreadable, torn or not JSON: a miss.
    }
  }
  const now = new Map<string, CachedText>();
  let changed = false;
  return {
    keyOf: (text) => createHash('sha256').update(text).digest('base64url'),
    get(key) {
      const hit: unknown = Object.hasOwn(old, key) ? old[key] : undefined;
      return isCachedText(hit) ? hit : undefined;
    },
    set(key, record, recordChanged) {
      now.set(key, record);
      if (recordChanged) changed = true;
    },
    async save() {
      // A run that dropped files also shrinks the cache.
      if (!enabled || (!changed && now.size === Object.keys(old).length)) return;
      try {
        const { mkdir, writeFile } = await import('node:fs/promises');
        await mkdir(dir, { recursive: true });
        // Tells git (and people) what the folder is, in case the library's .gitignore does not list it.
        await writeFile(path.join(dir, '.gitignore'), '# reflib content cache: safe to delete\n*\n', { flag: 'wx' }).catch(() => undefined);
        await writeFileAtomic(file, JSON.stringify({ salt: mySalt, files: Object.fromEntries(now) }));
      } catch {
        // A cache that cannot be written only makes the next run slower.
      }
    },
  };
}
