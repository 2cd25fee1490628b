/**
 * The PubMed lock's record format: PubMed's own metadata for one PMID, and
 * where it came from. Documented in docs/pubmed-lock.md; the lock file is
 * `pubmed-lock.json` in the library root.
 */

/** Bumped on any incompatible change to the lock format. */
export const LOCK_VERSION = 1;

export interface LockAuthor {
  /** As PubMed lists it: surname and initials, e.g. "Pickering G"; or a collective name. */
  name: string;
}

/** A linked notice: an erratum, a retraction notice, an expression of concern. */
export interface LockNotice {
  /** The PMID of the notice, when PubMed gives one. */
  pmid?: string;
  /** PubMed's citation text for the notice, e.g. "Open Heart. 2018 Apr 5;5(1):e000668corr1". */
  citation?: string;
}

export interface FetchedSource {
  type: 'fetched';
  /** The E-utilities base URL used (never with the API key). */
  baseUrl: string;
  /** ISO 8601 timestamp of the fetch. */
  fetched: string;
}

export interface HandSource {
  type: 'hand-entered';
  /** Who checked the record. */
  checkedBy: string;
  /** What they checked it against, e.g. https://pubmed.ncbi.nlm.nih.gov/33260549/. */
  checkedAgainst: string;
  /** YYYY-MM-DD. */
  checked: string;
  /**
   * true: the PMID was seen on PubMed or PMC itself ("confirmed").
   * false: seen only where others cite the paper ("corroborated"): not verified.
   */
  seenOnPubmed: boolean;
  note?: string;
}

export interface LockRecord {
  /** The PMID, as a string of digits. */
  pmid: string;
  /** `not-found`: PubMed says no such ID; the other fields are then absent. */
  status: 'found' | 'not-found';
  source: FetchedSource | HandSource;
  /** The title as PubMed gives it (for a non-English paper, PubMed's English translation, often in brackets). */
  title?: string;
  /** The title in the original language, for a non-English paper. */
  vernacularTitle?: string;
  authors?: LockAuthor[];
  journal?: {
    /** NLM abbreviation, e.g. "MMW Fortschr Med". */
    abbreviation?: string;
    /** Full name, e.g. "MMW Fortschritte der Medizin". */
    title?: string;
  };
  year?: number;
  volume?: string;
  issue?: string;
  pages?: string;
  doi?: string;
  pmcid?: string;
  /** PubMed publication types, e.g. ["Journal Article", "Review"]. */
  publicationTypes?: string[];
  /** Retraction notices (efetch RetractionIn / esummary "Retraction in"). */
  retractions?: LockNotice[];
  /** Errata (ErratumIn / "Erratum in"). */
  errata?: LockNotice[];
  /** Expressions of concern (ExpressionOfConcernIn). */
  expressionsOfConcern?: LockNotice[];
  /** PubMed's conflict-of-interest statement, verbatim, where PubMed has one. */
  coiStatement?: string;
  /** Funding agencies from PubMed's grant list, de-duplicated and sorted. */
  grantAgencies?: string[];
}

/** The whole lock file. Records are keyed by PMID and written sorted. */
export interface PubmedLock {
  lockVersion: number;
  records: Record<string, LockRecord>;
}

/** Whether PubMed marks the paper retracted: a retraction notice, or the publication type "Retracted Publication". */
export function isRetracted(record: LockRecord): boolean {
  return (record.retractions?.length ?? 0) > 0 || (record.publicationTypes ?? []).includes('Retracted Publication');
}

/** The order of a record's fields in the lock file: the one list the writer and the PubMed client use. */
export const RECORD_FIELDS: readonly (keyof LockRecord)[] = [
  'pmid', 'status', 'source', 'title', 'vernacularTitle', 'authors', 'journal', 'year', 'volume', 'issue', 'pages', 'doi', 'pmcid',
  'publicationTypes', 'retractions', 'errata', 'expressionsOfConcern', 'coiStatement', 'grantAgencies',
];

const SOURCE_FIELDS = ['type', 'baseUrl', 'fetched', 'checkedBy', 'checkedAgainst', 'checked', 'seenOnPubmed', 'note'];

function ordered<T extends object>(value: T, order: readonly string[]): T {
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of order) if (input[k] !== undefined) out[k] = input[k];
  // Keys outside the known order keep a stable, sorted place at the end.
  for (const k of Object.keys(input).filter((k) => !order.includes(k)).sort()) if (input[k] !== undefined) out[k] = input[k];
  return out as T;
}

/** The record with its fields (and its source's) in the lock's fixed order, and no undefined fields. */
export function canonicalRecord(record: LockRecord): LockRecord {
  return ordered({ ...record, source: ordered(record.source, SOURCE_FIELDS) }, RECORD_FIELDS as readonly string[]);
}
