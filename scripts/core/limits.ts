/**
 * The limits reflib sets on its input, so that no file can stall a run or
 * exhaust memory. An entry beyond one gets a `limit` finding that says the
 * limit and how to stay under it; the rest of the library is still checked.
 * Documented in docs/reliability.md.
 */

/** The largest entry file read, in bytes (a long topic is about 20 KB). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** The deepest nesting of mappings and lists in an entry (the schemas need about 6). */
export const MAX_DEPTH = 32;

/** The longest single text value, in characters (a long section body is about 10,000). */
export const MAX_SCALAR_CHARS = 32_768;

/** Words longer than this get no "did you mean" suggestion: nothing that long is a typo of a short name. */
export const MAX_SUGGEST_CHARS = 64;

/** How many members of a long loop or list a message names before it says how many more there are. */
export const MAX_LISTED = 5;

/** A size in the form people read: 1 MiB, 32,768 characters. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
