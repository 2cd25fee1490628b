/**
 * The work of a check, once its inputs are read: load → validate → check,
 * then suppressions, caps and severities, and the per-PMID grouping of what
 * is reported (reportedResult.ts). Loaded only when a run has work
 * to do: a run whose result the content cache already has never loads the
 * parsers, the schemas or the checks.
 */
import { runChecks } from '../checks/runChecks';
import { buildLinkGraph } from '../graph/buildLinkGraph';
import { updateLinkGraph, type GraphMemo } from '../graph/updateLinkGraph';
import { sortDiagnostics } from '../core/diagnostic';
import { applySeverity, RULES, type SeverityConfig } from './rules';
import { applySuppressions } from './applySuppressions';
import { cacheStages } from './cacheStages';
import type { ContentCache } from './openCache';
import { sourcesOf, type Inputs } from './readInputs';
import { capFindings } from './capFindings';
import { loadLibrary, type ParseCache } from '../load/loadLibrary';
import { validateEntries } from '../validate/validateEntries';
import { parseLock } from '../citations/readLock';
import { LOCK_VERSION } from '../citations/lockRecord';
import { parseConfig } from './readConfig';
import type { CheckedLibrary } from './checkLibrary';
import { reportedResult } from './reportedResult';

let lastLock: { text: string | undefined; parsed: ReturnType<typeof parseLock> } | undefined;

/**
 * The lock parsed from its text, the same object while the text is the
 * same: checks remember an entry's findings per lock object (runChecks.ts),
 * so a session that re-checks after an edit must not make a new one.
 */
function readLockText(text: string | undefined): ReturnType<typeof parseLock> {
  if (lastLock?.text !== text || !lastLock) {
    lastLock = { text, parsed: text === undefined ? { lock: { lockVersion: LOCK_VERSION, records: {} }, findings: [] } : parseLock(text) };
  }
  return lastLock.parsed;
}

/** What a watch or editor session keeps between checks besides parses: the last link index. */
export interface SessionMemo {
  graph?: GraphMemo;
}

/** Checks the library from its inputs; `cache` is a watch session's parse cache, `content` the content cache. */
export async function checkInputs(root: string, inputs: Inputs, severities: SeverityConfig, cache: ParseCache | undefined, content: ContentCache | undefined, session?: SessionMemo): Promise<CheckedLibrary> {
  const stages = content ? cacheStages(content) : undefined;
  await stages?.prepare(inputs.read.files);
  const loaded = await loadLibrary(root, cache, stages?.parse, inputs.read);
  const { library } = loaded;
  const { retiredBefore } = inputs;
  const locked = readLockText(inputs.lockText);
  const configured = inputs.configText === undefined ? { config: { rules: {} }, findings: [] } : parseConfig(inputs.configText, RULES.map((r) => r.id));
  const validated = validateEntries(library.entries);
  const complete = library.entries.length === library.files.length;
  const graph = session ? updateLinkGraph(session.graph, library.entries, library.unreadableIds, complete) : buildLinkGraph(library.entries, library.unreadableIds, complete);
  if (session) session.graph = { entries: library.entries, graph };
  // --strict and other explicit severities win over the config file.
  const ruleSeverities = { ...configured.config.rules, ...severities };
  const checked = runChecks({ entries: library.entries, valid: new Set(validated.valid), graph, lock: locked.lock, retiredBefore, severities: ruleSeverities });
  const ruleIds = RULES.map((r) => r.id);
  const suppressions = applySuppressions([...loaded.findings, ...validated.findings, ...checked], library.sources, ruleIds);
  const findings = capFindings([...suppressions.kept, ...suppressions.problems, ...locked.findings, ...configured.findings]);
  const sites = sortDiagnostics(applySeverity(findings, ruleSeverities));
  // After the checks: they placed their findings, and the spans they learned are worth keeping.
  stages?.record();
  return {
    library,
    valid: validated.valid,
    graph,
    lock: locked.lock,
    sites,
    result: reportedResult(
      sites,
      { files: library.files.length, entries: library.entries.length, errors: 0, warnings: 0, infos: 0, suppressed: suppressions.suppressed },
      sourcesOf(inputs, library.sources),
    ),
  };
}
