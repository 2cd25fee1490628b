/**
 * Quick fixes for the findings that have one fix. Each is computed from the
 * document's current text, so a fix asked for with a diagnostic from a
 * moment ago still edits the right place (or is not offered).
 */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { YAML_OPTIONS } from '../core/sourceFile';
import { placeholder } from '../model/placeholders';
import { titleOf, type LinkGraph } from '../graph/buildLinkGraph';
import type { DiagnosticData } from './toLspDiagnostic';

type Data = Partial<DiagnosticData>;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line holding `offset - 1` (its newline included), or the text's end. */
function afterLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The text's line ending, for the lines a fix writes: a CRLF file stays CRLF. */
function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function edit(doc: TextDocument, from: number, to: number, newText: string): TextEdit {
  return { range: { start: doc.positionAt(from), end: doc.positionAt(to) }, newText };
}

function action(doc: TextDocument, title: string, diagnostic: LspDiagnostic, edits: TextEdit[], preferred = true): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [doc.uri]: edits } } };
}

/** Replaces the link target inside the diagnostic's range with another ID. */
function relink(doc: TextDocument, d: LspDiagnostic, target: string, replacement: string, title: string): CodeAction | undefined {
  const from = doc.offsetAt(d.range.start);
  const to = doc.offsetAt(d.range.end);
  const at = doc.getText().slice(from, to).indexOf(target);
  if (at === -1 || !/^[0-9a-f]{8}$/.test(replacement)) return undefined;
  return action(doc, title, d, [edit(doc, from + at, from + at + target.length, replacement)]);
}

function topLevel(parsed: Document.Parsed, key: string): { map: YAMLMap; value: Node | null; keyNode: Node } | undefined {
  if (!isMap(parsed.contents)) return undefined;
  const pair = parsed.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair ? { map: parsed.contents, value: pair.value as Node | null, keyNode: pair.key as Node } : undefined;
}

/** Adds a funding caveat that cites the reference and names its sponsor, its text a placeholder for the editor to write. */
function addFundingCaveat(doc: TextDocument, d: LspDiagnostic, data: Data): CodeAction | undefined {
  const reference = String(data.reference ?? '');
  if (!/^[\w.-]+$/.test(reference)) return undefined;
  const party = typeof data.tie === 'string' ? data.tie : typeof data.sponsor === 'string' ? data.sponsor : undefined;
  const text = doc.getText();
  const eol = eolOf(text);
  const parsed = parseDocument(text, YAML_OPTIONS);
  const line = JSON.stringify(placeholder(`say that ${party ?? 'the sponsor'} funded or has a stake in ${reference}, in words a reader understands`));
  const item = (indent: string) => `${indent}- type: funding${eol}${indent}  text: ${line}${eol}${indent}  cite: [${reference}]${eol}`;
  const caveats = topLevel(parsed, 'caveats');
  let change: TextEdit;
  if (caveats && isSeq(caveats.value) && caveats.value.items.length > 0 && !caveats.value.flow && caveats.value.range) {
    const first = caveats.value.items[0] as Node;
    const dash = /^([ \t]*)-/.exec(text.slice(lineStart(text, first.range![0])))?.[1] ?? '  ';
    const at = afterLine(text, caveats.value.range[1]);
    change = edit(doc, at, at, `${at === text.length && !text.endsWith('\n') ? eol : ''}${item(dash)}`);
  } else if (!caveats) {
    // Before references:, where `reflib fmt` puts caveats; else at the end.
    const refs = topLevel(parsed, 'references');
    const at = refs?.keyNode.range ? lineStart(text, refs.keyNode.range[0]) : text.length;
    change = edit(doc, at, at, `${at === text.length && text && !text.endsWith('\n') ? eol : ''}caveats:${eol}${item('  ')}`);
  } else return undefined;
  return action(doc, `Add a funding caveat citing ${reference}${party ? ` that names ${party}` : ''}`, d, [change]);
}

/** Removes the reference with the key, its lines whole. */
function removeReference(doc: TextDocument, d: LspDiagnostic, data: Data): CodeAction | undefined {
  const key = String(data.reference ?? '');
  const text = doc.getText();
  const parsed = parseDocument(text, YAML_OPTIONS);
  const refs = topLevel(parsed, 'references');
  if (!refs || !isSeq(refs.value) || refs.value.flow) return undefined;
  const items = refs.value.items as Node[];
  const index = items.findIndex((n) => isMap(n) && n.get('key') === key);
  if (index === -1 || !items[index].range) return undefined;
  const node = items[index];
  let change: TextEdit;
  if (items.length === 1) {
    // The list would be empty: write it as [] rather than leave a null.
    const from = refs.keyNode.range![1];
    const colon = text.indexOf(':', from);
    change = edit(doc, from, afterLine(text, refs.value.range![1]), `${text.slice(from, colon)}: []${eolOf(text)}`);
  } else {
    const end = index + 1 < items.length ? lineStart(text, items[index + 1].range![0]) : afterLine(text, node.range![1]);
    change = edit(doc, lineStart(text, node.range![0]), end, '');
  }
  return action(doc, `Remove the unused reference ${key}`, d, [change], false);
}

/** Writes or replaces the modeline on the first line. */
function fixModeline(doc: TextDocument, d: LspDiagnostic, data: Data): CodeAction | undefined {
  const line = String(data.modeline ?? '');
  if (!line.startsWith('# yaml-language-server:')) return undefined;
  const text = doc.getText();
  // After a byte-order mark: one written before it would end up inside the first key.
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const firstEnd = data.replace ? afterLine(text, 0) : start;
  return action(doc, data.replace ? 'Correct the modeline' : 'Add the modeline', d, [edit(doc, start, firstEnd, `${line}${eolOf(text)}`)]);
}

/** The quick fixes for the diagnostics a client asks about. */
export function quickFixes(doc: TextDocument, diagnostics: readonly LspDiagnostic[], graph: LinkGraph | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  const named = (id: string) => {
    const entry = graph?.byId.get(id);
    return entry ? `${id} (${titleOf(entry) ?? 'untitled'})` : id;
  };
  for (const d of diagnostics) {
    const data = (d.data ?? {}) as Data;
    const target = typeof data.target === 'string' ? data.target : '';
    let fix: CodeAction | undefined;
    if (d.code === 'broken-link' && typeof data.suggestion === 'string') fix = relink(doc, d, target, data.suggestion, `Replace ${target} with ${named(data.suggestion)}`);
    else if (d.code === 'retired-link' && typeof data.replacement === 'string') fix = relink(doc, d, target, data.replacement, `Link the replacement ${named(data.replacement)}`);
    else if (d.code === 'coi-unsurfaced') fix = addFundingCaveat(doc, d, data);
    else if (d.code === 'unused-reference') fix = removeReference(doc, d, data);
    else if (d.code === 'modeline') fix = fixModeline(doc, d, data);
    if (fix) actions.push(fix);
  }
  return actions;
}
