/**
 * Keeps a run's output proportionate: at most MAX_FINDINGS_PER_RULE findings
 * of one rule in one file, then one finding that says how many more there
 * are. A file of 130,000 bad list items would otherwise print hundreds of
 * megabytes that say the same thing.
 */
import type { Finding } from '../core/diagnostic';
import { MAX_FINDINGS_PER_RULE } from '../core/limits';

/** The findings with each (file, rule) group cut to the first MAX_FINDINGS_PER_RULE by position, plus a count of the rest. */
export function capFindings(findings: readonly Finding[]): Finding[] {
  // Groups in the order first seen, found by file then rule: no key string per finding.
  const groups: Finding[][] = [];
  const byFile = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    let byRule = byFile.get(f.file);
    if (!byRule) byFile.set(f.file, (byRule = new Map()));
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else {
      const group = [f];
      byRule.set(f.rule, group);
      groups.push(group);
    }
  }
  const out: Finding[] = [];
  for (const list of groups) {
    if (list.length <= MAX_FINDINGS_PER_RULE) {
      for (const f of list) out.push(f);
      continue;
    }
    list.sort((a, b) => a.line - b.line || a.column - b.column);
    for (let i = 0; i < MAX_FINDINGS_PER_RULE; i++) out.push(list[i]);
    const next = list[MAX_FINDINGS_PER_RULE];
    const more = list.length - MAX_FINDINGS_PER_RULE;
    out.push({
      file: next.file,
      line: next.line,
      column: next.column,
      endLine: next.endLine,
      endColumn: next.endColumn,
      rule: next.rule,
      message: `and ${more} more ${next.rule} findings in this file, from here on`,
      hint: `Only the first ${MAX_FINDINGS_PER_RULE} of each rule are listed per file: fix those and run again.`,
      entry: next.entry,
      data: { more },
    });
  }
  return out;
}
