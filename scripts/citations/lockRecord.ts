/**
 * The PubMed lock's record format: PubMed's own metadata for one PMID, and
 * where it came from. Documented in docs/pubmed-lock.md; the lock file is
 * `pubmed-lock.json` in the library root.
 */

/**
 * The lock format this reflib writes. Version 1 (with `hand-entered`
 * sources) is still read: readLock converts its records on load (see
 * migrateLegacySource) and the next write saves version 2.
 */
export const LOCK_VERSION = 2;
/** Every lock version this reflib reads. */
export const READABLE_LOCK_VERSIONS: readonly number[] = [1, 2];

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

/**
 * How a record was obtained, strongest first. Nothing may claim more than its level:
 * - fetched: from NCBI E-utilities by `reflib pubmed sync`;
 * - imported: from a PubMed file saved elsewhere (efetch XML or MEDLINE text), by `reflib pubmed import`;
 * - transcribed: copied by a person from a named page, with its URL and the date;
 * - corroborated: only seen where others cite the paper.
 */
export type ProvenanceLevel = 'fetched' | 'imported' | 'transcribed' | 'corroborated';
export const PROVENANCE_LEVELS: readonly ProvenanceLevel[] = ['fetched', 'imported', 'transcribed', 'corroborated'];

export interface FetchedSource {
  type: 'fetched';
  /** The E-utilities base URL used (never with the API key). */
  baseUrl: string;
  /** ISO 8601 timestamp of the fetch. */
  fetched: string;
}

/** The formats `reflib pubmed import` reads. */
export type ImportFormat = 'efetch-xml' | 'medline';

export interface ImportedSource {
  type: 'imported';
  /** The file's name as given to `pubmed import` (its base name: no local folders are recorded). */
  file: string;
  /** The SHA-256 of the file's bytes, lowercase hex: anyone holding the file can check it is the same. */
  sha256: string;
  /** efetch-xml (a <PubmedArticleSet>) or medline (PubMed's MEDLINE text format). */
  format: ImportFormat;
  /** ISO 8601 timestamp of the import. */
  imported: string;
}

/** A record a person copied from a named page. */
export interface TranscribedSource {
  type: 'transcribed';
  /** The page copied from, e.g. https://pubmed.ncbi.nlm.nih.gov/33260549/. */
  url: string;
  /** When the page was read, YYYY-MM-DD. */
  date: string;
  /** Who copied it. */
  by: string;
  note?: string;
  /** For a record converted from lock version 1: its original source, verbatim. */
  migratedFrom?: LegacyHandSource;
}

/** A record whose facts were only seen where others cite the paper. */
export interface CorroboratedSource {
  type: 'corroborated';
  /** Where the facts were seen: the citing works, or the notes they were taken from. */
  seenIn: string;
  /** When the record was entered, YYYY-MM-DD. */
  recorded: string;
  /** Who entered it. */
  by: string;
  note?: string;
  /** For a record converted from lock version 1: its original source, verbatim. */
  migratedFrom?: LegacyHandSource;
}

/**
 * Lock version 1's hand-entered source. Never written any more, and never
 * present after readLock (which converts it), but kept in the type so code
 * written against version 1 still compiles.
 * @deprecated converted on load by migrateLegacySource
 */
export interface LegacyHandSource {
  type: 'hand-entered';
  checkedBy: string;
  checkedAgainst: string;
  checked: string;
  seenOnPubmed: boolean;
  note?: string;
}

/** @deprecated lock version 1's name for a hand-entered source; use TranscribedSource or CorroboratedSource. */
export type HandSource = LegacyHandSource;

export type ProvenanceSource = FetchedSource | ImportedSource | TranscribedSource | CorroboratedSource;
export type LockSource = ProvenanceSource | LegacyHandSource;

/** A bare http(s) URL and nothing else: what a transcribed record's page must be. */
export function isPageUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts a lock version 1 hand-entered source without claiming more than it
 * did, and without losing anything (the original is kept in `migratedFrom`):
 * - seen on PubMed, checked against a bare page URL, on a date → transcribed;
 * - anything else → corroborated. "Seen on PubMed" with no page URL names no
 *   page anyone can go back to, so it cannot count as transcribed.
 */
export function migrateLegacySource(source: LegacyHandSource): TranscribedSource | CorroboratedSource {
  const migratedFrom = { ...source };
  if (source.seenOnPubmed && isPageUrl(source.checkedAgainst)) {
    return { type: 'transcribed', url: source.checkedAgainst, date: source.checked, by: source.checkedBy, ...(source.note ? { note: source.note } : {}), migratedFrom };
  }
  const why = source.seenOnPubmed
    ? 'Lock version 1 said the PMID was seen on PubMed, but named no page URL to go back to, so this record counts as corroborated.'
    : '';
  const note = [source.note, why].filter(Boolean).join(' ');
  return { type: 'corroborated', seenIn: source.checkedAgainst, recorded: source.checked, by: source.checkedBy, ...(note ? { note } : {}), migratedFrom };
}

/** A record's source in lock version 2 terms (a version 1 source converted). */
export function provenanceOf(record: Pick<LockRecord, 'source'>): ProvenanceSource {
  const source = record.source;
  return source.type === 'hand-entered' ? migrateLegacySource(source) : source;
}

/** A record's provenance level. */
export function provenanceLevel(record: Pick<LockRecord, 'source'>): ProvenanceLevel {
  return provenanceOf(record).type;
}

/** A date-time or date as YYYY-MM-DD. */
const day = (iso: string) => iso.slice(0, 10);

/**
 * One sentence saying how the record was obtained, and no more: the wording
 * the bundle, the report and `pubmed status` use.
 */
export function describeProvenance(source: ProvenanceSource): string {
  switch (source.type) {
    case 'fetched':
      return `Fetched from PubMed (NCBI E-utilities) on ${day(source.fetched)}.`;
    case 'imported':
      return `Read from a saved PubMed record (${source.format === 'medline' ? 'MEDLINE text' : 'efetch XML'} file ${source.file}, SHA-256 ${source.sha256.slice(0, 12)}…), imported on ${day(source.imported)}; not fetched from PubMed by reflib.`;
    case 'transcribed':
      return `Copied by hand from ${source.url} on ${source.date}; not fetched from PubMed.`;
    case 'corroborated':
      return "Seen only where others cite the paper; not checked against PubMed's record.";
  }
}

export interface LockRecord {
  /** The PMID, as a string of digits. */
  pmid: string;
  /** `not-found`: PubMed says no such ID; the other fields are then absent. */
  status: 'found' | 'not-found';
  /** How the record was obtained: its provenance level and the details that back it. */
  source: LockSource;
  /** The title as PubMed gives it (for a non-English paper, PubMed's English translation, often in brackets). */
  title?: string;
  /** The title in the original language, for a non-English paper. */
  vernacularTitle?: string;
  authors?: LockAuthor[];
  /**
   * Whether `authors` is the whole list. false when PubMed marks the list
   * incomplete (efetch AuthorList CompleteYN="N") or a person copied only
   * some names. Absent: complete for fetched and imported records, not known
   * to be complete for transcribed and corroborated ones (see authorsComplete()).
   */
  authorsComplete?: boolean;
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
  'pmid', 'status', 'source', 'title', 'vernacularTitle', 'authors', 'authorsComplete', 'journal', 'year', 'volume', 'issue', 'pages', 'doi', 'pmcid',
  'publicationTypes', 'retractions', 'errata', 'expressionsOfConcern', 'coiStatement', 'grantAgencies',
];

const SOURCE_FIELDS = [
  'type', 'baseUrl', 'fetched', 'file', 'sha256', 'format', 'imported', 'url', 'seenIn', 'date', 'recorded', 'by',
  'checkedBy', 'checkedAgainst', 'checked', 'seenOnPubmed', 'note', 'migratedFrom',
];

/** Whether the record's author list is known to be complete. */
export function authorsComplete(record: LockRecord): boolean {
  if (!record.authors?.length) return false;
  if (record.authorsComplete !== undefined) return record.authorsComplete;
  const level = provenanceLevel(record);
  return level === 'fetched' || level === 'imported';
}

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
  const source = ordered(record.source, SOURCE_FIELDS) as unknown as Record<string, unknown>;
  if (source.migratedFrom) source.migratedFrom = ordered(source.migratedFrom as object, SOURCE_FIELDS);
  return ordered({ ...record, source: source as unknown as LockSource }, RECORD_FIELDS as readonly string[]);
}

/**
 * A parsed PubMed record as a lock record, in the lock's field order: the one
 * builder for `pubmed sync` and `pubmed import`. A not-found record carries
 * no metadata.
 */
export function buildRecord(pmid: string, status: LockRecord['status'], fields: Partial<LockRecord>, source: ProvenanceSource): LockRecord {
  const metadata = status === 'found' ? fields : {};
  return canonicalRecord({ ...metadata, pmid, status, source: { ...source } });
}
