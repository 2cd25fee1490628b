/**
 * Reads an esummary reply (db=pubmed, retmode=json, header version 0.3) into
 * lock fields. esummary is the client's second source: it tells an unknown
 * PMID (a per-uid error) apart from a failure, and it fills in a record that
 * efetch left out.
 */
import { EutilsError } from './eutilsErrors';
import type { LockAuthor, LockNotice, LockRecord } from '../citations/lockRecord';

export interface EsummaryResult {
  /** Records PubMed has, keyed by PMID; each with `pmid` and `status: 'found'`, no `source`. */
  records: Map<string, Partial<LockRecord>>;
  /** PMIDs PubMed answered with "cannot get document summary". */
  notFound: string[];
  /** Errors the reply carries (top-level "error", "esummaryresult", other per-uid errors): the reply is a failure. */
  errors: string[];
}

/** The notice lists of a record, and the names esummary (`reftype`) and efetch (`RefType`) give them. */
export const NOTICE_KINDS = [
  { field: 'retractions', esummary: 'Retraction in', efetch: 'RetractionIn' },
  { field: 'errata', esummary: 'Erratum in', efetch: 'ErratumIn' },
  { field: 'expressionsOfConcern', esummary: 'Expression of concern in', efetch: 'ExpressionOfConcernIn' },
] as const;

/** The per-uid error esummary gives for a PMID that does not exist. */
const NOT_FOUND = /cannot get document summary/i;

/** Parses esummary JSON (already `JSON.parse`d). Throws an EutilsError when it is not an esummary reply. */
export function parseEsummary(json: unknown): EsummaryResult {
  if (!isObject(json)) throw malformed('the reply is not a JSON object');
  const errors: string[] = [];
  if (json.error !== undefined) errors.push(String(json.error));
  // Some request-level errors come as {"esummaryresult": ["Too many UIDs in request..."]}.
  if (Array.isArray(json.esummaryresult)) for (const e of json.esummaryresult) errors.push(String(e));

  const records = new Map<string, Partial<LockRecord>>();
  const notFound: string[] = [];
  const result = json.result;
  if (result === undefined) {
    if (errors.length > 0) return { records, notFound, errors };
    throw malformed('the reply has neither "result" nor "error"');
  }
  if (!isObject(result) || !Array.isArray(result.uids)) throw malformed('"result" has no "uids" list');

  for (const rawUid of result.uids) {
    const uid = String(rawUid);
    const doc = result[uid];
    if (!isObject(doc)) throw malformed(`"result" lists uid ${uid} but has no summary for it`);
    if (doc.error !== undefined) {
      const message = String(doc.error);
      if (NOT_FOUND.test(message)) notFound.push(uid);
      else errors.push(`${uid}: ${message}`);
      continue;
    }
    records.set(uid, readSummary(uid, doc));
  }
  return { records, notFound, errors };
}

function readSummary(uid: string, doc: Record<string, unknown>): Partial<LockRecord> {
  const record: Partial<LockRecord> = { pmid: uid, status: 'found' };
  const title = text(doc.title);
  if (title) record.title = toPlainText(title);

  const authors: LockAuthor[] = list(doc.authors, 'authors')
    .filter((a): a is Record<string, unknown> => isObject(a) && (a.authtype === 'Author' || a.authtype === 'CollectiveName'))
    .map((a) => decodeEntities(text(a.name)).trim())
    .filter((name) => name !== '')
    .map((name) => ({ name }));
  if (authors.length > 0) record.authors = authors;

  const abbreviation = text(doc.source);
  const journalTitle = text(doc.fulljournalname);
  if (abbreviation || journalTitle) {
    record.journal = {};
    if (abbreviation) record.journal.abbreviation = decodeEntities(abbreviation);
    if (journalTitle) record.journal.title = decodeEntities(journalTitle);
  }

  const year = /^(\d{4})/.exec(text(doc.pubdate)) ?? /^(\d{4})/.exec(text(doc.sortpubdate));
  if (year) record.year = Number(year[1]);
  for (const key of ['volume', 'issue', 'pages'] as const) {
    const value = text(doc[key]);
    if (value) record[key] = value;
  }

  for (const id of list(doc.articleids, 'articleids')) {
    if (!isObject(id)) continue;
    const value = text(id.value);
    if (id.idtype === 'doi' && value && !record.doi) record.doi = value;
    if (id.idtype === 'pmc' && value && !record.pmcid) record.pmcid = normalizePmcid(value);
  }

  const types = list(doc.pubtype, 'pubtype').map(text).filter(Boolean);
  if (types.length > 0) record.publicationTypes = types;

  const references = list(doc.references, 'references').filter(isObject);
  for (const kind of NOTICE_KINDS) {
    const notices: LockNotice[] = references
      .filter((r) => typeof r.reftype === 'string' && r.reftype.toLowerCase() === kind.esummary.toLowerCase())
      .map((r) => notice(r.pmid, r.refsource));
    if (notices.length > 0) record[kind.field] = notices;
  }
  return record;
}

/** A notice from a PMID (number or digits; 0 means none) and a citation text. */
export function notice(pmid: unknown, citation: unknown): LockNotice {
  const out: LockNotice = {};
  const id = typeof pmid === 'number' ? String(pmid) : text(pmid).trim();
  if (/^[1-9]\d*$/.test(id)) out.pmid = id;
  const cite = toPlainText(text(citation));
  if (cite) out.citation = cite;
  return out;
}

/** "PMC5442267" from "PMC5442267" or "5442267". */
export function normalizePmcid(value: string): string {
  const digits = /^(?:PMC)?(\d+)$/i.exec(value.trim());
  return digits ? `PMC${digits[1]}` : value.trim();
}

const INLINE_TAG = /<\/?(?:i|b|u|em|strong|sup|sub|sc|span|mml:[a-z]+)(?:\s[^<>]*)?\/?>/gi;

/**
 * A title as plain text: inline markup (<i>, <sup>, MathML) dropped, entities
 * decoded, whitespace collapsed. esummary escapes the markup ("&lt;i&gt;"), so
 * entities are decoded first there; efetch markup is real, so pass
 * `markupIsEscaped: false` to strip it before decoding and keep a "&lt;" as "<".
 */
export function toPlainText(value: string, markupIsEscaped = true): string {
  const plain = markupIsEscaped ? decodeEntities(value).replace(INLINE_TAG, '') : decodeEntities(value.replace(INLINE_TAG, ''));
  return plain.replace(/\s+/g, ' ').trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes XML/HTML character references in one pass (so "&amp;lt;" becomes "&lt;", not "<"). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A field that must be a list when present. */
function list(value: unknown, name: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed(`"${name}" is not a list`);
  return value;
}

/** Valid JSON of the wrong shape: asking again would give the same. */
function malformed(detail: string): EutilsError {
  return new EutilsError(`malformed esummary reply: ${detail}`, 'malformed', { retryable: false });
}
