/**
 * Which top-level fields of each kind are links, and to which kinds, as the
 * schemas declare with the `x-links-to` keyword.
 */
import { KINDS, LINKS_TO, loadSchemas, type Kind } from '../core/loadSchemas';

export interface LinkField {
  field: string;
  /** The kinds the field may point at. */
  kinds: readonly Kind[];
  /** A list of IDs rather than a single ID. */
  many: boolean;
}

let cached: Map<Kind, LinkField[]> | undefined;

/** The link fields of every kind, read once from the schemas. */
export function linkFields(): Map<Kind, LinkField[]> {
  if (cached) return cached;
  const { raw } = loadSchemas();
  cached = new Map();
  for (const kind of KINDS) {
    const props = (raw.get(kind)!.properties ?? {}) as Record<string, Record<string, unknown>>;
    const fields: LinkField[] = [];
    for (const [field, prop] of Object.entries(props)) {
      const kinds = prop[LINKS_TO] as Kind[] | undefined;
      if (kinds) fields.push({ field, kinds, many: String(prop.$ref ?? '').endsWith('/entryIdList') });
    }
    cached.set(kind, fields);
  }
  return cached;
}
