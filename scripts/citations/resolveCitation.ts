/**
 * The resolved citation model the bundle carries, so apps never call PubMed
 * or format a citation themselves: verified metadata, an NLM/Vancouver
 * citation string, URLs, the funding declaration and the verification status.
 */
import type { ResolvedArticle, ResolvedReference, ResolvedWeb } from '../bundle/types.generated';
import type { ArticleReference, Reference } from '../model/references';
import { compareWithRecord } from './compareWithRecord';
import { authorsComplete, describeProvenance, isRetracted, provenanceOf, type LockRecord, type PubmedLock } from './lockRecord';

/**
 * The shapes come from the bundle schema's generated types, so what this
 * module builds and what apps are told they receive cannot drift apart.
 * The verification never claims more than the lock record's provenance:
 * verified: fetched from PubMed by reflib, and matching; imported: matching a
 * PubMed record read from a saved file; transcribed: matching a record a
 * person copied from a named page; corroborated: the record's facts were only
 * seen in others' citations; unverified: no record; mismatched: the record
 * disagrees; not-found: PubMed has no such ID. (hand-checked, in older
 * bundles, is never produced now.)
 */
export type { ResolvedArticle, ResolvedReference, ResolvedWeb };
export type Verification = ResolvedArticle['verification'];

function verificationOf(ref: ArticleReference, record: LockRecord | undefined): Verification {
  if (!record) return 'unverified';
  if (record.status === 'not-found') return 'not-found';
  if (compareWithRecord(ref, record).length) return 'mismatched';
  const level = provenanceOf(record).type;
  return level === 'fetched' ? 'verified' : level;
}

/** The sentence an app can show beside the verification: what was checked, against what, and when. Never more. */
function verificationNoteOf(verification: Verification, record: LockRecord | undefined): string {
  switch (verification) {
    case 'unverified':
      return 'Not checked: the library has no record of this PMID.';
    case 'not-found':
      return `PubMed has no record with this ID. ${describeProvenance(provenanceOf(record!))}`;
    case 'mismatched':
      return `The record of this PMID disagrees with the citation (author, year, journal or title). ${describeProvenance(provenanceOf(record!))}`;
    case 'verified':
      return `Matches PubMed's record. ${describeProvenance(provenanceOf(record!))}`;
    case 'imported':
      return `Matches a saved copy of PubMed's record. ${describeProvenance(provenanceOf(record!))}`;
    case 'transcribed':
      return `Matches a record a person copied by hand. ${describeProvenance(provenanceOf(record!))}`;
    default:
      return `Not checked against PubMed. ${describeProvenance(provenanceOf(record!))}`;
  }
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
    return {
      key: ref.key,
      type: 'web',
      title: ref.title,
      ...(ref.title_en ? { titleEnglish: ref.title_en } : {}),
      publisher: ref.publisher,
      url: ref.url,
      accessed: ref.accessed,
      citation,
      ...(ref.coi ? { coi: ref.coi as ResolvedWeb['coi'] } : {}),
      ...(ref.reader_note ? { readerNote: ref.reader_note } : {}),
    };
  }
  const record = lock.records[String(ref.pmid)];
  const verification = verificationOf(ref, record);
  // Only a record that matches what the editor stated may fill in details.
  const trusted = record && record.status === 'found' && verification !== 'mismatched' ? record : undefined;
  // PubMed's own text (fetched, or read from a saved PubMed file) may replace the title the editor typed.
  const level = trusted ? provenanceOf(trusted).type : undefined;
  const fromPubmed = level === 'fetched' || level === 'imported';
  // The lock's author list, whatever its level, when it has one that agrees with the entry (compareWithRecord checked the first author).
  const authors = trusted?.authors?.length ? trusted.authors.map((x) => x.name) : [ref.first_author];
  const base = {
    pmid: ref.pmid,
    pmcid: ref.pmcid ?? trusted?.pmcid,
    doi: ref.doi ?? trusted?.doi,
    title: fromPubmed && trusted?.title ? trusted.title.replace(/\.$/, '') : ref.title,
    authors,
    authorsComplete: Boolean(trusted && authorsComplete(trusted)),
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
    ...(ref.title_en ? { titleEnglish: ref.title_en } : {}),
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
    verificationNote: verificationNoteOf(verification, record),
    ...(ref.reader_note ? { readerNote: ref.reader_note } : {}),
  };
}
