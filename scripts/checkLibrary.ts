/**
 * The pipeline up to compile: load → validate → check. Each stage returns
 * data plus findings; this joins them and applies severities.
 */
import { runChecks } from './checks/runChecks';
import { buildLinkGraph, type LinkGraph } from './graph/buildLinkGraph';
import { countBySeverity, sortDiagnostics } from './diagnostics/diagnostic';
import { applySeverity, type SeverityConfig } from './diagnostics/rules';
import type { Report } from './format/report';
import { loadLibrary, type Library } from './load/loadLibrary';
import type { LoadedEntry } from './load/parseEntry';
import { validateEntries } from './validate/validateEntries';

export interface CheckedLibrary {
  library: Library;
  /** Entries that passed their schema. */
  valid: LoadedEntry[];
  /** The link index, with backlinks. */
  graph: LinkGraph;
  report: Report;
}

/** Loads, validates and checks the library under `root`. Throws UsageError when there is nothing to check. */
export async function checkLibrary(root: string, severities: SeverityConfig = {}): Promise<CheckedLibrary> {
  const loaded = await loadLibrary(root);
  const { library } = loaded;
  const validated = validateEntries(library.entries);
  const graph = buildLinkGraph(library.entries, library.unreadableIds, library.entries.length === library.files.length);
  const checked = runChecks(library.entries, new Set(validated.valid), undefined, graph);
  const diagnostics = sortDiagnostics(applySeverity([...loaded.findings, ...validated.findings, ...checked], severities));
  const counts = countBySeverity(diagnostics);
  return {
    library,
    valid: validated.valid,
    graph,
    report: {
      diagnostics,
      summary: { files: library.files.length, entries: library.entries.length, errors: counts.error, warnings: counts.warning, infos: counts.info },
      sources: library.sources,
    },
  };
}
