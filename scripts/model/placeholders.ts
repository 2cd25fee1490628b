/** Placeholders that `reflib new` writes for editors to fill in: `<fill in: what goes here>`. */
import { toPointer } from '../core/locatePointer';
import type { LoadedEntry } from '../load/parseEntry';

const PLACEHOLDER = /^<fill in\b[^>]*>$/i;

/** Whether a value is a placeholder. */
export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && mayBePlaceholder(value) && PLACEHOLDER.test(value.trim());
}

/**
 * A constant-time test that rules out almost every string before the trim
 * and the regex: a placeholder starts with `<` once trimmed, and a string
 * whose first character is printable ASCII other than `<` cannot, since
 * trim() removes only whitespace.
 */
function mayBePlaceholder(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 0x3c || !(c > 0x20 && c < 0x7f);
}

/** Makes a placeholder: `<fill in: what>`. */
export function placeholder(what: string): string {
  return `<fill in: ${what}>`;
}

export interface Placeholder {
  pointer: string;
  text: string;
}

/**
 * Walks every value under `value`, with one mutable path: this may visit
 * every value of the library, so it copies no path per value and builds a
 * pointer only for a placeholder found.
 */
function visit(value: unknown, path: (string | number)[], out: Placeholder[]): void {
  if (typeof value === 'string') {
    if (isPlaceholder(value)) out.push({ pointer: toPointer(path), text: value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      visit(value[i], path, out);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      path.push(k);
      visit((value as Record<string, unknown>)[k], path, out);
      path.pop();
    }
  }
}

/** Every placeholder in an entry, with its pointer, in document order. */
export function findPlaceholders(data: unknown): Placeholder[] {
  const out: Placeholder[] = [];
  visit(data, [], out);
  return out;
}

/**
 * Whether some string value of the entry could hold a `<`, which every
 * placeholder starts with. The values are read from the entry's text, and
 * YAML adds a character to a value only through an escape in a
 * double-quoted scalar (folding lines adds only spaces and line breaks; the
 * profile keeps out tags and aliases). So a text with neither `<` nor a
 * backslash, as most are, needs no walk over its values.
 */
function mayHoldPlaceholder(entry: LoadedEntry): boolean {
  const text = entry.file.text;
  return text.includes('<') || text.includes('\\');
}

// A parsed entry is immutable and reused while its text is unchanged (see
// validateEntries): a watch session finds each unchanged entry's placeholders once.
const byEntry = new WeakMap<LoadedEntry, readonly Placeholder[]>();

/** findPlaceholders of an entry's data, computed once per entry object. */
export function entryPlaceholders(entry: LoadedEntry): readonly Placeholder[] {
  let list = byEntry.get(entry);
  if (!list) byEntry.set(entry, (list = mayHoldPlaceholder(entry) ? findPlaceholders(entry.data) : []));
  return list;
}
