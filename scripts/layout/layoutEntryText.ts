/**
 * The canonical layout of an entry file, as a pure function of its text:
 * keys in the schema's order, two-space indentation, quoting only where YAML
 * needs it, long prose as folded blocks at 80 columns, short lists of plain
 * values on one line. Comments are kept. Idempotent.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import { loadSchemas, schemaId } from '../core/loadSchemas';
import { deref, type Located } from '../core/resolveRef';
import { stripBom } from '../load/parseEntry';

/** Prose longer than this becomes a folded block. */
export const FOLD_AT = 80;

export type FormatResult = { ok: true; text: string } | { ok: false; error: string };

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
  const { ajv } = loadSchemas();
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
  const s = deref(loadSchemas().ajv, node);
  return s.schema.items ? { schema: s.schema.items as Schema, base: s.base } : undefined;
}

function isShortFlowList(seq: Node): boolean {
  if (!isSeq(seq) || seq.items.length === 0) return false;
  const all = seq.items.every((i) => isScalar(i) && !i.commentBefore && !i.comment && (typeof i.value !== 'string' || !/[\n,#:[\]{}]/.test(i.value)));
  if (!all) return false;
  const width = seq.items.reduce<number>((n, i) => n + String((i as Scalar).value).length + 2, 2);
  return width <= 60;
}

/** Applies the canonical layout to one node, recursively. */
function layout(node: Node | null | undefined, schema: Located | undefined): void {
  if (!node) return;
  if (isMap(node)) {
    node.flow = false;
    const props = propertySchemas(schema, node.toJSON() as Record<string, unknown>);
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
    node.flow = isShortFlowList(node);
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

/** Formats an entry file's text. Refuses (ok: false) when the text does not parse. */
export function formatEntryText(raw: string): FormatResult {
  const text = stripBom(raw);
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  if (doc.errors.length) return { ok: false, error: doc.errors[0].message.split('\n')[0] };
  const kind = isMap(doc.contents) ? doc.get('kind') : undefined;
  const schema = typeof kind === 'string' && loadSchemas().validators.has(kind as never) ? { schema: loadSchemas().ajv.getSchema(schemaId(kind))!.schema as Schema, base: schemaId(kind) } : undefined;
  layout(doc.contents as Node, schema);
  const out = doc.toString({ indent: 2, indentSeq: true, lineWidth: FOLD_AT, minContentWidth: 20, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', flowCollectionPadding: false });
  return { ok: true, text: out };
}
