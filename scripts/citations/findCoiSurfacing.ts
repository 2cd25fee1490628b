/**
 * Whether each declared conflict of interest reaches readers: the one
 * definition behind the `coi-unsurfaced` rule and the report's table.
 */
import { articleReferences, type ArticleReference } from '../model/references';
import type { LoadedEntry } from '../load/parseEntry';
import { normalizeText } from './compareWithRecord';

/** A `caveats` item as written. */
export interface Caveat {
  type: string;
  text: string;
  cite?: string[];
}

/** One reference that declares a conflict of interest, and how the entry surfaces it. */
export interface CoiSurfacing {
  ref: ArticleReference;
  /** JSON Pointer to the reference. */
  pointer: string;
  sponsors: string[];
  /** The funding caveats that cite the reference. */
  citing: Caveat[];
  /** The first of them that names a sponsor: what shows readers the conflict. Absent when none does. */
  surfacedBy?: Caveat;
}

/** Whether `text` names `sponsor` as whole words, ignoring case, accents and punctuation: "GE" is not named by "challenge". */
export function namesSponsor(text: string, sponsor: string): boolean {
  const name = normalizeText(sponsor);
  return name !== '' && ` ${normalizeText(text)} `.includes(` ${name} `);
}

/** Every reference with `coi.status: declared` in a schema-valid entry, with the caveat that surfaces it, if any. */
export function findCoiSurfacing(entry: LoadedEntry): CoiSurfacing[] {
  const caveats = ((entry.data as { caveats?: Caveat[] }).caveats ?? []).filter((c) => c.type === 'funding');
  const out: CoiSurfacing[] = [];
  for (const { ref, pointer } of articleReferences(entry)) {
    if (ref.coi?.status !== 'declared') continue;
    const sponsors = ref.coi.sponsors ?? [];
    const citing = caveats.filter((c) => c.cite?.includes(ref.key));
    const surfacedBy = citing.find((c) => sponsors.some((s) => namesSponsor(c.text, s)));
    out.push({ ref, pointer, sponsors, citing, surfacedBy });
  }
  return out;
}
