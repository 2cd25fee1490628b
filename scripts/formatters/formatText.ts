/**
 * The human format: diagnostics grouped by file (one file holds one entry),
 * each with a code frame and a hint at the fix.
 */
import { inspect } from 'node:util';
import type { Diagnostic, Severity } from '../core/diagnostic';
import type { FormatOptions, Formatter } from '../pipeline/runResult';
import { plural } from '../core/countWords';

type Style = 'red' | 'yellow' | 'blue' | 'gray' | 'cyan' | 'green' | 'underline';

// util.styleText would decide on its own whether the stream takes colour; the CLI decides.
const ansi = (style: Style, text: string) => {
  const [open, close] = inspect.colors[style] ?? [0, 0];
  return `\x1b[${open}m${text}\x1b[${close}m`;
};

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

/** A few lines of source around the span, with the span underlined. */
/** How many characters of a long line a code frame shows before and from the column. */
const FRAME_BEFORE = 60;
const FRAME_AFTER = 100;

export function codeFrame(source: string | readonly string[], d: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>, paint: (s: Style, t: string) => string): string {
  const lines = typeof source === 'string' ? source.split(/\r?\n/) : source;
  const first = Math.max(1, d.line - 1);
  const last = Math.min(lines.length, d.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  // A long line is shown as a window around the column, so output stays proportionate to the findings.
  const from = Math.max(0, d.column - 1 - FRAME_BEFORE);
  const clip = (line: string) => {
    const shown = line.slice(from, from + FRAME_BEFORE + FRAME_AFTER);
    return `${from > 0 ? '…' : ''}${shown}${from + FRAME_BEFORE + FRAME_AFTER < line.length ? '…' : ''}`;
  };
  for (let n = first; n <= last; n++) {
    const raw = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const text = clip(raw);
    const mark = n === d.line ? paint('red', '>') : ' ';
    out.push(`  ${mark} ${paint('gray', String(n).padStart(width))} | ${text}`);
    if (n === d.line) {
      const end = d.endLine === d.line ? Math.max(d.endColumn, d.column + 1) : Math.max(raw.length + 1, d.column + 1);
      const start = d.column - from + (from > 0 ? 1 : 0);
      const carets = Math.min(end - d.column, FRAME_BEFORE + FRAME_AFTER);
      out.push(`    ${' '.repeat(width)} | ${' '.repeat(start - 1)}${paint('red', '^'.repeat(carets))}`);
    }
  }
  return out.join('\n');
}

/** Renders diagnostics for people, grouped by file. */
/**
 * Text from entries (a key, a file name) on one line: a line break in it
 * would let the next line start with `::warning …` or `##[…]`, which CI
 * runners read as commands (GitHub Actions prints a step's output as is).
 */
export const oneLine = (s: string): string => s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ⏎ ');

export const formatText: Formatter = (result, options: FormatOptions) => {
  const paint = (style: Style, text: string) => (options.color ? ansi(style, text) : text);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const out: string[] = [];
  for (const [rawFile, list] of byFile) {
    const file = oneLine(rawFile);
    const entry = list.find((d) => d.entry)?.entry;
    out.push(paint('underline', file) + (entry ? paint('gray', `  (entry ${entry})`) : ''));
    const source = result.sources.get(rawFile);
    const lines = source?.split(/\r?\n/);
    for (const d of list) {
      out.push(`  ${d.line}:${d.column}  ${paint(SEVERITY_STYLE[d.severity], d.severity)}  ${oneLine(d.message)}  ${paint('gray', d.rule)}`);
      if (lines !== undefined) out.push(codeFrame(lines, d, paint));
      if (d.hint) out.push(`    ${paint('cyan', 'hint:')} ${oneLine(d.hint)}`);
      for (const r of d.related ?? []) out.push(`    ${paint('gray', `see ${oneLine(r.file)}:${r.line}:${r.column}: ${oneLine(r.message)}`)}`);
      out.push('');
    }
  }
  const { errors, warnings, infos, files } = result.summary;
  const total = errors + warnings + infos;
  if (total === 0) out.push(paint('green', `✔ ${plural(files, 'file')} checked, no problems`));
  else {
    const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
    if (infos) parts.push(`${infos} info`);
    out.push(paint(errors ? 'red' : 'yellow', `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}`));
  }
  return out.join('\n') + '\n';
};
