/** Typed access to an entry's references, for the citation checks and the bundle. */
import type { LoadedEntry } from '../load/parseEntry';
import { toPointer } from '../core/locatePointer';

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

/** The entry's journal-article references with their pointers. Call only for schema-valid entries. */
export function articleReferences(entry: LoadedEntry): Located<ArticleReference>[] {
  const refs = ((entry.data as { references?: Reference[] }).references ?? []);
  return refs
    .map((ref, index) => ({ ref, index, pointer: toPointer(['references', index]) }))
    .filter((r): r is Located<ArticleReference> => r.ref.type === 'article');
}

/** Article references whose PMID is well formed (pmid-format reports the others). */
export function checkableArticles(entry: LoadedEntry): Located<ArticleReference>[] {
  return articleReferences(entry).filter((r) => Number.isInteger(r.ref.pmid) && r.ref.pmid > 0 && r.ref.pmid <= 99_999_999);
}
