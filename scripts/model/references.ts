/** Typed access to an entry's references, for the citation checks and the bundle. */
import type { LoadedEntry } from '../load/parseEntry';

export interface CoiDeclaration {
  status: 'none-declared' | 'declared' | 'not-checked';
  sponsors?: string[];
  statement?: string;
  checked?: string;
}

export interface Notice {
  type: 'retraction' | 'erratum' | 'expression-of-concern';
  pmid: number;
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
  journal: string;
  volume?: string;
  issue?: string;
  pages?: string;
  doi?: string;
  coi?: CoiDeclaration;
  notices?: Notice[];
  note?: string;
}

export interface WebReference {
  key: string;
  type: 'web';
  title: string;
  publisher?: string;
  url: string;
  accessed: string;
  note?: string;
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
const memo = new WeakMap<LoadedEntry, { articles: readonly Located<ArticleReference>[]; checkable?: readonly Located<ArticleReference>[] }>();

function memoOf(entry: LoadedEntry) {
  let m = memo.get(entry);
  if (!m) {
    const refs = (entry.data as { references?: Reference[] }).references ?? [];
    const articles: Located<ArticleReference>[] = [];
    // `/references/<index>`: what toPointer(['references', index]) gives, without its escaping pass.
    refs.forEach((ref, index) => {
      if (ref.type === 'article') articles.push({ ref, index, pointer: `/references/${index}` });
    });
    memo.set(entry, (m = { articles }));
  }
  return m;
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
