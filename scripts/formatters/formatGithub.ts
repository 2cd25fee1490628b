/**
 * GitHub Actions annotations: one `::error file=…,line=…::message` workflow
 * command per finding, within what GitHub shows.
 *
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per
 * step (and 50 per job), and drops the rest silently, in print order. So the
 * findings are printed errors first, then warnings, then notices; within a
 * level, files the pull request changed first, then by file, line and column;
 * at most 10 of each level. When any finding is left out, a last notice says
 * how many and where to see them all (it counts as one of the 10 notices).
 */
import type { Diagnostic, Severity } from '../core/diagnostic';
import type { FormatOptions, RunResult } from '../pipeline/runResult';
import { compareStrings, plural } from '../core/countWords';

/**
 * Annotations GitHub shows per step, per level: "10 warning annotations, 10
 * error annotations, and 10 notice annotations per step; 50 annotations per
 * job (sum of annotations from all the steps)". See
 * https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations
 * and the GitHub Actions docs on workflow commands.
 */
export const ANNOTATIONS_PER_LEVEL_PER_STEP = { error: 10, warning: 10, notice: 10 } as const;
/** Annotations GitHub shows per job, over all its steps (same reference). One validate step prints at most 30. */
export const ANNOTATIONS_PER_JOB = 50;

export interface GithubFormatOptions extends FormatOptions {
  /** Root-relative paths of the files the pull request changes: their findings are annotated first. */
  changedFiles?: ReadonlySet<string>;
  /** A job summary with every finding was written: the last notice points there. */
  summaryWritten?: boolean;
  /**
   * Prefixed to every `file=`: the library root relative to the repository
   * (GitHub resolves annotation paths against the workspace), e.g. `library/`
   * for `--root library`. Empty by default.
   */
  pathPrefix?: string;
}

// Workflow commands: data escapes %, CR and LF; properties also escape : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors, then warnings, then infos; within each, changed files first, then file, line, column, rule. */
export function annotationOrder(diagnostics: readonly Diagnostic[], changedFiles?: ReadonlySet<string>): Diagnostic[] {
  const unchanged = (d: Diagnostic) => (changedFiles?.has(d.file) ? 0 : 1);
  return [...diagnostics].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      unchanged(a) - unchanged(b) ||
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.message, b.message),
  );
}

/** Which findings get an annotation, and how many do not. */
export function selectAnnotations(diagnostics: readonly Diagnostic[], changedFiles?: ReadonlySet<string>): { shown: Diagnostic[]; omitted: Record<Severity, number> } {
  const ordered = annotationOrder(diagnostics, changedFiles);
  const bySeverity = (s: Severity) => ordered.filter((d) => d.severity === s);
  const errors = bySeverity('error');
  const warnings = bySeverity('warning');
  const infos = bySeverity('info');
  const limit = ANNOTATIONS_PER_LEVEL_PER_STEP;
  const omittedBefore = Math.max(0, errors.length - limit.error) + Math.max(0, warnings.length - limit.warning);
  // The closing notice takes one of the notice slots whenever anything is left out.
  const noticeRoom = omittedBefore > 0 || infos.length > limit.notice ? limit.notice - 1 : limit.notice;
  const shown = [...errors.slice(0, limit.error), ...warnings.slice(0, limit.warning), ...infos.slice(0, noticeRoom)];
  return {
    shown,
    omitted: {
      error: Math.max(0, errors.length - limit.error),
      warning: Math.max(0, warnings.length - limit.warning),
      info: Math.max(0, infos.length - noticeRoom),
    },
  };
}


function annotation(d: Diagnostic, prefix: string): string {
  const props = [
    `file=${escapeProperty(prefix + d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `endLine=${d.endLine}`,
    `endColumn=${d.endColumn}`,
    `title=${escapeProperty(`reflib ${d.rule}`)}`,
  ].join(',');
  const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
  return `::${LEVEL[d.severity]} ${props}::${escapeData(message)}\n`;
}

/** The closing notice, when findings were left out. */
export function omittedNotice(omitted: Record<Severity, number>, summaryWritten: boolean): string | undefined {
  const total = omitted.error + omitted.warning + omitted.info;
  if (total === 0) return undefined;
  const parts = [
    omitted.error && plural(omitted.error, 'error', 'errors'),
    omitted.warning && plural(omitted.warning, 'warning', 'warnings'),
    omitted.info && plural(omitted.info, 'notice', 'notices'),
  ].filter(Boolean);
  const where = summaryWritten ? 'see the job summary for every finding' : 'run reflib validate to see every finding';
  return `reflib: ${plural(total, 'finding was', 'findings were')} not annotated (GitHub shows 10 per level per step): ${parts.join(', ')}; ${where}.`;
}

/** GitHub Actions annotations, at most 10 per level, the most important first. */
export const formatGithub = (result: RunResult, options: GithubFormatOptions = {}): string => {
  const { shown, omitted } = selectAnnotations(result.diagnostics, options.changedFiles);
  const prefix = options.pathPrefix ?? '';
  const lines = shown.map((d) => annotation(d, prefix));
  const notice = omittedNotice(omitted, options.summaryWritten === true);
  if (notice) lines.push(`::notice title=reflib::${escapeData(notice)}\n`);
  return lines.join('');
};
