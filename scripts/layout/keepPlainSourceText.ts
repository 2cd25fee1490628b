/**
 * Plain scalars that YAML reads as something other than a string — numbers,
 * booleans, null, and under `%YAML 1.1` dates and sexagesimals — are written
 * back exactly as they were typed: `01234567`, `1000e123`, `0x1F`, `+12`, `.5`,
 * `~`. The yaml library prints numbers from their parsed value instead
 * (`1234567`, `1e+126`, `0x1f`, `12`, `0.5`), which changes the text and, for
 * an ID like `01234567`, loses the data for good.
 *
 * This is done in the schema's tags, so it holds wherever the scalar stands:
 * a value, a key, an item of a block or a flow list.
 */
import { Scalar, type ScalarTag, type Tags } from 'yaml';

/** Whether two parsed scalar values are the same (Dates by their time, everything else by Object.is). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}

/** A tag YAML picks for plain text by matching it (int, float, bool, null…). */
type ImplicitTag = ScalarTag & { test: RegExp };

const UNRESOLVED = Symbol('unresolved');

/** The value plain `source` reads as under these tags (the first whose test matches, as the parser picks), or UNRESOLVED. */
function readPlain(implicit: readonly ImplicitTag[], source: string): unknown {
  const tag = implicit.find((t) => t.test.test(source));
  if (!tag) return UNRESOLVED;
  try {
    const value = tag.resolve(source, () => undefined, {});
    return value instanceof Scalar ? value.value : value;
  } catch {
    return UNRESOLVED;
  }
}

/**
 * A copy of a scalar tag that prints a plain scalar as its source text when
 * that text still reads as the same value; otherwise it prints as the tag
 * always has.
 */
function keepingSource(tag: ScalarTag, implicit: readonly ImplicitTag[]): ScalarTag {
  const { stringify } = tag;
  if (!stringify) return tag;
  return {
    ...tag,
    stringify(item, ctx, onComment, onChompKeep) {
      const { source, type } = item;
      const plain = type === undefined || type === Scalar.PLAIN;
      if (plain && typeof source === 'string' && source !== '' && sameValue(readPlain(implicit, source), item.value)) return source;
      return stringify(item, ctx, onComment, onChompKeep);
    },
  };
}

/**
 * For the yaml package's `customTags` option: the schema's own tags, in the
 * same order (so text parses exactly as without it), with every tag that
 * YAML picks for plain text printing a plain scalar's source text unchanged.
 */
export function keepPlainSourceText(tags: Tags): Tags {
  const implicit = tags.filter((t): t is ImplicitTag => typeof t === 'object' && !t.collection && t.default === true && t.test instanceof RegExp);
  return tags.map((tag) => (implicit.includes(tag as ImplicitTag) ? keepingSource(tag as ScalarTag, implicit) : tag));
}
