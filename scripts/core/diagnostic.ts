/**
 * A diagnostic is plain data: where, which rule, how severe, what is wrong and
 * what to do. Stages and checks produce them; formatters turn them into output.
 * Nothing that produces a diagnostic prints it.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based span in a file. `endColumn` is exclusive, as in editors and SARIF. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Another place that explains a diagnostic, e.g. the first file that uses a duplicate ID. */
export interface RelatedLocation extends Span {
  file: string;
  message: string;
}

/** One finding. This is the JSON contract documented in the README. */
export interface Diagnostic extends Span {
  /** Path relative to the library root, with forward slashes. */
  file: string;
  severity: Severity;
  /** Stable rule id, e.g. `schema`; documented in docs/rules/<rule>.md. */
  rule: string;
  /** What is wrong. */
  message: string;
  /** What to do about it, when there is something specific to say. */
  hint?: string;
  /** The ID of the entry the file holds, when it has one. */
  entry?: string;
  related?: RelatedLocation[];
  /** Rule-specific facts, e.g. `{reference: "pickering2020"}` for a citation rule: for code, never parse `message`. */
  data?: FindingData;
}

/** Structured facts a finding carries. */
export type FindingData = Readonly<Record<string, string | number | boolean>>;

/** A diagnostic before the runner applies the rule's configured severity. */
export type Finding = Omit<Diagnostic, 'severity'>;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts diagnostics by file, then position, then rule, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** Counts diagnostics by severity. */
export function countBySeverity(list: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}
