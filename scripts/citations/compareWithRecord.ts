/** Compares what an entry states about a paper with PubMed's record, forgiving case, accents and punctuation. */
import type { ArticleReference } from '../model/references';
import type { LockRecord } from './lockRecord';
import { normalizeRecurring, normalizeText, rememberByValue } from './normalizeText';

// Its home was here; kept for code that imports it from here.
export { normalizeText };

export interface Mismatch {
  field: 'first_author' | 'year' | 'journal' | 'title';
  stated: string;
  pubmed: string;
}

interface AuthorKey {
  surname: string;
  initial?: string;
}

/** Surname and first initial of "Pickering G" / "Gröber U" / "DiNicolantonio JJ". */
function authorKey(name: string): AuthorKey {
  const parts = name.trim().split(/\s+/);
  const last = parts[parts.length - 1];
  // PubMed style: initials (all capitals, up to 3) come last.
  if (parts.length > 1 && /^[A-Z]{1,3}$/.test(last)) return { surname: normalizeRecurring(parts.slice(0, -1).join(' ')), initial: last[0] };
  return { surname: normalizeRecurring(name) };
}

/** A reference's fields, normalised as a comparison first needs each. */
interface StatedKeys {
  author?: AuthorKey;
  journal?: string;
  title?: string;
}

// A reference (part of an immutable parsed entry) is normalised once per
// object: a watch session compares the same references run after run.
const statedKeys = new WeakMap<ArticleReference, StatedKeys>();

function statedOf(ref: ArticleReference): StatedKeys {
  let keys = statedKeys.get(ref);
  if (!keys) statedKeys.set(ref, (keys = {}));
  return keys;
}

// A stated author's key by value, like normalizeRecurring: the first time a
// reference is compared, its author has usually been seen in another entry.
const authorKeyRecurring = rememberByValue(authorKey, 1024 * 1024);

function sameAuthor(a: AuthorKey, b: AuthorKey): boolean {
  return a.surname === b.surname && (!a.initial || !b.initial || a.initial === b.initial);
}

/** What a comparison needs from a record, normalised. */
interface RecordKeys {
  firstAuthor?: { name: string; key: AuthorKey };
  year?: number;
  /** The journal names to accept, normalised; `journalsShown` is how a mismatch names them. */
  journals: ReadonlySet<string>;
  journalsShown: string;
  titles: ReadonlySet<string>;
  firstTitle?: string;
}

// A lock record is read once per run and cited by many entries: its side of
// the comparison is normalised once per record object, not once per citation.
const recordKeys = new WeakMap<LockRecord, RecordKeys>();

function keysOf(record: LockRecord): RecordKeys {
  let keys = recordKeys.get(record);
  if (!keys) {
    const first = record.authors?.[0]?.name;
    const journals = [record.journal?.abbreviation, record.journal?.title].filter((j): j is string => Boolean(j));
    const titles = [record.title, record.vernacularTitle].filter((t): t is string => Boolean(t));
    keys = {
      firstAuthor: first ? { name: first, key: authorKey(first) } : undefined,
      year: record.year,
      journals: new Set(journals.map(normalizeText)),
      journalsShown: journals.join(' / '),
      titles: new Set(titles.map(normalizeText)),
      firstTitle: titles[0],
    };
    recordKeys.set(record, keys);
  }
  return keys;
}

/** The fields where the entry and the record disagree. Absent record fields are not compared. */
export function compareWithRecord(ref: ArticleReference, record: LockRecord): Mismatch[] {
  const out: Mismatch[] = [];
  const keys = keysOf(record);
  const stated = statedOf(ref);
  const first = keys.firstAuthor;
  if (first && !sameAuthor((stated.author ??= authorKeyRecurring(ref.first_author)), first.key)) out.push({ field: 'first_author', stated: ref.first_author, pubmed: first.name });
  if (keys.year !== undefined && keys.year !== ref.year) out.push({ field: 'year', stated: String(ref.year), pubmed: String(keys.year) });
  if (keys.journals.size && !keys.journals.has((stated.journal ??= normalizeRecurring(ref.journal)))) out.push({ field: 'journal', stated: ref.journal, pubmed: keys.journalsShown });
  if (keys.titles.size && !keys.titles.has((stated.title ??= normalizeRecurring(ref.title)))) out.push({ field: 'title', stated: ref.title, pubmed: keys.firstTitle! });
  return out;
}
