/**
 * Reads PubMed's MEDLINE text format (efetch rettype=medline, or PubMed's
 * "Save → PubMed format") into the same lock fields parseEfetch gives.
 *
 * The format: one field per line, a tag of up to four capitals or digits
 * padded to four columns, "- ", the value; a value runs on over lines that
 * start with six spaces; a blank line separates records, each starting with
 * PMID. Only the tags the lock keeps are read:
 *   PMID; TI (or BTI for a book), TT (vernacular title); AU and CN (authors,
 *   in order); TA, JT (journal); DP (year); VI, IP, PG; AID/LID "[doi]"; PMC;
 *   PT; EIN, RIN, ECI (errata, retractions, expressions of concern);
 *   COIS (conflict-of-interest statement); GR (grants: the agency is the
 *   second field from the right of "number/acronym/agency/country").
 * CIN/CON (comments) are not kept: the lock has no field for them, nor does
 * parseEfetch read CommentIn.
 */
import type { LockNotice, LockRecord } from '../citations/lockRecord';
import { normalizePmcid, toPlainText } from './parseEsummary';

/** A problem in a MEDLINE file, with the 1-based line it is on. */
export class MedlineError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'MedlineError';
    this.line = line;
  }
}

/** One parsed MEDLINE record and the line its PMID is on. */
export interface MedlineRecord {
  record: Partial<LockRecord>;
  line: number;
}

interface Field {
  tag: string;
  value: string;
  line: number;
}

const FIELD = /^([A-Z][A-Z0-9]{0,3}) *- ?(.*)$/;
const CONTINUATION = /^ {2,}\S/;

/** Whether the text looks like MEDLINE: its first non-blank line is a PMID field. */
export function looksLikeMedline(text: string): boolean {
  return /^(?:[ \t]*\r?\n)*PMID- ?\d/.test(text.replace(/^\uFEFF/, ''));
}

/** Parses every record, in order, duplicates kept. Throws a MedlineError at the first line it cannot read. */
export function parseMedline(text: string): MedlineRecord[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const groups: Field[][] = [];
  let current: Field[] | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      current = undefined;
      return;
    }
    if (CONTINUATION.test(raw)) {
      const last = current?.[current.length - 1];
      if (!last) throw new MedlineError('a continuation line with no field before it', line);
      last.value = `${last.value.trimEnd()} ${raw.trim()}`;
      return;
    }
    const m = FIELD.exec(raw);
    if (!m) throw new MedlineError(`not a MEDLINE field: "${raw.slice(0, 40)}${raw.length > 40 ? '…' : ''}" (a field is TAG- value, the tag padded to four columns)`, line);
    const field = { tag: m[1], value: m[2].trim(), line };
    if (!current) {
      if (field.tag !== 'PMID') throw new MedlineError(`a record must start with PMID, not ${field.tag}`, line);
      current = [];
      groups.push(current);
    } else if (field.tag === 'PMID') {
      throw new MedlineError('a second PMID in one record (records are separated by a blank line)', line);
    }
    current.push(field);
  });
  if (groups.length === 0) throw new MedlineError('no MEDLINE record (no line starting "PMID- ")', 1);
  return groups.map(readRecord);
}

function readRecord(fields: Field[]): MedlineRecord {
  const all = (tag: string) => fields.filter((f) => f.tag === tag).map((f) => f.value).filter(Boolean);
  const first = (tag: string) => all(tag)[0];
  const pmidField = fields[0];
  if (!/^[1-9]\d{0,7}$/.test(pmidField.value)) throw new MedlineError(`PMID "${pmidField.value}" is not a PMID (1 to 8 digits, no leading zero)`, pmidField.line);
  const record: Partial<LockRecord> = { pmid: pmidField.value, status: 'found' };

  const plain = (s: string | undefined) => (s === undefined ? '' : toPlainText(s, false));
  const title = plain(first('TI')) || plain(first('BTI')) || plain(first('TT'));
  if (title) record.title = title;
  const vernacular = plain(first('TT'));
  if (vernacular && vernacular !== title) record.vernacularTitle = vernacular;

  const authors = fields.filter((f) => (f.tag === 'AU' || f.tag === 'CN') && f.value).map((f) => ({ name: plain(f.value) }));
  if (authors.length > 0) record.authors = authors;

  const abbreviation = plain(first('TA'));
  const journalTitle = plain(first('JT'));
  if (abbreviation || journalTitle) {
    record.journal = {};
    if (abbreviation) record.journal.abbreviation = abbreviation;
    if (journalTitle) record.journal.title = journalTitle;
  }

  const year = /\d{4}/.exec(first('DP') ?? '') ?? /^\d{4}/.exec(first('DEP') ?? '');
  if (year) record.year = Number(year[0]);
  for (const [tag, key] of [['VI', 'volume'], ['IP', 'issue'], ['PG', 'pages']] as const) {
    const value = first(tag);
    if (value) record[key] = value;
  }

  // AID is PubMed's ArticleIdList (what efetch reads first), LID the ELocationID (its fallback).
  const doi = [...all('AID'), ...all('LID')].map((v) => /^(.*\S)\s*\[doi\]$/.exec(v)?.[1]).find(Boolean);
  if (doi) record.doi = doi;
  const pmc = first('PMC');
  if (pmc) record.pmcid = normalizePmcid(pmc);

  const types = all('PT');
  if (types.length > 0) record.publicationTypes = types;

  for (const [tag, key] of [['RIN', 'retractions'], ['EIN', 'errata'], ['ECI', 'expressionsOfConcern']] as const) {
    const notices = all(tag).map(readNotice);
    if (notices.length > 0) record[key] = notices;
  }

  const coi = plain(all('COIS').join(' '));
  if (coi) record.coiStatement = coi;

  const agencies = new Set(all('GR').map(grantAgency).filter(Boolean));
  if (agencies.size > 0) record.grantAgencies = [...agencies].sort();
  return { record, line: pmidField.line };
}

/** "Open Heart. 2018 Apr 5;5(1):e000668corr1. PMID: 29634047" → {pmid, citation} as efetch's CommentsCorrections give them. */
function readNotice(value: string): LockNotice {
  const out: LockNotice = {};
  const m = /^(.*?)\.?\s*PMID:\s*([1-9]\d*)\s*$/.exec(value);
  const citation = toPlainText((m ? m[1] : value).replace(/\.$/, ''), false);
  if (m) out.pmid = m[2];
  if (citation) out.citation = citation;
  return out;
}

/** "R01 CA000001/CA/NCI NIH HHS/United States" → "NCI NIH HHS": the agency, second from the right (a grant number may hold slashes). */
function grantAgency(value: string): string {
  const parts = value.split('/');
  return parts.length >= 3 ? parts[parts.length - 2].trim() : '';
}
