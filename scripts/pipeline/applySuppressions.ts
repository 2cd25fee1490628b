/**
 * Inline suppressions: a comment line
 *
 *   # reflib-disable-next-line orphan -- linked from the app's home screen
 *
 * silences the named rules (comma-separated) for findings that start on the
 * next line. A reason after `--` is required. A suppression without a reason,
 * naming an unknown rule, or matching nothing is itself reported.
 */
import type { Finding } from '../core/diagnostic';
import { LOCKED_RULES } from './rules';
import { closest } from '../core/suggest';

const MARKER = 'reflib-disable-next-line';
const DIRECTIVE = /^(\s*#\s*)reflib-disable-next-line\b(.*)$/;

interface Suppression {
  file: string;
  /** The line the comment is on; it applies to line + 1. */
  line: number;
  column: number;
  length: number;
  rules: string[];
  used: Set<string>;
}

export interface SuppressionResult {
  kept: Finding[];
  /** How many findings were suppressed. */
  suppressed: number;
  /** `suppression` and `unused-suppression` findings. */
  problems: Finding[];
}

/** Which rules a directive may not silence: the suppression rules themselves, and those for files that could not be read. */
const UNSUPPRESSIBLE: ReadonlySet<string> = new Set(['suppression', 'unused-suppression', ...LOCKED_RULES]);

/**
 * The lines of `text` that hold the marker, each as [1-based line number,
 * line text]: the lines `text.split(/\r?\n/)` would give, found without
 * splitting. Most files have no suppression at all, and splitting every file
 * of a large library into lines was most of this stage's time.
 */
function markedLines(text: string): [number, string][] {
  const out: [number, string][] = [];
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf(MARKER); at !== -1; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    for (let i = text.indexOf('\n', counted); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline;
    // split(/\r?\n/) drops a \r only before a \n.
    out.push([line, text.slice(start, newline !== -1 && text[end - 1] === '\r' ? end - 1 : end)]);
    if (newline === -1) break;
    counted = start;
    at = text.indexOf(MARKER, newline + 1);
  }
  return out;
}

/** Whether each file's text had the marker, by path, with the text it was for (see hasMarker). */
const marked = new Map<string, { text: string; has: boolean }>();
/** Paths remembered at most; a process that sees more starts again. */
const MAX_MARKED = 200_000;

/**
 * Whether a text holds a suppression comment. Remembered by path while the
 * text is the same string: an editor session re-checks after every edit,
 * and scanning every file of a large library for the marker each time
 * would cost more than the rest of the suppression step.
 */
function hasMarker(file: string, text: string): boolean {
  const known = marked.get(file);
  if (known && known.text === text) return known.has;
  if (marked.size >= MAX_MARKED) marked.clear();
  const has = text.includes(MARKER);
  marked.set(file, { text, has });
  return has;
}

/** Finds the suppression comments in each file, applies them, and reports bad or unused ones. */
export function applySuppressions(findings: readonly Finding[], sources: ReadonlyMap<string, string>, ruleIds: readonly string[]): SuppressionResult {
  const problems: Finding[] = [];
  // By file, then by the line they apply to.
  const byFile = new Map<string, Map<number, Suppression>>();
  for (const [file, text] of sources) {
    if (!hasMarker(file, text)) continue;
    for (const [line, lineText] of markedLines(text)) {
      const m = DIRECTIVE.exec(lineText);
      if (!m) continue;
      const column = m[1].length + 1;
      const span = { file, line, column, endLine: line, endColumn: lineText.length + 1 };
      const [ruleText, ...reasonParts] = m[2].split('--');
      const reason = reasonParts.join('--').trim();
      const rules = ruleText.split(',').map((r) => r.trim()).filter(Boolean);
      if (rules.length === 0 || !reason) {
        problems.push({ ...span, rule: 'suppression', message: rules.length ? 'a suppression needs a reason' : 'a suppression must name the rules it silences', hint: 'Write: # reflib-disable-next-line <rule> -- <why this finding is acceptable>' });
        continue;
      }
      for (const r of rules.filter((r) => UNSUPPRESSIBLE.has(r))) {
        problems.push({ ...span, rule: 'suppression', message: `"${r}" cannot be suppressed`, hint: 'Fix or remove the suppression comment instead.' });
      }
      for (const r of rules.filter((r) => !ruleIds.includes(r))) {
        const guess = closest(r, ruleIds);
        problems.push({ ...span, rule: 'suppression', message: `cannot suppress "${r}": no such rule`, hint: guess ? `Did you mean "${guess}"?` : 'The rules are listed in the README.' });
      }
      let lines = byFile.get(file);
      if (!lines) byFile.set(file, (lines = new Map()));
      lines.set(line + 1, { file, line, column, length: lineText.length, rules: rules.filter((r) => ruleIds.includes(r)), used: new Set() });
    }
  }
  if (byFile.size === 0) return { kept: [...findings], suppressed: 0, problems };
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of findings) {
    const s = byFile.get(f.file)?.get(f.line);
    if (s && s.rules.includes(f.rule) && !UNSUPPRESSIBLE.has(f.rule)) {
      s.used.add(f.rule);
      suppressed++;
    } else kept.push(f);
  }
  for (const lines of byFile.values()) {
    for (const s of lines.values()) {
      for (const r of s.rules.filter((r) => !s.used.has(r) && !UNSUPPRESSIBLE.has(r))) {
        problems.push({ file: s.file, line: s.line, column: s.column, endLine: s.line, endColumn: s.length + 1, rule: 'unused-suppression', message: `nothing on line ${s.line + 1} is reported by ${r}`, hint: 'Remove the suppression: the finding it silenced is gone.' });
      }
    }
  }
  return { kept, suppressed, problems };
}
