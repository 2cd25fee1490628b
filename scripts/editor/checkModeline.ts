/**
 * The modeline hint: an entry's first line names its kind's schema for
 * yaml-language-server (`# yaml-language-server: $schema=…`), which is what
 * gives field completion and hover. It matters only in an editor, so it is
 * the server's hint (rule `modeline`, LSP severity Hint), not a `validate`
 * rule: `validate` reads `kind:` and needs no modeline.
 */
import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { KINDS, type Kind } from '../core/loadSchemas';
import { SOURCE, type DiagnosticData } from './toLspDiagnostic';
import { kindInText } from './readCursor';

const MODELINE = /^#[ \t]*yaml-language-server:[ \t]*\$schema=(\S+)/;

/** The modeline an entry of `kind` at `rel` (root-relative) should have: the schema under the root's schemas/, relative to the file. */
export function expectedModeline(rel: string, kind: Kind): string {
  const schema = path.posix.relative(path.posix.dirname(rel), `schemas/${kind}.schema.json`);
  return `# yaml-language-server: $schema=${schema}`;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** A hint when the first line is not a modeline for the entry's kind; data.modeline is the line to write. */
export function checkModeline(rel: string, text: string): LspDiagnostic | undefined {
  const kind = kindInText(text) as Kind | undefined;
  if (!kind || !KINDS.includes(kind)) return undefined;
  const first = text.slice(0, (text.indexOf('\n') + 1 || text.length + 1) - 1).replace(/\r$/, '');
  // After a byte-order mark, if any: reflib reads such files as if it were not there (parseEntry strips it).
  const named = MODELINE.exec(first.replace(/^\uFEFF/, ''))?.[1];
  const expected = expectedModeline(rel, kind);
  if (named && path.posix.basename(named) === `${kind}.schema.json`) return undefined;
  const data: DiagnosticData = { rule: 'modeline', modeline: expected, replace: named !== undefined };
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } },
    severity: DiagnosticSeverity.Hint,
    code: 'modeline',
    source: SOURCE,
    message: named
      ? `the modeline names ${path.posix.basename(named)}, but this entry is ${article(kind)} ${kind}\nWrite \`${expected}\` on the first line, so the editor completes the fields of ${article(kind)} ${kind}.`
      : `no modeline: the editor cannot tell which schema this ${kind} follows\nAdd \`${expected}\` as the first line, for field completion and descriptions on hover.`,
    data,
  };
}
