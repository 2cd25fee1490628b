/**
 * Whether each declared conflict of interest reaches readers: the one
 * definition behind the `coi-unsurfaced` rule and the report's table.
 */
import { allReferences, type Reference } from '../model/references';
import type { LoadedEntry } from '../load/parseEntry';
import { normalizeRecurring } from './normalizeText';

/** A `caveats` item as written. */
export interface Caveat {
  type: string;
  text: string;
  cite?: string[];
}

/** One conflict of interest a reference carries (its declaration, or one tie), and how the entry surfaces it. */
export interface CoiSurfacing {
  ref: Reference;
  /** JSON Pointer to the reference. */
  pointer: string;
  /** What it is: the paper's own declaration, or an industry tie recorded beside it. */
  source: 'declared' | 'tie';
  /** JSON Pointer to what a finding points at: the declaration's status, or the tie's party. */
  at: string;
  /** The names a funding caveat must mention (one of them): the declared sponsors, or the tie's party. */
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

/**
 * Every conflict of interest in a schema-valid entry's references (articles,
 * and studies cited by their page), with the
 * caveat that surfaces it, if any: each `coi.status: declared` (one of its
 * sponsors must be named), and each of `coi.ties` (its party must be named),
 * since a tie through an author's employer matters to readers as much as a
 * declared sponsor.
 */
export function findCoiSurfacing(entry: LoadedEntry): CoiSurfacing[] {
  const caveats = ((entry.data as { caveats?: Caveat[] }).caveats ?? []).filter((c) => c.type === 'funding');
  const out: CoiSurfacing[] = [];
  const surfacing = (ref: Reference, pointer: string, source: CoiSurfacing['source'], at: string, sponsors: string[]): CoiSurfacing => {
    const citing = caveats.filter((c) => c.cite?.includes(ref.key));
    const surfacedBy = citing.find((c) => sponsors.some((s) => namesSponsor(c.text, s)));
    return { ref, pointer, source, at, sponsors, citing, surfacedBy };
  };
  for (const { ref, pointer } of allReferences(entry)) {
    if (ref.coi?.status === 'declared') out.push(surfacing(ref, pointer, 'declared', `${pointer}/coi/status`, ref.coi.sponsors ?? []));
    (ref.coi?.ties ?? []).forEach((tie, i) => out.push(surfacing(ref, pointer, 'tie', `${pointer}/coi/ties/${i}/party`, [tie.party])));
  }
  return out;
}
