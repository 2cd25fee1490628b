/**
 * The pipeline up to compile: load → validate → check. Each stage returns
 * data plus findings; this joins them and applies severities.
 */
import type { LinkGraph } from '../graph/buildLinkGraph';
import type { SeverityConfig } from './rules';
import { openCache } from './openCache';
import { digestInputs, readInputs, sourcesOf } from './readInputs';
import type { RunResult } from './runResult';
import type { Diagnostic } from '../core/diagnostic';
import { reportedResult, type ReportScope } from './reportedResult';
import type { Library, ParseCache } from '../load/loadLibrary';
import type { LoadedEntry } from '../load/parseEntry';
import type { PubmedLock } from '../citations/lockRecord';

export interface CheckedLibrary {
  library: Library;
  /** Entries that passed their schema. */
  valid: LoadedEntry[];
  /** The link index, with backlinks. */
  graph: LinkGraph;
  /** The PubMed lock as read (empty when missing or broken). */
  lock: PubmedLock;
  /** Every finding at its own site, sorted: before PMID findings are grouped (what the content cache keeps). */
  sites: Diagnostic[];
  /** What to report: `sites` with PMID findings grouped (reportedResult.ts), for the whole library. */
  result: RunResult;
}

export interface CheckOptions {
  /** Read and write the content cache under the root (.reflib-cache/). Off unless asked: the commands ask, unless given --no-cache. */
  contentCache?: boolean;
}

export interface ResultOptions extends CheckOptions {
  /** What to report of the whole library's result (paths, --quiet). The cache keeps the whole result, so it never mixes narrowed and whole runs. */
  scope?: ReportScope;
}

/**
 * Loads, validates and checks the library under `root`. Throws UsageError when there is nothing to check.
 * `cache` lets a watch session re-parse only the files that changed.
 */
export async function checkLibrary(root: string, severities: SeverityConfig = {}, cache?: ParseCache, options: CheckOptions = {}): Promise<CheckedLibrary> {
  const inputs = await readInputs(root, { keys: options.contentCache });
  const content = options.contentCache ? openCache(root) : undefined;
  content?.knowKeys(inputs.read.files);
  const { checkInputs } = await import('./checkInputs');
  const checked = await checkInputs(root, inputs, severities, cache, content);
  await content?.save();
  return checked;
}

/**
 * The result of checking the library, for commands that need nothing else
 * (validate). With the content cache, a library whose inputs are all as in
 * an earlier run gets that run's result without parsing or checking again.
 */
export async function checkLibraryResult(root: string, severities: SeverityConfig = {}, options: ResultOptions = {}): Promise<RunResult> {
  if (!options.contentCache) {
    const checked = await checkLibrary(root, severities);
    return options.scope ? reportedResult(checked.sites, checked.result.summary, checked.result.sources, options.scope) : checked.result;
  }
  const inputs = await readInputs(root, { keys: true });
  const content = openCache(root);
  content.knowKeys(inputs.read.files);
  const digest = digestInputs(inputs, severities, content.keyOf);
  const known = content.getRun(digest);
  if (known) return reportedResult(known.diagnostics, known.summary, sourcesOf(inputs, inputs.read.files.map((f) => [f.path, f.text] as const)), options.scope);
  const { checkInputs } = await import('./checkInputs');
  const { sites, result } = await checkInputs(root, inputs, severities, undefined, content);
  content.setRun(digest, { diagnostics: sites, summary: result.summary });
  await content.save();
  return options.scope ? reportedResult(sites, result.summary, result.sources, options.scope) : result;
}
