/**
 * The pipeline up to compile: load → validate → check. Each stage returns
 * data plus findings; this joins them and applies severities.
 */
import path from 'node:path';
import { readReleases } from '../bundle/readReleases';
import { runChecks } from '../checks/runChecks';
import type { RetiredBefore } from '../checks/check';
import { buildLinkGraph, type LinkGraph } from '../graph/buildLinkGraph';
import { countBySeverity, sortDiagnostics } from '../core/diagnostic';
import { applySeverity, RULES, type SeverityConfig } from './rules';
import { applySuppressions } from './applySuppressions';
import { cacheStages } from './cacheStages';
import { openCache } from './openCache';
import { capFindings } from './capFindings';
import { CONFIG_FILE, readConfig } from './readConfig';
import type { RunResult } from './runResult';
import { loadLibrary, type Library, type ParseCache } from '../load/loadLibrary';
import type { LoadedEntry } from '../load/parseEntry';
import { validateEntries } from '../validate/validateEntries';
import { LOCK_FILE, readLock } from '../citations/readLock';
import type { PubmedLock } from '../citations/lockRecord';

export interface CheckedLibrary {
  library: Library;
  /** Entries that passed their schema. */
  valid: LoadedEntry[];
  /** The link index, with backlinks. */
  graph: LinkGraph;
  /** The PubMed lock as read (empty when missing or broken). */
  lock: PubmedLock;
  result: RunResult;
}

export interface CheckOptions {
  /** Read and write the content cache under the root (.reflib-cache/). Off unless asked: the commands ask, unless given --no-cache. */
  contentCache?: boolean;
}

/**
 * Loads, validates and checks the library under `root`. Throws UsageError when there is nothing to check.
 * `cache` lets a watch session re-parse only the files that changed.
 */
export async function checkLibrary(root: string, severities: SeverityConfig = {}, cache?: ParseCache, options: CheckOptions = {}): Promise<CheckedLibrary> {
  const stages = options.contentCache ? cacheStages(openCache(root)) : undefined;
  const loaded = await loadLibrary(root, cache, stages?.parse);
  const { library } = loaded;
  const validated = validateEntries(library.entries);
  const graph = buildLinkGraph(library.entries, library.unreadableIds, library.entries.length === library.files.length);
  const locked = await readLock(root);
  const retiredBefore = new Map<string, RetiredBefore>();
  for (const m of await readReleases(path.join(root, 'dist'))) {
    for (const [id, replacedBy] of Object.entries(m.redirects)) retiredBefore.set(id, { version: retiredBefore.get(id)?.version ?? m.version, replacedBy });
  }
  const checked = runChecks({ entries: library.entries, valid: new Set(validated.valid), graph, lock: locked.lock, retiredBefore });
  const ruleIds = RULES.map((r) => r.id);
  const configured = await readConfig(root, ruleIds);
  const suppressions = applySuppressions([...loaded.findings, ...validated.findings, ...checked], library.sources, ruleIds);
  const findings = capFindings([...suppressions.kept, ...suppressions.problems, ...locked.findings, ...configured.findings]);
  // --strict and other explicit severities win over the config file.
  const diagnostics = sortDiagnostics(applySeverity(findings, { ...configured.config.rules, ...severities }));
  const counts = countBySeverity(diagnostics);
  // After the checks: they placed their findings, and the spans they learned are worth keeping.
  await stages?.save();
  return {
    library,
    valid: validated.valid,
    graph,
    lock: locked.lock,
    result: {
      diagnostics,
      summary: { files: library.files.length, entries: library.entries.length, errors: counts.error, warnings: counts.warning, infos: counts.info, suppressed: suppressions.suppressed },
      sources: new Map([...library.sources, ...(locked.text === undefined ? [] : [[LOCK_FILE, locked.text] as const]), ...(configured.text === undefined ? [] : [[CONFIG_FILE, configured.text] as const])]),
    },
  };
}
