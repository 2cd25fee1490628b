/** Typed access to an entry's references, for the citation checks and the bundle. */
import type { LoadedEntry } from '../load/parseEntry';

/** A page and the date it was read (definitions.schema.json#/definitions/seenAt); all of it, note included, is shipped to readers. */
export interface SeenAt {
  url: string;
  accessed: string;
  /** Where on the page, or what it showed (unlike a reference's note, shown to readers with the link). */
  note?: string;
}

/** An industry tie outside the paper's own declaration, e.g. an author's employer. */
export interface CoiTie {
  party: string;
  relation: string;
  source: SeenAt;
}

export interface CoiDeclaration {
  status: 'none-declared' | 'declared' | 'not-found' | 'not-checked';
  sponsors?: string[];
  statement?: string;
  checked?: string;
  /** Where the declaration was read, or looked for (not-found). */
  sources?: SeenAt[];
  ties?: CoiTie[];
}

export interface Notice {
  type: 'retraction' | 'erratum' | 'expression-of-concern';
  pmid: number;
  /** false until an editor has read the notice; then where and when. */
  read: false | SeenAt;
  note: string;
}

export interface ArticleReference {
  key: string;
  type: 'article';
  pmid: number;
  pmcid?: string;
  first_author: string;
  year: number;
  title: string;
  /** The English title of a paper not in English. */
  title_en?: string;
  journal: string;
  volume?: string;
  issue?: string;
  pages?: string;
  doi?: string;
  coi?: CoiDeclaration;
  notices?: Notice[];
  /** For editors only; never shipped. */
  note?: string;
  /** Shipped to readers. */
  reader_note?: string;
}

export interface WebReference {
  key: string;
  type: 'web';
  title: string;
  /** The English title of a source not in English. */
  title_en?: string;
  /** For a study cited by its page: its funding declaration. */
  coi?: CoiDeclaration;
  publisher?: string;
  url: string;
  accessed: string;
  /** For editors only; never shipped. */
  note?: string;
  /** Shipped to readers. */
  reader_note?: string;
}

export type Reference = ArticleReference | WebReference;

export interface Located<T> {
  ref: T;
  index: number;
  /** JSON Pointer to the reference, e.g. /references/2. */
  pointer: string;
}

// A parsed entry is immutable and reused while its text is unchanged (see
// validateEntries), and eight checks ask for the same entry's articles: each
// list is built once per entry object, not once per check (nor per watch run).
const memo = new WeakMap<LoadedEntry, { all: readonly Located<Reference>[]; articles: readonly Located<ArticleReference>[]; checkable?: readonly Located<ArticleReference>[] }>();

function memoOf(entry: LoadedEntry) {
  let m = memo.get(entry);
  if (!m) {
    const refs = (entry.data as { references?: Reference[] }).references ?? [];
    // `/references/<index>`: what toPointer(['references', index]) gives, without its escaping pass.
    const all: Located<Reference>[] = refs.map((ref, index) => ({ ref, index, pointer: `/references/${index}` }));
    const articles = all.filter((r): r is Located<ArticleReference> => r.ref.type === 'article');
    memo.set(entry, (m = { all, articles }));
  }
  return m;
}

/** All of the entry's references with their pointers. Call only for schema-valid entries. */
export function allReferences(entry: LoadedEntry): readonly Located<Reference>[] {
  return memoOf(entry).all;
}

/** The entry's journal-article references with their pointers. Call only for schema-valid entries. */
export function articleReferences(entry: LoadedEntry): readonly Located<ArticleReference>[] {
  return memoOf(entry).articles;
}

/** Article references whose PMID is well formed (pmid-format reports the others). */
export function checkableArticles(entry: LoadedEntry): readonly Located<ArticleReference>[] {
  const m = memoOf(entry);
  return (m.checkable ??= m.articles.filter((r) => Number.isInteger(r.ref.pmid) && r.ref.pmid > 0 && r.ref.pmid <= 99_999_999));
}
