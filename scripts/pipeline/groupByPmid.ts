/**
 * One finding per PMID, not one per citation site. A PMID cited in nine
 * places that is not in the lock is one problem with one fix (sync the lock,
 * or correct the ID), so the citation rules' findings about one PMID are
 * reported once, at the first site in path and line order, with the other
 * sites as `related` locations. Every formatter, the summary's counts and
 * the exit code see the grouped list; suppressions were applied before, site
 * by site (see applySuppressions.ts and docs/rules/suppression.md).
 */
import type { Diagnostic, RelatedLocation } from '../core/diagnostic';

/**
 * The rules grouped: those whose finding is about the PMID and its lock
 * record, and so reads the same wherever it is cited. Findings are grouped
 * only when rule, PMID, severity and message are all the same, so two sites
 * whose mismatch differs (pmid-mismatch names the stated value) stay apart.
 */
export const PER_PMID_RULES: ReadonlySet<string> = new Set(['pmid-not-in-lock', 'pmid-unchecked', 'pmid-unverified', 'pmid-not-found', 'pmid-mismatch', 'pmid-retracted', 'pmid-erratum']);

function groupKey(d: Diagnostic): string | undefined {
  const pmid = d.data?.pmid;
  if (pmid === undefined || !PER_PMID_RULES.has(d.rule)) return undefined;
  return `${d.rule}\0${pmid}\0${d.severity}\0${d.message}`;
}

/** Another site of the same finding, as a related location. */
function siteOf(d: Diagnostic): RelatedLocation {
  const reference = d.data?.reference;
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    message: reference === undefined ? `also cited here` : `also cited here (reference ${reference})`,
  };
}

/**
 * The diagnostics with each group of same-PMID findings folded into one.
 * `diagnostics` must be sorted (sortDiagnostics); the result keeps that order.
 *
 * `within` narrows the report to some files: a finding outside them is left
 * out, and a group is reported at its first site within them (its other
 * sites, inside or not, stay `related`), or not at all when it has none.
 */
export function groupByPmid(diagnostics: readonly Diagnostic[], within?: (file: string) => boolean): Diagnostic[] {
  const inScope = (d: Diagnostic) => within === undefined || within(d.file);
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = groupKey(d);
    if (key === undefined) continue;
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  // The site each group is reported at.
  const primary = new Map<Diagnostic, Diagnostic[]>();
  for (const list of groups.values()) {
    const first = list.find(inScope);
    if (first) primary.set(first, list);
  }
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const list = primary.get(d);
    if (list) {
      if (list.length === 1) out.push(d);
      else {
        // `related` before `data`, as applySeverity orders keys, so JSON output stays in one order.
        const { data, ...rest } = d;
        const merged: Diagnostic = { ...rest, related: [...(d.related ?? []), ...list.filter((s) => s !== d).map(siteOf)] };
        if (data !== undefined) merged.data = data;
        out.push(merged);
      }
    } else if (groupKey(d) === undefined && inScope(d)) out.push(d);
  }
  return out;
}
