/**
 * The resolved citation model the bundle carries, so apps never call PubMed
 * or format a citation themselves: verified metadata, an NLM/Vancouver
 * citation string, URLs, the funding declaration and the verification status.
 */
import type { ResolvedArticle, ResolvedReference, ResolvedWeb } from '../bundle/types.generated';
import type { ArticleReference, Reference } from '../model/references';
import { compareWithRecord } from './compareWithRecord';
import { isRetracted, type LockRecord, type PubmedLock } from './lockRecord';

/**
 * The shapes come from the bundle schema's generated types, so what this
 * module builds and what apps are told they receive cannot drift apart.
 * verified: fetched from PubMed and matching; hand-checked: checked by a
 * person on PubMed, not fetched; corroborated: seen only in others'
 * citations; unverified: no record; mismatched: PubMed's record disagrees;
 * not-found: PubMed has no such ID.
 */
export type { ResolvedArticle, ResolvedReference, ResolvedWeb };
export type Verification = ResolvedArticle['verification'];

function verificationOf(ref: ArticleReference, record: LockRecord | undefined): Verification {
  if (!record) return 'unverified';
  if (record.status === 'not-found') return 'not-found';
  if (compareWithRecord(ref, record).length) return 'mismatched';
  if (record.source.type === 'fetched') return 'verified';
  return record.source.seenOnPubmed ? 'hand-checked' : 'corroborated';
}

const withStop = (s: string) => (/[.?!]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** Formats an NLM/Vancouver citation: up to six authors, then "et al.". */
export function formatArticleCitation(a: Omit<ResolvedArticle, 'citation' | 'urls' | 'verification' | 'retracted' | 'pubmedNotices' | 'notices' | 'coi' | 'key' | 'type'>): string {
  const shown = a.authors.slice(0, 6);
  const etAl = !a.authorsComplete || a.authors.length > 6;
  const authors = shown.length ? `${shown.join(', ')}${etAl ? ', et al' : ''}. ` : '';
  const issue = a.issue ? `(${a.issue})` : '';
  const where = a.volume ? `${a.year};${a.volume}${issue}${a.pages ? `:${a.pages}` : ''}` : `${a.year}${a.pages ? `:${a.pages}` : ''}`;
  const ids = [a.doi ? `doi:${a.doi}.` : '', `PMID: ${a.pmid}${a.pmcid ? `; PMCID: ${a.pmcid}` : ''}.`].filter(Boolean).join(' ');
  return `${authors}${withStop(a.title)} ${withStop(a.journal)} ${where}. ${ids}`;
}

/** Resolves one reference against the lock. PubMed's values win where it was fetched and matches. */
export function resolveReference(ref: Reference, lock: PubmedLock): ResolvedReference {
  if (ref.type === 'web') {
    const citation = `${ref.publisher ? `${withStop(ref.publisher)} ` : ''}${withStop(ref.title)} Available from: ${ref.url} [accessed ${ref.accessed}].`;
    return { key: ref.key, type: 'web', title: ref.title, publisher: ref.publisher, url: ref.url, accessed: ref.accessed, citation };
  }
  const record = lock.records[String(ref.pmid)];
  const verification = verificationOf(ref, record);
  // Only a record that matches what the editor stated may fill in details.
  const trusted = record && record.status === 'found' && verification !== 'mismatched' ? record : undefined;
  const fetched = trusted?.source.type === 'fetched';
  const authors = fetched && trusted?.authors?.length ? trusted.authors.map((x) => x.name) : [ref.first_author];
  const base = {
    pmid: ref.pmid,
    pmcid: ref.pmcid ?? trusted?.pmcid,
    doi: ref.doi ?? trusted?.doi,
    title: fetched && trusted?.title ? trusted.title.replace(/\.$/, '') : ref.title,
    authors,
    authorsComplete: Boolean(fetched && trusted?.authors?.length),
    journal: ref.journal,
    year: ref.year,
    volume: ref.volume ?? trusted?.volume,
    issue: ref.issue ?? trusted?.issue,
    pages: ref.pages ?? trusted?.pages,
  };
  const ids = (list?: { pmid?: string; citation?: string }[]) => (list ?? []).map((n) => n.pmid ?? n.citation ?? '').filter(Boolean);
  return {
    key: ref.key,
    type: 'article',
    ...base,
    citation: formatArticleCitation(base),
    urls: {
      pubmed: `https://pubmed.ncbi.nlm.nih.gov/${ref.pmid}/`,
      ...(base.doi ? { doi: `https://doi.org/${base.doi}` } : {}),
      ...(base.pmcid ? { pmc: `https://www.ncbi.nlm.nih.gov/pmc/articles/${base.pmcid}/` } : {}),
    },
    // Validated entries satisfy the schema (sponsors is non-empty when present).
    coi: (ref.coi ?? { status: 'not-checked' }) as ResolvedArticle['coi'],
    notices: ref.notices ?? [],
    pubmedNotices: { retractions: ids(record?.retractions), errata: ids(record?.errata), expressionsOfConcern: ids(record?.expressionsOfConcern) },
    retracted: Boolean(record && isRetracted(record)),
    verification,
  };
}
