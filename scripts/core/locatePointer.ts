/**
 * The one place that maps JSON Pointers (and ajv `instancePath`s, which are
 * JSON Pointers) and YAML source ranges to 1-based line:column spans.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
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
 * Locates a character range inside a string value, e.g. an inline link inside
 * prose. `from`/`to` are offsets into the parsed string value. For plain and
 * quoted single-line scalars the offset maps directly onto the source; for
 * anything folded or escaped it searches the source for the substring, and
 * falls back to the value's start.
 */
export function locateInString(file: SourceFile, pointer: string, from: number, to: number): Span {
  return file.remember(`i${from}-${to}${pointer}`, () => findInString(file, pointer, from, to));
}

function findInString(file: SourceFile, pointer: string, from: number, to: number): Span {
  const found = walk(file, parsePointer(pointer));
  const node = found.node;
  if (!node || !isScalar(node) || typeof node.value !== 'string' || !node.range) return locatePointer(file, pointer);
  const [start, end] = node.range;
  const source = file.text.slice(start, end);
  // Folding can break the text across lines: then fall back to its first word.
  const whole = node.value.slice(from, to);
  for (const needle of [whole, whole.split(/[\s|]/)[0]]) {
    if (!needle) continue;
    // Count earlier occurrences in the value, and take the same occurrence in the source.
    let nth = 0;
    for (let i = node.value.indexOf(needle); i !== -1 && i < from; i = node.value.indexOf(needle, i + 1)) nth++;
    let at = source.indexOf(needle);
    while (at !== -1 && nth > 0) {
      at = source.indexOf(needle, at + 1);
      nth--;
    }
    if (at !== -1) return rangeToSpan(file, start + at, start + at + needle.length);
  }
  return locatePointer(file, pointer);
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
