/**
 * The round-trip property fmt must hold for any text it formats: the data
 * (as the loader reads it) and every scalar's type and text are unchanged,
 * comments are kept, a modeline on line 1 stays there, and a second run
 * changes nothing.
 */
import { expect } from 'vitest';
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseDocument } from 'yaml';
import { formatEntryText } from '../../scripts/layout/layoutEntryText';
import { stripBom } from '../../scripts/load/parseEntry';

/** The options scripts/load/parseEntry.ts parses an entry with (it finds duplicate keys itself, in one pass). */
const LOADER = { prettyErrors: false, uniqueKeys: false, merge: false } as const;

/** The document as the loader reads it. Fails when the text has a YAML error or warning. */
function parseAsLoader(text: string) {
  const doc = parseDocument(stripBom(text), LOADER);
  expect([...doc.errors, ...doc.warnings].map((e) => e.message)).toEqual([]);
  return doc;
}

/**
 * The data, as the loader would build it. The loader itself refuses aliases
 * (its YAML profile); here they are expanded, within a cap, so that fmt is
 * checked on them too.
 */
export function loadData(text: string): unknown {
  return parseAsLoader(text).toJS({ maxAliasCount: 100 });
}

/**
 * Every node as written, apart from layout: each scalar's type and text (a
 * string's value, a number's or boolean's source, so `1e5` and `100000`
 * differ), tags and anchors; mappings as pairs in a fixed order, since key
 * order is layout.
 */
function written(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return { alias: node.source };
  if (isScalar(node)) {
    const v = node.value;
    const type = v === null ? 'null' : v instanceof Date ? 'date' : typeof v;
    return { type, text: typeof v === 'string' ? v : node.source, tag: node.tag, anchor: node.anchor };
  }
  if (isMap(node)) {
    const pairs = node.items.map((p) => [written(p.key), written(p.value)]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    return { tag: node.tag, anchor: node.anchor, pairs };
  }
  // A pair inside a list: `!!omap [a: 1]`, or `[a: 1]`.
  if (isPair(node)) return { pair: [written(node.key), written(node.value)] };
  if (isSeq(node)) return { tag: node.tag, anchor: node.anchor, items: node.items.map(written) };
  throw new Error(`unexpected node ${String(node)}`);
}

/** Every comment's text, sorted (fmt may move a comment, never drop or change one). */
function comments(text: string): string[] {
  return [...new Lexer().lex(stripBom(text))]
    .filter((token) => token.startsWith('#'))
    .map((token) => token.trimEnd())
    .sort();
}

const firstLine = (text: string) => stripBom(text).split(/\r?\n/, 1)[0].trimEnd();

/** Formats `text`, failing when fmt refuses it. */
export function format(text: string): string {
  const r = formatEntryText(text);
  if (!r.ok) throw new Error(`fmt refused: ${r.error}`);
  return r.text;
}

/** Asserts the round-trip property for `before`, and returns the formatted text. */
export function expectLossless(before: string): string {
  const after = format(before);
  // An alias bomb has no data to compare (building it is the attack); the nodes, aliases unexpanded, are compared below.
  const data = (text: string) => {
    try {
      return loadData(text);
    } catch (err) {
      if (err instanceof ReferenceError && /alias/i.test(err.message)) return 'too many aliases to build';
      throw err;
    }
  };
  expect(data(after), 'the data').toStrictEqual(data(before));
  expect(written(parseAsLoader(after).contents), 'scalar types and texts').toStrictEqual(written(parseAsLoader(before).contents));
  expect(comments(after), 'comments').toEqual(comments(before));
  if (/^# yaml-language-server:/.test(firstLine(before))) expect(firstLine(after), 'the modeline on line 1').toBe(firstLine(before));
  expect(after, 'LF line endings and no BOM').not.toMatch(/\r|^\ufeff/);
  expect(format(after), 'a second run').toBe(after);
  return after;
}
