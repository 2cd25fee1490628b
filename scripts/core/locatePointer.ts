/**
 * The one place that maps JSON Pointers (and ajv `instancePath`s, which are
 * JSON Pointers) and YAML source ranges to 1-based line:column spans.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Span } from './diagnostic';
import type { SourceFile } from './sourceFile';

/** What part of a mapping entry a diagnostic should point at. */
export type Target = 'key' | 'value';

/** Splits a JSON Pointer into unescaped segments. `""` is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins segments into a JSON Pointer. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Converts a [start, end) offset range to a 1-based span. */
export function rangeToSpan(file: Pick<SourceFile, 'lineCounter'>, start: number, end: number): Span {
  const a = file.lineCounter.linePos(start);
  const b = file.lineCounter.linePos(Math.max(end, start));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

interface Found {
  node: Node | null;
  /** The mapping entry whose value is `node`, when `node` is a map value. */
  pair?: Pair;
  /** How many pointer segments were resolved; less than all when the path is missing. */
  depth: number;
}

function findPair(map: Node, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
}

/** Walks the YAML tree along a pointer as far as it goes. */
function walk(file: SourceFile, segments: readonly string[]): Found {
  let node = (file.doc.contents as Node | null) ?? null;
  let pair: Pair | undefined;
  let depth = 0;
  for (const seg of segments) {
    if (node && isMap(node)) {
      const p = findPair(node, seg);
      if (!p) break;
      pair = p;
      node = isNode(p.value) ? p.value : null;
    } else if (node && isSeq(node) && /^\d+$/.test(seg) && Number(seg) < node.items.length) {
      const item = node.items[Number(seg)];
      pair = undefined;
      node = isNode(item) ? item : null;
    } else break;
    depth++;
    if (!node) break;
  }
  return { node, pair, depth };
}

/**
 * The span of the first line of a node: a collection's span would cover the
 * whole block, which makes a useless underline.
 */
function headSpan(file: SourceFile, node: Node): Span {
  const [start, valueEnd] = node.range ?? [0, 0];
  if (isMap(node) || isSeq(node)) {
    const first = node.items[0];
    const firstNode = isPair(first) ? first.key : first;
    if (!node.flow && isNode(firstNode) && firstNode.range) return headSpan(file, firstNode);
    const lineEnd = file.text.indexOf('\n', start);
    const end = lineEnd === -1 ? valueEnd : Math.min(valueEnd, lineEnd);
    return rangeToSpan(file, start, file.text[end - 1] === '\r' ? end - 1 : end);
  }
  return rangeToSpan(file, start, valueEnd);
}

function documentStart(file: SourceFile): Span {
  const contents = file.doc.contents as Node | null;
  if (contents?.range) return headSpan(file, contents);
  return { line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/**
 * Locates a JSON Pointer in a parsed file.
 * - `key`: the key of the mapping entry the pointer names (an unknown key, say);
 * - `value`: the value itself (a wrong type or value).
 * A pointer into a missing part of the tree falls back to the deepest
 * existing ancestor, so a diagnostic always lands somewhere sensible.
 */
export function locatePointer(file: SourceFile, pointer: string, target: Target = 'value'): Span {
  return file.remember(`${target[0]}${pointer}`, () => findPointer(file, pointer, target));
}

function findPointer(file: SourceFile, pointer: string, target: Target): Span {
  const segments = parsePointer(pointer);
  const found = walk(file, segments);
  const complete = found.depth === segments.length;
  if (complete && target === 'key' && found.pair && isNode(found.pair.key) && found.pair.key.range) {
    return rangeToSpan(file, found.pair.key.range[0], found.pair.key.range[1]);
  }
  // An empty value (`summary:`) is a zero-width null scalar: point at its key instead.
  const empty = found.node && isScalar(found.node) && found.node.value === null && found.node.range?.[0] === found.node.range?.[1];
  if (found.node?.range && !empty) return headSpan(file, found.node);
  if (found.pair && isNode(found.pair.key) && found.pair.key.range) {
    return rangeToSpan(file, found.pair.key.range[0], found.pair.key.range[1]);
  }
  return documentStart(file);
}

/**
 * Locates the mapping that a pointer names, for "missing field" diagnostics:
 * the key that holds the mapping when there is one (`threshold:`), else the
 * mapping's first line (a list item, or the document itself).
 */
export function locateContainer(file: SourceFile, pointer: string): Span {
  return file.remember(`c${pointer}`, () => findContainer(file, pointer));
}

function findContainer(file: SourceFile, pointer: string): Span {
  const segments = parsePointer(pointer);
  const found = walk(file, segments);
  if (found.depth === segments.length && found.pair && isNode(found.pair.key) && found.pair.key.range) {
    return rangeToSpan(file, found.pair.key.range[0], found.pair.key.range[1]);
  }
  return locatePointer(file, pointer, 'value');
}

/**
 * Locates a character range inside a string value, e.g. an inline link or a
 * figure in prose. `from`/`to` are offsets into the parsed string value; they
 * are mapped onto the source through the scalar's alignment (see
 * alignScalar), so the span is exact in every scalar style (plain, quoted
 * with escapes, literal, folded) and costs the same for the ten-thousandth
 * range in a string as for the first. Falls back to the value's start when
 * the pointer does not name a string.
 */
export function locateInString(file: SourceFile, pointer: string, from: number, to: number): Span {
  return file.remember(`i${from}-${to}${pointer}`, () => findInString(file, pointer, from, to));
}

function findInString(file: SourceFile, pointer: string, from: number, to: number): Span {
  const offsets = sourceRange(file, pointer, from, to);
  return offsets ? rangeToSpan(file, offsets[0], offsets[1]) : locatePointer(file, pointer);
}

/**
 * Where a finding starts, as locatePointer (with `target`) or, given a
 * `range`, locateInString would place it, without remembering it: for
 * ordering findings of which only the first few will be shown.
 */
export function startOf(file: SourceFile, pointer: string, target: Target = 'value', range?: readonly [number, number]): { line: number; column: number } {
  const offsets = range && sourceRange(file, pointer, range[0], range[1]);
  if (offsets) {
    const p = file.lineCounter.linePos(offsets[0]);
    return { line: p.line, column: p.col };
  }
  const span = range ? findPointer(file, pointer, 'value') : findPointer(file, pointer, target);
  return { line: span.line, column: span.column };
}

/** For each offset of a string scalar's value, where in the file its character starts and ends. */
interface Alignment {
  start: Int32Array;
  end: Int32Array;
  /** Where the content starts in the file, for an empty value. */
  first: number;
}

// Per parsed scalar (a Document lives as long as its SourceFile): its
// alignment, or null when it could not be made; and per file, the string
// scalar each pointer names, so many ranges in one string walk the tree once.
const alignments = new WeakMap<Scalar, Alignment | null>();
const strings = new WeakMap<SourceFile, Map<string, Scalar | null>>();

/** The `[start, end)` file offsets of `[from, to)` in the string at `pointer`, or undefined when it names no string scalar. */
function sourceRange(file: SourceFile, pointer: string, from: number, to: number): [number, number] | undefined {
  let byPointer = strings.get(file);
  if (!byPointer) strings.set(file, (byPointer = new Map()));
  let node = byPointer.get(pointer);
  if (node === undefined) {
    const found = walk(file, parsePointer(pointer)).node;
    node = found && isScalar(found) && typeof found.value === 'string' && found.range ? found : null;
    byPointer.set(pointer, node);
  }
  if (!node) return undefined;
  let a = alignments.get(node);
  if (a === undefined) alignments.set(node, (a = alignScalar(file.text, node) ?? null));
  if (!a) return undefined;
  const n = a.start.length;
  const f = Math.min(Math.max(from, 0), n);
  const t = Math.min(Math.max(to, f), n);
  const start = f < n ? a.start[f] : n > 0 ? a.end[n - 1] : a.first;
  return [start, t > f ? a.end[t - 1] : start];
}

/** Space, tab and line breaks: what YAML folds and indents with. */
const isYamlSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** The double-quoted escape at `s` (a backslash): what it stands for ("" for an escaped line break) and its length in the source. */
function escapeAt(text: string, s: number): { text: string; length: number } | undefined {
  const c = text[s + 1];
  if (c === '\n') return { text: '', length: 2 };
  if (c === '\r') return { text: '', length: text[s + 2] === '\n' ? 3 : 2 };
  if (c !== undefined && Object.hasOwn(SIMPLE_ESCAPES, c)) return { text: SIMPLE_ESCAPES[c], length: 2 };
  const digits = c === undefined ? undefined : HEX_ESCAPES[c];
  if (!digits) return undefined;
  const hex = text.slice(s + 2, s + 2 + digits);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
  const code = parseInt(hex, 16);
  return code > 0x10ffff ? undefined : { text: String.fromCodePoint(code), length: 2 + digits };
}

/**
 * Aligns a string scalar's value with its source, in one pass: each
 * character of the value is matched to the source characters it came from.
 * Every non-space character of a value is in its source, in order, written
 * as itself or (quoted) as an escape or `''`; only whitespace is folded,
 * indented or escaped away. Whitespace of the value maps to where the source
 * stands when it comes. Undefined when the source does not match (which
 * would be a bug), so the caller falls back rather than guessing.
 */
function alignScalar(text: string, node: Scalar): Alignment | undefined {
  const value = node.value as string;
  const [start, valueEnd] = node.range!;
  const dq = node.type === 'QUOTE_DOUBLE';
  const sq = node.type === 'QUOTE_SINGLE';
  let s = start;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // The content starts on the line after the header (`|`, `>-`, `|2 # comment`).
    const nl = text.indexOf('\n', start);
    s = nl === -1 || nl >= valueEnd ? valueEnd : nl + 1;
  } else if (dq || sq) s = start + 1;
  const first = s;
  const n = value.length;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const c = value.charCodeAt(v);
    if (isYamlSpace(c)) {
      a[v] = s;
      if (dq && text.charCodeAt(s) === 0x5c) {
        const e = escapeAt(text, s);
        if (e && e.text === value[v]) s += e.length;
      } else if (text.charCodeAt(s) === c) s++;
      b[v] = s;
      continue;
    }
    for (;;) {
      while (s < valueEnd && isYamlSpace(text.charCodeAt(s))) s++;
      if (s >= valueEnd) return undefined;
      if (dq && text.charCodeAt(s) === 0x5c) {
        const e = escapeAt(text, s);
        if (!e) return undefined;
        if (e.text === '' || (e.text.length === 1 && isYamlSpace(e.text.charCodeAt(0)))) {
          // An escaped line break, or whitespace the value has already passed.
          s += e.length;
          continue;
        }
        if (!value.startsWith(e.text, v)) return undefined;
        a[v] = s;
        s += e.length;
        b[v] = s;
        // An escape beyond the BMP stands for a surrogate pair.
        if (e.text.length === 2) {
          v++;
          a[v] = a[v - 1];
          b[v] = s;
        }
        break;
      }
      if (sq && c === 0x27) {
        if (text.charCodeAt(s) !== 0x27 || text.charCodeAt(s + 1) !== 0x27) return undefined;
        a[v] = s;
        s += 2;
        b[v] = s;
        break;
      }
      if (text.charCodeAt(s) !== c) return undefined;
      a[v] = s;
      s++;
      b[v] = s;
      break;
    }
  }
  return { start: a, end: b, first };
}

/** The source text of the scalar at a pointer, as written (e.g. `033260549` for a number with a leading zero). */
export function sourceAt(file: SourceFile, pointer: string): string | undefined {
  // null, not undefined: remembered facts are JSON.
  return file.remember(`s${pointer}`, () => findSource(file, pointer) ?? null) ?? undefined;
}

function findSource(file: SourceFile, pointer: string): string | undefined {
  const segments = parsePointer(pointer);
  const found = walk(file, segments);
  if (found.depth !== segments.length || !found.node || !isScalar(found.node) || !found.node.range) return undefined;
  return file.text.slice(found.node.range[0], found.node.range[1]);
}

/**
 * How the number at a pointer was written: `String(value)` for a whole
 * number in a file that writes every whole number as plain digits (known
 * without positions), else the source text, which needs the Document.
 */
export function writtenNumber(file: SourceFile, pointer: string, value: number): string {
  if (file.plainNumbers && Number.isInteger(value)) return String(value);
  return sourceAt(file, pointer) ?? String(value);
}
