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

/** How many findings of one rule one file lists before saying how many more there are. */
export const MAX_FINDINGS_PER_RULE = 100;

/** How many YAML syntax errors one file reports before saying how many more there are. */
export const MAX_YAML_ERRORS = 20;

/** How deep folders under entries/ may nest (deeper paths run into the system's path length limit). */
export const MAX_FOLDER_DEPTH = 32;

/** Words longer than this get no "did you mean" suggestion: nothing that long is a typo of a short name. */
export const MAX_SUGGEST_CHARS = 64;

/** How many broken links per run get a "did you mean" (each compares against every entry). */
export const MAX_SUGGESTED_LINKS = 100;

/** How many members of a long loop or list a message names before it says how many more there are. */
export const MAX_LISTED = 5;

/** A size in the form people read: 1 MiB, 32,768 characters. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
