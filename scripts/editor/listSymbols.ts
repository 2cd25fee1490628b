/**
 * Document symbols: an entry's outline. Each top-level field, with list
 * items under it named by what identifies them (a reference's key, a
 * caveat's type, a linked entry's title). Parsed from the document's current
 * text, so the outline follows typing even while the YAML has errors.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { titleOf, type LinkGraph } from '../graph/buildLinkGraph';
import { YAML_OPTIONS } from '../core/sourceFile';

const PREVIEW = 60;
/** The fields that name a list item in the outline, first found wins. */
const NAMING_FIELDS = ['key', 'name', 'title', 'form', 'type', 'population', 'claim', 'party'];

function preview(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  const s = String(value).replace(/\s+/g, ' ').trim();
  return s.length > PREVIEW ? `${s.slice(0, PREVIEW - 1)}…` : s;
}

function rangeOf(doc: TextDocument, node: { range?: [number, number, number] | null } | null | undefined, fallback: Range): Range {
  if (!node?.range) return fallback;
  return { start: doc.positionAt(node.range[0]), end: doc.positionAt(node.range[1]) };
}

function kindOf(node: unknown): SymbolKind {
  if (isSeq(node)) return SymbolKind.Array;
  if (isMap(node)) return SymbolKind.Object;
  if (isScalar(node) && typeof node.value === 'number') return SymbolKind.Number;
  return SymbolKind.String;
}

function itemSymbol(doc: TextDocument, item: unknown, index: number, graph: LinkGraph | undefined, parent: Range): DocumentSymbol | undefined {
  const node = item as Node;
  const range = rangeOf(doc, node, parent);
  if (isScalar(node)) {
    const value = String(node.value ?? '');
    const target = graph?.byId.get(value);
    return { name: value || `[${index}]`, detail: target ? titleOf(target) : undefined, kind: target ? SymbolKind.Key : SymbolKind.String, range, selectionRange: range };
  }
  if (!isMap(node)) return undefined;
  const json = node.toJSON() as Record<string, unknown>;
  const naming = NAMING_FIELDS.find((f) => preview(json[f]));
  const name = naming ? preview(json[naming])! : `[${index}]`;
  const detail = preview(json.title !== undefined && naming !== 'title' ? json.title : json.text);
  return { name, detail, kind: SymbolKind.Object, range, selectionRange: range };
}

function pairSymbol(doc: TextDocument, pair: Pair, graph: LinkGraph | undefined): DocumentSymbol | undefined {
  const key = pair.key as Node | null;
  if (!isScalar(key) || !key.range) return undefined;
  const keyRange = rangeOf(doc, key, { start: doc.positionAt(0), end: doc.positionAt(0) });
  const value = pair.value as Node | null;
  const end = value?.range ? doc.positionAt(value.range[1]) : keyRange.end;
  const range = { start: keyRange.start, end };
  const symbol: DocumentSymbol = { name: String(key.value), kind: kindOf(value), range, selectionRange: keyRange };
  if (isScalar(value)) {
    const target = graph?.byId.get(String(value.value));
    symbol.detail = target && String(key.value) !== 'id' ? `${preview(value.value)} · ${titleOf(target) ?? ''}` : preview(value.value);
  } else if (isSeq(value)) {
    symbol.children = value.items.map((item, i) => itemSymbol(doc, item, i, graph, range)).filter((s): s is DocumentSymbol => s !== undefined);
    symbol.detail = `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
  } else if (isMap(value)) {
    symbol.children = value.items.map((p) => (isPair(p) ? pairSymbol(doc, p as Pair, graph) : undefined)).filter((s): s is DocumentSymbol => s !== undefined);
  }
  return symbol;
}

/** The outline of an entry document. */
export function listSymbols(doc: TextDocument, graph?: LinkGraph): DocumentSymbol[] {
  const parsed = parseDocument(doc.getText(), YAML_OPTIONS);
  if (!isMap(parsed.contents)) return [];
  return parsed.contents.items.map((p) => pairSymbol(doc, p as Pair, graph)).filter((s): s is DocumentSymbol => s !== undefined);
}
