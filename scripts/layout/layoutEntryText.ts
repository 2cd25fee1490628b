/**
 * The canonical layout of an entry file, as a pure function of its text:
 * keys in the schema's order, two-space indentation, quoting only where YAML
 * needs it, long prose as folded blocks at 80 columns, short lists of plain
 * values on one line, LF line endings and no byte-order mark. Only layout
 * changes: the data, every scalar's type and every plain scalar's text stay
 * as written, comments are kept, and a yaml-language-server modeline on
 * line 1 stays there. Idempotent.
 */
import { type Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import { loadSchemas, schemaAjv, schemaId } from '../core/loadSchemas';
import { deref, type Located } from '../core/resolveRef';
import { stripBom } from '../load/parseEntry';
import { keepPlainSourceText } from './keepPlainSourceText';

/** Prose longer than this becomes a folded block. */
export const FOLD_AT = 80;

/**
 * Why a text is left as it is: it does not parse or the loader warns about it
 * (`yaml`), or it holds no data to lay out, being `empty` (blank) or
 * `comment-only` (only comments, blank lines or document markers). Such text
 * must never be rewritten.
 */
export type Refusal = 'yaml' | 'empty' | 'comment-only';

/** The formatted text, or why the text must be left as it is (`error` says so in words for the user). */
export type FormatResult = { ok: true; text: string } | { ok: false; reason: Refusal; error: string };

type Schema = Record<string, unknown>;

/** Whether an if/then branch's `if` (only `properties: {x: {const}}` is used in our schemas) matches the data. */
function branchMatches(condition: Schema | undefined, data: Record<string, unknown>): boolean {
  const props = (condition?.properties ?? {}) as Record<string, Schema>;
  return Object.entries(props).every(([k, v]) => !('const' in v) || data[k] === v.const);
}

/**
 * The property schemas of a mapping, in schema order: the if/then branch that
 * applies to this data first (a web reference's fields, say), then the rest.
 */
function propertySchemas(node: Located | undefined, data: Record<string, unknown>): Map<string, Located> {
  const out = new Map<string, Located>();
  if (!node) return out;
  const ajv = schemaAjv();
  const visit = (n: Located) => {
    const s = deref(ajv, n);
    for (const part of (s.schema.allOf ?? []) as Schema[]) {
      if (part.then && branchMatches(part.if as Schema, data)) visit({ schema: part.then as Schema, base: s.base });
    }
    for (const [k, v] of Object.entries((s.schema.properties ?? {}) as Record<string, Schema>)) if (!out.has(k)) out.set(k, { schema: v, base: s.base });
  };
  visit(node);
  return out;
}

function itemsSchema(node: Located | undefined): Located | undefined {
  if (!node) return undefined;
  const s = deref(schemaAjv(), node);
  return s.schema.items ? { schema: s.schema.items as Schema, base: s.base } : undefined;
}

/** The text a scalar is written as: a plain number keeps its source (`1e5`), a string is its value. */
function scalarText(item: Scalar): string {
  return typeof item.value !== 'string' && typeof item.source === 'string' ? item.source : String(item.value);
}

function isShortFlowList(seq: Node): boolean {
  if (!isSeq(seq) || seq.items.length === 0) return false;
  // An empty item (`-` alone) has no text to write between commas.
  const all = seq.items.every((i) => isScalar(i) && !i.commentBefore && !i.comment && scalarText(i) !== '' && (typeof i.value !== 'string' || !/[\n,#:[\]{}]/.test(i.value)));
  if (!all) return false;
  const width = seq.items.reduce<number>((n, i) => n + scalarText(i as Scalar).length + 2, 2);
  return width <= 60;
}

/**
 * The scalar values of a mapping's own keys: all that the schemas' if/then
 * conditions test. Unlike toJSON(), it never expands aliases.
 */
function shallowData(map: Node): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (!isMap(map)) return data;
  for (const pair of map.items) if (isScalar(pair.key) && isScalar(pair.value)) data[String(pair.key.value)] = pair.value.value;
  return data;
}

/** A yaml-language-server modeline: the comment editors read the schema from, on line 1. */
const MODELINE = /^\s*yaml-language-server:/;

/**
 * Keeps a modeline at the top whatever the key order. YAML attaches a comment
 * that sits right above the first key to that key, so sorting would carry it
 * down; the modeline lines at its start move to the mapping itself instead,
 * which prints before every key. Other comments stay with their key.
 */
function pinModeline(doc: Document): void {
  const map = doc.contents;
  if (!isMap(map) || map.items.length === 0) return;
  const key = map.items[0].key;
  if (!isNode(key) || !key.commentBefore) return;
  const lines = key.commentBefore.split('\n');
  let n = 0;
  while (n < lines.length && MODELINE.test(lines[n])) n++;
  if (n === 0) return;
  map.commentBefore = [map.commentBefore, ...lines.slice(0, n)].filter(Boolean).join('\n');
  key.commentBefore = n < lines.length ? lines.slice(n).join('\n') : undefined;
}

/** Applies the canonical layout to one node, recursively. */
function layout(node: Node | null | undefined, schema: Located | undefined): void {
  if (!node) return;
  if (isMap(node)) {
    // An empty mapping has no block form: it stays `{}` on its key's line.
    node.flow = node.items.length === 0;
    const props = propertySchemas(schema, shallowData(node));
    const order = [...props.keys()];
    const rank = (p: unknown) => {
      const key = isPair(p) && isScalar(p.key) ? String(p.key.value) : '';
      const i = order.indexOf(key);
      return i === -1 ? order.length : i;
    };
    // A stable sort: keys the schema does not know keep their relative order, at the end.
    node.items = node.items.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isScalar(pair.key)) pair.key.type = Scalar.PLAIN;
      layout(pair.value as Node, props.get(key));
    }
  } else if (isSeq(node)) {
    node.flow = node.items.length === 0 || isShortFlowList(node);
    for (const item of node.items) layout(item as Node, itemsSchema(schema));
  } else if (isScalar(node)) {
    if (typeof node.value !== 'string') return;
    // Literal blocks carry meaningful line breaks: keep them.
    if (node.type === Scalar.BLOCK_LITERAL) return;
    // Folding cannot carry leading or trailing spaces or tabs: such text keeps a quoted form.
    const foldable = node.value.length > FOLD_AT && !/\n|^\s|\s$|\t|  /.test(node.value);
    node.type = foldable ? Scalar.BLOCK_FOLDED : undefined;
  }
}

/** Whether a parsed document holds no data: no content, or only the empty value of a bare `---`. */
function holdsNoData(doc: Document): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.value === null && c.source === '' && !c.anchor && !c.tag);
}

/**
 * Formats an entry file's text. Refuses (ok: false) text the loader would not
 * load (YAML errors or warnings) and text that holds no data (empty, or only
 * comments), which must be left exactly as it is.
 */
/** The first repeated key in any mapping, as an error like the yaml package's; iterative and linear. */
function firstDuplicateKey(root: Node | null): { code: string; message: string } | undefined {
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const name = String(pair.key.value);
          if (seen.has(name)) return { code: 'DUPLICATE_KEY', message: 'Map keys must be unique' };
          seen.add(name);
        }
        if (isNode(pair.value)) stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) if (isNode(item)) stack.push(item);
  }
  return undefined;
}

export function formatEntryText(raw: string): FormatResult {
  const text = stripBom(raw);
  // YAML reads a CRLF line break as LF in every scalar, but the yaml package keeps the CR in comments.
  const lf = text.replace(/\r\n/g, '\n');
  // The loader's options (load/parseEntry), so the data read here is the data validate reads.
  // Duplicate keys are found below in one pass: the yaml package's own check compares every key with every other.
  const doc = parseDocument(lf, { lineCounter: new LineCounter(), uniqueKeys: false, merge: false, prettyErrors: false, keepSourceTokens: false, customTags: keepPlainSourceText });
  const problem = doc.errors[0] ?? doc.warnings[0] ?? firstDuplicateKey(doc.contents as Node | null);
  if (problem) {
    // The yaml package stops before its own stack runs out on deep nesting; say so in an editor's words.
    const error = problem.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply to read' : problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, reason: 'yaml', error };
  }
  if (holdsNoData(doc)) {
    if (text.trim() === '') return { ok: false, reason: 'empty', error: 'it is empty' };
    return { ok: false, reason: 'comment-only', error: /(^|\s)#/.test(lf) ? 'it holds only comments, no data' : 'it holds no data' };
  }
  pinModeline(doc);
  const kind = isMap(doc.contents) ? doc.get('kind') : undefined;
  const schema = typeof kind === 'string' && loadSchemas().validators.has(kind as never) ? { schema: schemaAjv().getSchema(schemaId(kind))!.schema as Schema, base: schemaId(kind) } : undefined;
  try {
    layout(doc.contents as Node, schema);
    return { ok: true, text: doc.toString({ indent: 2, indentSeq: true, lineWidth: FOLD_AT, minContentWidth: 20, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', flowCollectionPadding: false }) };
  } catch (err) {
    // Nesting deep enough to exhaust the stack: leave the file to validate's limits.
    if (err instanceof RangeError) return { ok: false, reason: 'yaml', error: 'nested too deeply to lay out' };
    throw err;
  }
}
