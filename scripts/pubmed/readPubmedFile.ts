/**
 * Reads a PubMed record file saved elsewhere (for `reflib pubmed import`):
 * efetch XML (a <PubmedArticleSet>, as `pubmed sync` receives it) or PubMed's
 * MEDLINE text format. XML goes through parseEfetchArticles, the reader sync
 * itself uses; MEDLINE through parseMedline, which gives the same fields.
 * Every record is built by buildRecord, as sync builds its records, and
 * checked against the lock schema before anything is written.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { schemaId, schemaValidator } from '../core/loadSchemas';
import { buildRecord, LOCK_VERSION, type ImportFormat, type ImportedSource, type LockRecord } from '../citations/lockRecord';
import { EutilsError } from './eutilsErrors';
import { parseEfetchArticles } from './parseEfetch';
import { looksLikeMedline, MedlineError, parseMedline } from './parseMedline';

/** A file `pubmed import` refuses, with where the problem is. */
export class PubmedFileError extends Error {
  readonly file: string;
  readonly line?: number;
  constructor(file: string, message: string, line?: number) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'PubmedFileError';
    this.file = file;
    this.line = line;
  }
}

export interface PubmedFile {
  /** The name as given on the command line (for messages). */
  file: string;
  format: ImportFormat;
  sha256: string;
  /** Records in file order, each with its imported source. */
  records: { record: LockRecord; line?: number }[];
}

/** Which format `text` is in, or undefined. */
export function detectFormat(text: string): ImportFormat | undefined {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('<')) return 'efetch-xml';
  if (looksLikeMedline(text)) return 'medline';
  return undefined;
}

/** The 1-based line of the first `<PMID…>pmid</PMID>` in the XML, for messages. */
function lineOfPmid(xml: string, pmid: string): number | undefined {
  const at = xml.search(new RegExp(`<PMID[^>]*>\\s*${pmid}\\s*</PMID>`));
  return at < 0 ? undefined : xml.slice(0, at).split('\n').length;
}

/**
 * Parses and validates one saved file. `bytes` is the file's content;
 * `name` is how messages name it; `imported` the timestamp to record.
 * Throws a PubmedFileError for anything it cannot accept: nothing partial.
 */
export function readPubmedFile(name: string, bytes: Buffer, imported: string): PubmedFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PubmedFileError(name, 'not UTF-8 text: PubMed saves its files as UTF-8');
  }
  if (text.includes('\u0000')) throw new PubmedFileError(name, 'a binary file (it holds NUL bytes), not a saved PubMed record');
  const format = detectFormat(text);
  if (!format) {
    const first = text.replace(/^\uFEFF/, '').trimStart().slice(0, 1);
    const hint = first === '{' || first === '['
      ? 'JSON (an esummary reply?) is not accepted: it has no conflict-of-interest statement or grants. Save efetch XML (rettype=xml) or MEDLINE (rettype=medline) instead.'
      : 'Save the record from PubMed as XML (efetch, a <PubmedArticleSet>) or in "PubMed format" (MEDLINE text, starting "PMID- ").';
    throw new PubmedFileError(name, `not a PubMed record file. ${hint}`, 1);
  }
  let parsed: { record: Partial<LockRecord>; line?: number }[];
  try {
    parsed = format === 'medline'
      ? parseMedline(text)
      : parseEfetchArticles(text.replace(/^\uFEFF/, '')).map((record) => ({ record, line: lineOfPmid(text, record.pmid!) }));
  } catch (error) {
    if (error instanceof MedlineError) throw new PubmedFileError(name, `not readable as MEDLINE: ${error.message}`, error.line);
    if (error instanceof EutilsError) {
      const line = /\(line (\d+)\)/.exec(error.message)?.[1];
      const message = error.message.replace(/^malformed efetch reply: /, '').replace(/^PubMed replied with an error: /, 'a saved PubMed error reply, not a record: ');
      throw new PubmedFileError(name, `not readable as efetch XML: ${message}`, line ? Number(line) : undefined);
    }
    throw new PubmedFileError(name, `unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed.length === 0) throw new PubmedFileError(name, 'holds no PubMed record (an empty <PubmedArticleSet>)');

  const source: ImportedSource = { type: 'imported', file: path.basename(name), sha256, format, imported };
  const seen = new Map<string, number | undefined>();
  const records = parsed.map(({ record: fields, line }) => {
    const pmid = fields.pmid!;
    if (!/^[1-9]\d{0,7}$/.test(pmid)) throw new PubmedFileError(name, `PMID "${pmid}" is not a PMID (1 to 8 digits, no leading zero)`, line);
    if (seen.has(pmid)) throw new PubmedFileError(name, `PMID ${pmid} appears twice (first at line ${seen.get(pmid) ?? '?'}): which one is PubMed's is not clear`, line);
    seen.set(pmid, line);
    if (!fields.title) throw new PubmedFileError(name, `PMID ${pmid} has no title: not a complete PubMed record`, line);
    return { record: buildRecord(pmid, 'found', fields, source), line };
  });
  checkAgainstSchema(name, records);
  return { file: name, format, sha256, records };
}

/** The records as a lock must hold them: the schema the lock is read with. */
function checkAgainstSchema(name: string, records: { record: LockRecord; line?: number }[]): void {
  const validate = schemaValidator(schemaId('pubmed-lock'));
  for (const { record, line } of records) {
    if (!validate({ lockVersion: LOCK_VERSION, records: { [record.pmid]: record } })) {
      const e = validate.errors?.[0];
      const where = e ? `${e.instancePath.replace(`/records/${record.pmid}`, '') || '/'} ${e.message ?? ''}` : '';
      throw new PubmedFileError(name, `PMID ${record.pmid} does not make a valid lock record: ${where.trim()}`, line);
    }
  }
}
