/**
 * Navigation over the link index: hover on an ID or a PMID, go to an ID's
 * entry (or a cite key's reference), find the links into an entry
 * (backlinks). Everything is read from the last check; the cursor is read
 * from the document's current text.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MarkupKind, type Hover, type Location, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../core/diagnostic';
import { locateInString, locatePointer } from '../core/locatePointer';
import type { Link, LinkGraph } from '../graph/buildLinkGraph';
import type { PubmedLock } from '../citations/lockRecord';
import { describeEntry, describePmid } from './describeEntry';
import { idAt, idInText, pmidAt, readCursor, wordAt, type OffsetRange } from './readCursor';

/** What navigation needs from the last check. */
export interface NavigationSource {
  root: string;
  graph: LinkGraph;
  lock: PubmedLock;
}

/** A 1-based span as an LSP range (0-based; columns in UTF-16 code units on both sides). */
export function toRange(span: Span): Range {
  return { start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn - 1 } };
}

/** The file URI of a root-relative path. */
export function uriOf(root: string, rel: string): string {
  return pathToFileURL(path.join(root, rel)).href;
}

function rangeIn(doc: TextDocument, [from, to]: OffsetRange): Range {
  return { start: doc.positionAt(from), end: doc.positionAt(to) };
}

/** Hover on an entry ID (title, status, summary) or on a PMID (citation and verification level). */
export function hoverAt(doc: TextDocument, offset: number, source: NavigationSource): Hover | null {
  const text = doc.getText();
  const pmid = pmidAt(text, offset);
  if (pmid) return { contents: { kind: MarkupKind.Markdown, value: describePmid(pmid.pmid, source.lock.records[pmid.pmid]) }, range: rangeIn(doc, pmid.range) };
  const id = idAt(text, offset);
  if (!id) return null;
  const entry = source.graph.byId.get(id.id);
  // Eight digits that no entry has but the lock does: a PMID written in prose or a flow mapping.
  if (!entry && /^\d+$/.test(id.id) && source.lock.records[id.id]) {
    return { contents: { kind: MarkupKind.Markdown, value: describePmid(id.id, source.lock.records[id.id]) }, range: rangeIn(doc, id.range) };
  }
  const backlinks = source.graph.incoming.get(id.id)?.length ?? 0;
  // The document's own ID while its text does not parse: the last check has no entry for it.
  const own = !entry && idInText(text) === id.id;
  const value = entry ? describeEntry(entry) : own ? `This entry's ID, \`${id.id}\`: ${backlinks === 1 ? '1 link points' : `${backlinks} links point`} here. Fix the problems in this file to see the rest.` : `No entry has ID \`${id.id}\`.`;
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeIn(doc, id.range) };
}

/** Where a link sits in its source file. */
export function locateLink(link: Link): Span {
  return link.range ? locateInString(link.source.file, link.pointer, link.range[0], link.range[1]) : locatePointer(link.source.file, link.pointer);
}

/** Go to definition: an ID opens its entry at its `id:`; a cite key goes to its reference's `key:`. */
export function definitionAt(doc: TextDocument, offset: number, source: NavigationSource): Location | null {
  const text = doc.getText();
  const id = idAt(text, offset);
  const entry = id && source.graph.byId.get(id.id);
  if (entry) return { uri: uriOf(source.root, entry.file.path), range: toRange(locatePointer(entry.file, '/id')) };
  if (readCursor(text, offset)?.type !== 'cite') return null;
  const [from, to] = wordAt(text, offset);
  const key = text.slice(from, to);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The whole key: `ods` is not the start of `ods-2` or `ods.gov` (\b would stop at `-` and `.`).
  const at = new RegExp(`^([ \\t]*(?:-[ \\t]+)?key:[ \\t]*["']?)${escaped}(?![\\w.-])`, 'm').exec(text);
  if (!key || !at) return null;
  const start = at.index + at[1].length;
  return { uri: doc.uri, range: rangeIn(doc, [start, start + key.length]) };
}

/** Find references: every link into the ID under the cursor (its backlinks), and its own `id:` if asked. */
export function referencesAt(doc: TextDocument, offset: number, source: NavigationSource, includeDeclaration: boolean): Location[] {
  const id = idAt(doc.getText(), offset);
  if (!id) return [];
  const locations = (source.graph.incoming.get(id.id) ?? []).map((link) => ({ uri: uriOf(source.root, link.source.file.path), range: toRange(locateLink(link)) }));
  const entry = source.graph.byId.get(id.id);
  if (includeDeclaration && entry) locations.unshift({ uri: uriOf(source.root, entry.file.path), range: toRange(locatePointer(entry.file, '/id')) });
  return locations;
}
