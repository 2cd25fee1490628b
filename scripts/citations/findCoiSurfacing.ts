/**
 * Whether each declared conflict of interest reaches readers: the one
 * definition behind the `coi-unsurfaced` rule and the report's table.
 */
import { articleReferences, type ArticleReference } from '../model/references';
import type { LoadedEntry } from '../load/parseEntry';
import { normalizeRecurring } from './normalizeText';

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

// Scripts written without spaces between words: there a name is found as a run of characters.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * Whether `text` names `sponsor`, ignoring case, accents and punctuation, as
 * whole words: "GE" is not named by "challenge". In Chinese or Japanese text,
 * which has no spaces between words, a name written in those scripts is
 * found anywhere.
 */
export function namesSponsor(text: string, sponsor: string): boolean {
  // Remembered by value: entries that cite one paper name its sponsors in much the same caveat.
  const name = normalizeRecurring(sponsor);
  if (name === '') return false;
  const haystack = normalizeRecurring(text);
  return UNSPACED.test(name) ? haystack.includes(name) : ` ${haystack} `.includes(` ${name} `);
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
