/** The load stage: read every entry file under a root and parse it. */
import type { Finding } from '../core/diagnostic';
import { parseEntry, stripBom, type LoadedEntry, type ParseResult } from './parseEntry';
import { readLibrary, type ReadResult } from './readLibrary';

export interface Library {
  root: string;
  /** Every entry file found, parsed or not. */
  files: string[];
  /** Entries whose YAML parsed cleanly, in path order. */
  entries: LoadedEntry[];
  /** The text of every file that decoded, parsed or not, for code frames. */
  sources: Map<string, string>;
  /**
   * IDs of files that could not be parsed or decoded, found by a best-effort
   * scan, so that links to them are not also reported as broken.
   */
  unreadableIds: Set<string>;
}

const ID_LINE = /^id:[ \t]*["']?([0-9a-f]{8})["']?[ \t]*(#.*)?$/m;

export interface LoadResult {
  library: Library;
  findings: Finding[];
}

/**
 * Parse results by path, reused while a file's text is unchanged: a watch
 * session keeps one, so saving one file re-parses only that file.
 */
export type ParseCache = Map<string, { text: string; parsed: ReturnType<typeof parseEntry> }>;

/** Parses one file: parseEntry, or something that gives the same answer faster (the content cache). */
export type ParseFile = (path: string, text: string) => ParseResult;

/**
 * Reads and parses the library under `root`. Throws UsageError when there is no library to load.
 * `cache` keeps parse results by path for a watch session; `parse` replaces parseEntry.
 */
export async function loadLibrary(root: string, cache?: ParseCache, parse: ParseFile = parseEntry, alreadyRead?: ReadResult): Promise<LoadResult> {
  const read = alreadyRead ?? (await readLibrary(root));
  const findings: Finding[] = [...read.findings];
  const entries: LoadedEntry[] = [];
  const unreadableIds = new Set<string>();
  for (const raw of read.files) {
    const hit = cache?.get(raw.path);
    const parsed = hit && hit.text === raw.text ? hit.parsed : parse(raw.path, raw.text);
    cache?.set(raw.path, { text: raw.text, parsed });
    for (const f of parsed.findings) findings.push(f);
    if (parsed.entry) entries.push(parsed.entry);
    else addId(unreadableIds, raw.text);
  }
  for (const bad of read.undecodable) addId(unreadableIds, bad.text);
  const files = [...read.files.map((f) => f.path), ...read.findings.map((f) => f.file)].sort();
  const sources = new Map(read.files.map((f) => [f.path, stripBom(f.text)]));
  return { library: { root, files, entries, sources, unreadableIds }, findings };
}

function addId(ids: Set<string>, text: string): void {
  const m = ID_LINE.exec(text);
  if (m) ids.add(m[1]);
}
