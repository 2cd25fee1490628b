/**
 * Completion: entry IDs in link fields and inside `[[…]]`, citation keys
 * inside `cite: [...]`, and the lock's PMIDs after `pmid:`. Each ID comes
 * with its title, kind and status, so nobody needs to know an ID by heart:
 * the items filter on the title as well as the ID.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { statusOf, titleOf, type LinkGraph } from '../graph/buildLinkGraph';
import type { LoadedEntry } from '../load/parseEntry';
import { provenanceLevel, type PubmedLock } from '../citations/lockRecord';
import { describeCitation } from './describeEntry';
import { idInText, readCursor, type OffsetRange } from './readCursor';

/** At most this many items in one answer; the list is then marked incomplete, and typing narrows it. */
export const MAX_ITEMS = 200;

/** What completion needs from the last check. */
export interface CompletionSource {
  graph: LinkGraph;
  lock: PubmedLock;
}

// Published entries first: linking to anything else is reported (unpublished-link).
const STATUS_ORDER: Record<string, string> = { published: '0', review: '1', draft: '2' };

function summaryOf(entry: LoadedEntry): string | undefined {
  const s = (entry.data as { summary?: unknown } | null)?.summary;
  return typeof s === 'string' ? s : undefined;
}

function rangeOf(doc: TextDocument, [from, to]: OffsetRange) {
  return { start: doc.positionAt(from), end: doc.positionAt(to) };
}

function linkItems(doc: TextDocument, source: CompletionSource, kinds: readonly string[] | undefined, replace: OffsetRange, partial: string): CompletionList {
  const own = idInText(doc.getText());
  const needle = partial.toLowerCase();
  const items: CompletionItem[] = [];
  let incomplete = false;
  for (const [id, entry] of source.graph.byId) {
    const status = statusOf(entry) ?? 'unknown';
    // Retired entries are left out: a link to one is reported (retired-link); its replacement is offered instead.
    if (status === 'retired' || id === own) continue;
    if (kinds && !kinds.includes(entry.kind as string)) continue;
    const title = titleOf(entry) ?? '(untitled)';
    if (needle && !id.startsWith(needle) && !title.toLowerCase().includes(needle)) continue;
    if (items.length === MAX_ITEMS) {
      incomplete = true;
      break;
    }
    const summary = summaryOf(entry);
    items.push({
      label: id,
      labelDetails: { detail: ` ${title}`, description: `${entry.kind} · ${status}` },
      kind: CompletionItemKind.Reference,
      detail: `${title} (${entry.kind} · ${status})`,
      documentation: { kind: MarkupKind.Markdown, value: `**${title}**\n\n${entry.kind} · ${status}${summary ? `\n\n${summary}` : ''}` },
      filterText: `${id} ${title}`,
      sortText: `${STATUS_ORDER[status] ?? '3'}${title.toLowerCase()}`,
      textEdit: { range: rangeOf(doc, replace), newText: id },
    });
  }
  return { isIncomplete: incomplete, items };
}

/** The reference keys defined in the text's `references:` block, read line by line (the text may not parse). */
export function referenceKeysInText(text: string): string[] {
  const block = /^references:[^\n]*\n((?:[ \t#-][^\n]*\n?|\n)*)/m.exec(text)?.[1] ?? '';
  return [...block.matchAll(/^[ \t]*(?:-[ \t]+)?key:[ \t]*["']?([\w.-]+)/gm)].map((m) => m[1]);
}

function citeItems(doc: TextDocument, parsed: LoadedEntry | undefined, replace: OffsetRange): CompletionList {
  const refs = ((parsed?.data as { references?: Record<string, unknown>[] } | undefined)?.references ?? []).filter((r) => r && typeof r === 'object');
  const items = referenceKeysInText(doc.getText()).map((key): CompletionItem => {
    const ref = refs.find((r) => r.key === key);
    const title = typeof ref?.title === 'string' ? ref.title : undefined;
    const by = [ref?.first_author, ref?.year].filter((x) => typeof x === 'string' || typeof x === 'number').join(' ');
    return {
      label: key,
      kind: CompletionItemKind.Field,
      detail: [by, title].filter(Boolean).join(': ') || undefined,
      textEdit: { range: rangeOf(doc, replace), newText: key },
    };
  });
  return { isIncomplete: false, items };
}

function pmidItems(doc: TextDocument, lock: PubmedLock, replace: OffsetRange, partial: string): CompletionList {
  const items: CompletionItem[] = [];
  for (const record of Object.values(lock.records)) {
    if (!record.pmid.startsWith(partial) || record.status !== 'found') continue;
    items.push({
      label: record.pmid,
      kind: CompletionItemKind.Value,
      detail: describeCitation(record),
      labelDetails: { description: provenanceLevel(record) },
      textEdit: { range: rangeOf(doc, replace), newText: record.pmid },
    });
  }
  return { isIncomplete: false, items };
}

/** Completion at `offset` in `doc`; `parsed` is the document's entry as last parsed, if it parsed. */
export function completeAt(doc: TextDocument, offset: number, source: CompletionSource, parsed?: LoadedEntry): CompletionList {
  const cursor = readCursor(doc.getText(), offset);
  if (!cursor) return { isIncomplete: false, items: [] };
  if (cursor.type === 'link') return linkItems(doc, source, cursor.kinds, cursor.replace, cursor.partial);
  if (cursor.type === 'cite') return citeItems(doc, parsed, cursor.replace);
  return pmidItems(doc, source.lock, cursor.replace, cursor.partial);
}
