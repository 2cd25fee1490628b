/** Shared inputs of the formatter tests: one diagnostic, a run result around it, and the step summary's Markdown read back. */
import type { Diagnostic } from '../../scripts/core/diagnostic';
import type { RunResult } from '../../scripts/pipeline/runResult';

/** An error in a file whose name needs escaping everywhere: a comma and a space. */
export const d: Diagnostic = {
  file: 'entries/a, b.yaml',
  line: 2,
  column: 1,
  endLine: 2,
  endColumn: 7,
  severity: 'error',
  rule: 'schema',
  message: 'unknown field "sumary"',
  hint: 'Did you mean "summary"?',
  entry: '3ca17b72',
};

/** A run result holding `diagnostics`, with counts that match them and the source of `d`'s file. */
export const result = (diagnostics: Diagnostic[]): RunResult => ({
  diagnostics,
  summary: { files: 3, entries: 3, errors: diagnostics.filter((x) => x.severity === 'error').length, warnings: diagnostics.filter((x) => x.severity === 'warning').length, infos: 0, suppressed: 0 },
  sources: new Map([['entries/a, b.yaml', 'id: 3ca17b72\nsumary: x\nkind: topic\n']]),
});

/** Undoes the step summary's Markdown escaping of a message. */
export const unescapeMarkdown = (s: string) =>
  s
    .replace(/<br>/g, '\n')
    .replace(/\\([\\`*_[\]()#!|~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
