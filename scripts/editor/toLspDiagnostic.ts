/**
 * reflib's diagnostics as LSP diagnostics: same rule (as `code`), severity,
 * position and message as `validate` prints, the hint on the next line, the
 * related places, and the finding's data for the quick fixes.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostic';
import { toRange, uriOf } from './navigate';

/** Every LSP diagnostic reflib publishes says it comes from reflib. */
export const SOURCE = 'reflib';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
// The rule pages ship beside the code (docs/rules/<id>.md): from scripts/editor/ or lib/editor/ alike.
const RULE_DOCS = path.resolve(__dirname, '../../docs/rules');
const docsKnown = new Map<string, string | undefined>();

function ruleDoc(rule: string): string | undefined {
  if (!docsKnown.has(rule)) {
    const file = path.join(RULE_DOCS, `${rule}.md`);
    docsKnown.set(rule, existsSync(file) ? pathToFileURL(file).href : undefined);
  }
  return docsKnown.get(rule);
}

/** The data a published diagnostic carries: the rule and the finding's own facts (suggested IDs, reference keys). */
export interface DiagnosticData {
  rule: string;
  [fact: string]: string | number | boolean;
}

/** Converts one diagnostic; `root` makes the related places' URIs. */
export function toLspDiagnostic(d: Diagnostic, root: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(d),
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: SOURCE,
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    data: { ...d.data, rule: d.rule } satisfies DiagnosticData,
  };
  const href = ruleDoc(d.rule);
  if (href) out.codeDescription = { href };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri: uriOf(root, r.file), range: toRange(r) }, message: r.message }));
  return out;
}
