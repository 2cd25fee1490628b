/** Compares what an entry states about a paper with PubMed's record, forgiving case, accents and punctuation. */
import type { ArticleReference } from '../model/references';
import type { LockRecord } from './lockRecord';

export interface Mismatch {
  field: 'first_author' | 'year' | 'journal' | 'title';
  stated: string;
  pubmed: string;
}

/** Lowercase, accents folded, punctuation and brackets dropped, spaces collapsed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Surname and first initial of "Pickering G" / "Gröber U" / "DiNicolantonio JJ". */
function authorKey(name: string): { surname: string; initial?: string } {
  const parts = name.trim().split(/\s+/);
  const last = parts[parts.length - 1];
  // PubMed style: initials (all capitals, up to 3) come last.
  if (parts.length > 1 && /^[A-Z]{1,3}$/.test(last)) return { surname: normalizeText(parts.slice(0, -1).join(' ')), initial: last[0] };
  return { surname: normalizeText(name) };
}

function sameAuthor(stated: string, pubmed: string): boolean {
  const a = authorKey(stated);
  const b = authorKey(pubmed);
  return a.surname === b.surname && (!a.initial || !b.initial || a.initial === b.initial);
}

/** The fields where the entry and the record disagree. Absent record fields are not compared. */
export function compareWithRecord(ref: ArticleReference, record: LockRecord): Mismatch[] {
  const out: Mismatch[] = [];
  const first = record.authors?.[0]?.name;
  if (first && !sameAuthor(ref.first_author, first)) out.push({ field: 'first_author', stated: ref.first_author, pubmed: first });
  if (record.year !== undefined && record.year !== ref.year) out.push({ field: 'year', stated: String(ref.year), pubmed: String(record.year) });
  const journals = [record.journal?.abbreviation, record.journal?.title].filter((j): j is string => Boolean(j));
  if (journals.length && !journals.some((j) => normalizeText(j) === normalizeText(ref.journal))) {
    out.push({ field: 'journal', stated: ref.journal, pubmed: journals.join(' / ') });
  }
  const titles = [record.title, record.vernacularTitle].filter((t): t is string => Boolean(t));
  if (titles.length && !titles.some((t) => normalizeText(t) === normalizeText(ref.title))) out.push({ field: 'title', stated: ref.title, pubmed: titles[0] });
  return out;
}
