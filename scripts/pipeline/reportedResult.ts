/**
 * What a run reports, from what it found: the findings at every site (what
 * checkInputs produces and the content cache keeps) become the list the
 * formatters get, with PMID findings grouped (groupByPmid.ts), narrowed to
 * the paths asked for, errors only under `--quiet`, and the summary's counts
 * made from what is left. Narrowing is done here, after the whole library was
 * checked and after the cache, so links resolve against every entry and a
 * cached run serves every narrowing.
 */
import { countBySeverity, type Diagnostic } from '../core/diagnostic';
import { groupByPmid } from './groupByPmid';
import type { RunResult, Summary } from './runResult';

export interface ReportScope {
  /** Report only findings in these files (root-relative, forward slashes); undefined: every file. */
  within?: (file: string) => boolean;
  /** Report errors only, as ESLint's --quiet: warnings and infos are neither shown nor counted. */
  quiet?: boolean;
}

/**
 * The reported result for `sites`, every finding at its own site, sorted
 * (sortDiagnostics). With `within`, `sources` keeps only the files within
 * too; the summary's files, entries and suppressed stay the whole run's.
 */
export function reportedResult(sites: readonly Diagnostic[], summary: Summary, sources: ReadonlyMap<string, string>, scope: ReportScope = {}): RunResult {
  let diagnostics = groupByPmid(sites, scope.within);
  if (scope.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
  const counts = countBySeverity(diagnostics);
  // The files reported on, for formats that list every file (JUnit's passing cases).
  const within = scope.within;
  const shown = within ? new Map([...sources].filter(([file]) => within(file))) : sources;
  return { diagnostics, summary: { ...summary, errors: counts.error, warnings: counts.warning, infos: counts.info }, sources: shown };
}
