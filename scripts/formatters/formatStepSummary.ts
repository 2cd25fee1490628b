/**
 * A GitHub Actions job summary (Markdown for $GITHUB_STEP_SUMMARY) listing
 * every finding, grouped by file and then rule, each linking to its line.
 * Annotations stop at 10 per level; this is where the rest can be read.
 *
 * Messages quote entries, which are untrusted text: everything but our own
 * markup is escaped, so a message cannot add links, HTML, code spans or
 * table cells. GitHub refuses a step summary over 1 MiB, so the output stays
 * within `maxBytes`, ending with a line that says how many findings were left
 * out when they do not all fit. Pure: the command reads the environment and
 * writes the file.
 */
import type { Diagnostic, Severity } from '../core/diagnostic';
import type { RunResult } from '../pipeline/runResult';
import { compareStrings, plural } from '../core/countWords';

/**
 * The most a step summary may hold: GitHub aborts the upload of a larger one
 * ("$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of
 * 1024k"; https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary).
 */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface SummaryLinks {
  /** `GITHUB_SERVER_URL`, e.g. `https://github.com`. */
  serverUrl: string;
  /** `GITHUB_REPOSITORY`, `owner/name`. */
  repository: string;
  /** `GITHUB_SHA`: the commit that was checked. */
  sha: string;
  /** The library root relative to the repository, with a trailing slash (`library/`), or empty. */
  pathPrefix?: string;
}

export interface StepSummaryOptions {
  /** Where the lines are on GitHub; without it, findings show as plain `file:line:column`. */
  links?: SummaryLinks;
  /** Files the pull request changes: listed first, and marked. */
  changedFiles?: ReadonlySet<string>;
  /** The most bytes (UTF-8) to return; default {@link STEP_SUMMARY_LIMIT_BYTES}. */
  maxBytes?: number;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Escapes text for inline Markdown: HTML-significant characters become
 * entities, Markdown punctuation is backslash-escaped, line breaks become
 * `<br>` and other control characters are dropped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()#!|~]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A repository path as a URL path: every segment percent-encoded, parentheses included (they would end a Markdown link). */
const encodePath = (p: string) =>
  p
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

/** The GitHub URL of a line, or undefined without links. */
export function lineUrl(links: SummaryLinks | undefined, file: string, line: number): string | undefined {
  if (!links) return undefined;
  const server = links.serverUrl.replace(/\/+$/, '');
  return `${server}/${encodePath(links.repository)}/blob/${encodePath(links.sha)}/${encodePath((links.pathPrefix ?? '') + file)}#L${line}`;
}

function findingLine(d: Diagnostic, links: SummaryLinks | undefined): string {
  const where = escapeMarkdown(`${d.file}:${d.line}:${d.column}`);
  const url = lineUrl(links, d.file, d.line);
  const place = url ? `[${where}](${url})` : where;
  const hint = d.hint ? ` — ${escapeMarkdown(d.hint)}` : '';
  return `- ${place} **${d.severity}** ${escapeMarkdown(d.message)}${hint}\n`;
}

function counts(result: RunResult): string {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of result.diagnostics) c[d.severity]++;
  return `${plural(c.error, 'error', 'errors')}, ${plural(c.warning, 'warning', 'warnings')}, ${c.info} info`;
}

const leftOut = (n: number) =>
  `\n**${plural(n, 'finding was', 'findings were')} left out**: GitHub shows at most 1 MiB of job summary per step. Run \`reflib validate\` to see every finding.\n`;

/** The job summary: a heading with totals, then every finding by file and rule. */
export function formatStepSummary(result: RunResult, options: StepSummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT_BYTES;
  const changed = options.changedFiles;
  const total = result.diagnostics.length;
  const files = result.summary.files;
  const suppressed = result.summary.suppressed ? `; ${result.summary.suppressed} suppressed by comments` : '';
  if (total === 0) {
    const clean = `## reflib validate: no problems\n\n${plural(files, 'file', 'files')} checked${suppressed}.\n`;
    return bytes(clean) <= maxBytes ? clean : '';
  }

  const byFile = new Map<string, Map<string, Diagnostic[]>>();
  for (const d of result.diagnostics) {
    let rules = byFile.get(d.file);
    if (!rules) byFile.set(d.file, (rules = new Map()));
    const list = rules.get(d.rule);
    if (list) list.push(d);
    else rules.set(d.rule, [d]);
  }
  const isChanged = (f: string) => (changed?.has(f) ? 0 : 1);
  const fileOrder = [...byFile.keys()].sort((a, b) => isChanged(a) - isChanged(b) || compareStrings(a, b));

  const head =
    `## reflib validate: ${counts(result)}\n\n` +
    `${plural(total, 'finding', 'findings')} in ${plural(byFile.size, 'file', 'files')}; ${plural(files, 'file', 'files')} checked${suppressed}.` +
    (changed ? ` Files this change touches come first, marked *(changed)*.` : '') +
    '\n';
  // Each finding with the headings it opens, so a cut never leaves a heading without findings.
  const pieces: string[] = [];
  for (const file of fileOrder) {
    let fileHead = `\n### ${escapeMarkdown(file)}${changed?.has(file) ? ' *(changed)*' : ''}\n`;
    const rules = byFile.get(file)!;
    for (const rule of [...rules.keys()].sort(compareStrings)) {
      const list = rules.get(rule)!.sort((a, b) => a.line - b.line || a.column - b.column || compareStrings(a.message, b.message));
      let ruleHead = `\n#### ${escapeMarkdown(rule)} (${list.length})\n\n`;
      for (const d of list) {
        pieces.push(fileHead + ruleHead + findingLine(d, options.links));
        fileHead = '';
        ruleHead = '';
      }
    }
  }
  const whole = head + pieces.join('');
  if (bytes(whole) <= maxBytes) return whole;

  // Too big: as many findings as fit, with room for the closing line whatever count it ends up saying.
  const reserve = bytes(leftOut(total));
  if (bytes(head) + reserve > maxBytes) return reserve <= maxBytes ? leftOut(total).trimStart() : '';
  const out = [head];
  let used = bytes(head);
  for (const piece of pieces) {
    const size = bytes(piece);
    if (used + size + reserve > maxBytes) break;
    out.push(piece);
    used += size;
  }
  out.push(leftOut(total - (out.length - 1)));
  return out.join('');
}
