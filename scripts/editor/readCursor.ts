/**
 * What the text around a cursor is, read from the text itself rather than
 * from a parse: while an editor types `related: [` the YAML does not parse,
 * and that is exactly when completion is asked for. Line-based on purpose:
 * entries are block YAML with link fields at the top level (linkFields.ts).
 */
import type { Kind } from '../core/loadSchemas';
import { linkFields } from '../graph/linkFields';

/** A range of offsets in the document's text, end exclusive. */
export type OffsetRange = readonly [number, number];

export type CursorContext =
  /** In a link field's value (`kinds`: what it accepts) or inside `[[…]]` (`kinds` undefined: any kind). */
  | { type: 'link'; field?: string; kinds?: readonly Kind[]; replace: OffsetRange; partial: string }
  /** Inside a `cite:` list. */
  | { type: 'cite'; replace: OffsetRange; partial: string }
  /** After `pmid:` in a reference. */
  | { type: 'pmid'; replace: OffsetRange; partial: string };

/** How much may be typed after `[[` (an ID, or words of a title) for it to be a link being typed. */
const MAX_INLINE_TYPED = 60;
const TOP_KEY = /^([A-Za-z_][\w-]*)[ \t]*:(.*)$/;
const ID_CHARS = /[\w.-]/;

/** The entry's kind, read from its `kind:` line. */
export function kindInText(text: string): string | undefined {
  // A byte-order mark may stand before the first line (parseEntry strips it too).
  return /^\uFEFF?kind:[ \t]*["']?([\w-]+)/m.exec(text)?.[1];
}

/** The entry's own ID, read from its `id:` line. */
export function idInText(text: string): string | undefined {
  return /^\uFEFF?id:[ \t]*["']?([0-9a-f]{8})\b/m.exec(text)?.[1];
}

/** The word (letters, digits, `_`, `.`, `-`) around an offset, as offsets. */
export function wordAt(text: string, offset: number): OffsetRange {
  let start = offset;
  while (start > 0 && ID_CHARS.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && ID_CHARS.test(text[end])) end++;
  return [start, end];
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Whether `before` (a line up to the cursor) ends inside a comment. */
function inComment(before: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || before[i - 1] === ' ' || before[i - 1] === '\t')) return true;
  }
  return false;
}

/** The top-level key whose value holds the line starting at `lineStart`, and where that key's line starts. */
function governingKey(text: string, lineStart: number): { key: string; at: number } | undefined {
  let at = lineStart;
  for (;;) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end).replace(/\r$/, '');
    const m = TOP_KEY.exec(line);
    if (m) return { key: m[1], at };
    // Another top-level thing (a document marker, a stray scalar): no key governs.
    if (line.length > 0 && !/^[ \t#-]/.test(line)) return undefined;
    if (at === 0) return undefined;
    at = lineStartOf(text, at - 1);
  }
}

/** Whether the cursor, at the end of `before`, is inside a `cite:` list. */
function inCiteList(text: string, lineStart: number, before: string): boolean {
  const flow = before.lastIndexOf('cite:');
  if (flow !== -1 && /^cite:[ \t]*\[[^\]]*$/.test(before.slice(flow))) return true;
  // A block list: `- key` lines under a `cite:` line indented less.
  const item = /^([ \t]*)-[ \t]*[\w.-]*$/.exec(before);
  if (!item || lineStart === 0) return false;
  const indent = item[1].length;
  let at = lineStartOf(text, lineStart - 1);
  for (;;) {
    const line = text.slice(at, text.indexOf('\n', at)).replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(line)![0].length;
    if (line.trim() !== '' && !(lead === indent && line.trimStart().startsWith('-'))) {
      return lead <= indent && /^[ \t]*(-[ \t]+)?cite:[ \t]*(#.*)?$/.test(line);
    }
    if (at === 0) return false;
    at = lineStartOf(text, at - 1);
  }
}

/** Reads what the cursor at `offset` is in, for completion; undefined when it is in nothing reflib completes. */
export function readCursor(text: string, offset: number): CursorContext | undefined {
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  if (inComment(before)) return undefined;
  const [start, end] = wordAt(text, offset);
  const partial = text.slice(start, offset);

  const open = before.lastIndexOf('[[');
  // A `[[` far back is an unclosed bracket in prose, not a link being typed (a title search is a few words).
  if (open !== -1 && before.length - open <= MAX_INLINE_TYPED && !before.slice(open).includes(']]')) {
    // Spaces after `[[` are not part of what is typed: a client filters its items by the replaced text.
    let from = lineStart + open + 2;
    while (from < offset && (text[from] === ' ' || text[from] === '\t')) from++;
    // The ID being typed, up to the cursor and on past ID characters only: never the prose or quote after it.
    let to = offset;
    while (to < text.length && /[0-9A-Za-z]/.test(text[to])) to++;
    return { type: 'link', replace: [from, to], partial: text.slice(from, offset).trim() };
  }
  if (/^[ \t]*(-[ \t]+)?pmid:[ \t]*["']?\d*$/.test(before)) return { type: 'pmid', replace: [start, end], partial };
  if (inCiteList(text, lineStart, before)) return { type: 'cite', replace: [start, end], partial };

  const governing = governingKey(text, lineStart);
  if (!governing) return undefined;
  const field = linkFields().get(kindInText(text) as Kind)?.find((f) => f.field === governing.key);
  if (!field) return undefined;
  // On the key's own line, only after the colon.
  if (governing.at === lineStart && !/^[A-Za-z_][\w-]*[ \t]*:/.test(before)) return undefined;
  return { type: 'link', field: field.field, kinds: field.kinds, replace: [start, end], partial };
}

/** The 8-hex entry ID under the cursor, if the cursor is on one, with its offsets. */
export function idAt(text: string, offset: number): { id: string; range: OffsetRange } | undefined {
  const [start, end] = wordAt(text, offset);
  const word = text.slice(start, end);
  return /^[0-9a-f]{8}$/.test(word) ? { id: word, range: [start, end] } : undefined;
}

/** The PMID under the cursor on a `pmid:` line, with its offsets. */
export function pmidAt(text: string, offset: number): { pmid: string; range: OffsetRange } | undefined {
  const lineStart = lineStartOf(text, offset);
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const m = /^([ \t]*(?:-[ \t]+)?pmid:[ \t]*["']?)(\d+)/.exec(line);
  if (!m) return undefined;
  const from = lineStart + m[1].length;
  const to = from + m[2].length;
  return offset >= from && offset <= to ? { pmid: m[2], range: [from, to] } : undefined;
}
