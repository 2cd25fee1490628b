/**
 * What a watch session prints after the first check: the findings that are
 * new and the ones that are gone, not the whole report again. A finding
 * that only moved (lines added above it) is neither.
 */
import type { Diagnostic } from '../../core/diagnostic';
import { formatText } from '../../formatters/formatText';
import type { RunResult } from '../../pipeline/runResult';

/** At most this many findings are listed each way; the rest are counted. */
const MAX_LISTED = 50;

/** Identifies a finding apart from where it is in its file. */
const keyOf = (d: Diagnostic) => JSON.stringify([d.file, d.rule, d.severity, d.message, d.entry ?? null]);

/** The findings of `from` with no counterpart in `to`, counted as multisets so that a repeated finding is matched once each. */
function missing(from: readonly Diagnostic[], to: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  for (const d of to) counts.set(keyOf(d), (counts.get(keyOf(d)) ?? 0) + 1);
  const out: Diagnostic[] = [];
  for (const d of from) {
    const k = keyOf(d);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(d);
  }
  return out;
}

function lines(label: string, list: readonly Diagnostic[]): string[] {
  const out = list.slice(0, MAX_LISTED).map((d) => `  ${label}  ${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}${d.hint && label === 'new  ' ? `\n         hint: ${d.hint}` : ''}`);
  if (list.length > MAX_LISTED) out.push(`  … and ${list.length - MAX_LISTED} more ${label.trim()}`);
  return out;
}

/** The changes from one check's result to the next, and the new totals. */
export function describeChanges(before: RunResult, after: RunResult, options: { color?: boolean } = {}): string {
  const added = missing(after.diagnostics, before.diagnostics);
  const fixed = missing(before.diagnostics, after.diagnostics);
  const head = added.length + fixed.length === 0 ? 'No change in findings.' : `${added.length} new, ${fixed.length} fixed:`;
  // formatText with no findings prints just the totals line.
  const totals = formatText({ ...after, diagnostics: [] }, { color: options.color });
  return [head, ...lines('new  ', added), ...lines('fixed', fixed), totals].join('\n');
}
