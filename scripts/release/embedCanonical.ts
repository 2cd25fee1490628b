/**
 * Canonical JSON documents that hold many entries, assembled as bytes from
 * the entries' own canonical JSON, so that each entry is serialised once and
 * no document is ever held as a JavaScript string as well as bytes.
 *
 * `JSON.stringify` with an indent writes a nested value exactly as it writes
 * that value alone, with every line after the first indented by the depth it
 * sits at (JSON strings never hold a raw line break, so every `\n` in the
 * text is a line break). The frame around the slot (keys, their order, the
 * indentation) comes from `canonicalJson` itself, given a marker in the slot,
 * so the bytes are exactly those of `canonicalJson(document)`.
 */
import { canonicalJson } from '../bundle/canonicalJson';

const NL = 0x0a;
const SPACE = 0x20;
/** Stands in the slot while the frame is written; JSON writes it as `"\u0000reflib-slot\u0000"`. */
const MARKER = '\u0000reflib-slot\u0000';
const MARKER_JSON = JSON.stringify(MARKER);

/** A document's bytes before and after its slot, and how deep the slot's lines are indented. */
export interface Frame {
  prefix: Buffer;
  suffix: Buffer;
  /** Spaces added to every line of a slot value after its first. */
  indent: number;
}

/**
 * The frame of `canonicalJson(build(marker))`: `build` puts the marker where
 * the value goes (for an array slot, as its only element).
 */
export function frameOf(build: (slot: unknown) => unknown): Frame {
  const text = canonicalJson(build(MARKER));
  const at = text.indexOf(MARKER_JSON);
  if (at === -1 || text.indexOf(MARKER_JSON, at + 1) !== -1) throw new Error('the slot must appear exactly once in the document');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0].length;
  return { prefix: Buffer.from(text.slice(0, at)), suffix: Buffer.from(text.slice(at + MARKER_JSON.length)), indent };
}

function countNewlines(src: Uint8Array): number {
  let n = 0;
  for (let at = src.indexOf(NL); at !== -1; at = src.indexOf(NL, at + 1)) n++;
  return n;
}

/** The length of `src` with every line after its first indented by `spaces` more. */
function indentedLength(src: Buffer, spaces: number): number {
  return src.length + spaces * countNewlines(src);
}

/** Copies `src` into `target` at `at`, indenting every line after the first by `spaces`; returns where it ends. */
function copyIndented(src: Buffer, spaces: number, target: Buffer, at: number): number {
  let from = 0;
  for (let nl = src.indexOf(NL); nl !== -1; nl = src.indexOf(NL, from)) {
    at += src.copy(target, at, from, nl + 1);
    target.fill(SPACE, at, at + spaces);
    at += spaces;
    from = nl + 1;
  }
  return at + src.copy(target, at, from);
}

/**
 * Canonical JSON text (as `canonicalJson` gives it, final newline included)
 * as it is written in a frame's slot: without the final newline, every line
 * after the first indented to the slot's depth.
 */
export function inSlot(frame: Frame, text: string): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return frame.indent ? body.replaceAll('\n', `\n${' '.repeat(frame.indent)}`) : body;
}

/**
 * The document of `frame`, whose slot is the only element of an array, with
 * `items` (canonical JSON bytes, each written at depth `depth`) as the
 * array's elements. `items` must not be empty: an empty array is written `[]`.
 */
export function fillArraySlot(frame: Frame, items: readonly Buffer[], depth = 0): Buffer {
  if (items.length === 0) throw new Error('fillArraySlot needs at least one item');
  const extra = frame.indent - depth;
  if (extra < 0) throw new Error('the items are indented deeper than the slot');
  // Between two elements: `,`, a line break and the slot's indentation.
  const separator = Buffer.from(`,\n${' '.repeat(frame.indent)}`);
  let size = frame.prefix.length + frame.suffix.length + separator.length * (items.length - 1);
  for (const item of items) size += indentedLength(item, extra);
  const out = Buffer.allocUnsafe(size);
  let at = frame.prefix.copy(out, 0);
  items.forEach((item, i) => {
    if (i > 0) at += separator.copy(out, at);
    at = copyIndented(item, extra, out, at);
  });
  frame.suffix.copy(out, at);
  if (at + frame.suffix.length !== size) throw new Error('fillArraySlot miscounted its size');
  return out;
}

/** The part of a document, made of a frame's prefix, a slot value and its suffix, that holds the slot's value (no copy). */
export function slotOf(frame: Frame, document: Buffer): Buffer {
  return document.subarray(frame.prefix.length, document.length - frame.suffix.length);
}
