/** Runs one check over in-memory files, as the pipeline would, for table-driven tests. */
import type { Check } from '../../scripts/checks/check';
import { runChecks } from '../../scripts/checks/runChecks';
import type { Finding } from '../../scripts/core/diagnostic';
import type { PubmedLock } from '../../scripts/citations/lockRecord';
import { parseEntry, type LoadedEntry } from '../../scripts/load/parseEntry';
import { validateEntries } from '../../scripts/validate/validateEntries';

export function runCheck(check: Check, files: Record<string, string>, lock?: PubmedLock): Finding[] {
  const entries: LoadedEntry[] = [];
  for (const [path, text] of Object.entries(files).sort()) {
    const parsed = parseEntry(path, text);
    if (!parsed.entry) throw new Error(`fixture ${path} does not parse: ${JSON.stringify(parsed.findings)}`);
    entries.push(parsed.entry);
  }
  const { valid } = validateEntries(entries);
  return runChecks({ entries, valid: new Set(valid), checks: [check], lock });
}

/** [file, line, column, rule] of each finding, the shape table-driven tests assert. */
export const where = (findings: Finding[]) => findings.map((f) => [f.file, f.line, f.column, f.rule]);
