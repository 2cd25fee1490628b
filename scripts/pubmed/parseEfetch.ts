/**
 * Reads an efetch reply (db=pubmed, retmode=xml: a <PubmedArticleSet>) into
 * lock fields. efetch is the client's main source: unlike esummary it carries
 * the conflict-of-interest statement and the grant list.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EutilsError, isTransientReplyError, snippet } from './eutilsErrors';
import type { LockAuthor, LockNotice, LockRecord } from '../citations/lockRecord';
import { NOTICE_KINDS, normalizePmcid, notice, toPlainText } from './parseEsummary';

type Node = Record<string, unknown>;

/** Elements that may repeat: always read as lists, so one and many look alike. */
const REPEATED = new Set([
  'PubmedArticle', 'PubmedBookArticle', 'AuthorList', 'Author', 'Grant', 'CommentsCorrections',
  'PublicationType', 'ArticleId', 'ELocationID', 'ArticleDate', 'ERROR',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: volume "06" and PMIDs must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#x3b1;) are common in titles.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
  // These hold text with inline markup (<i>TERT</i>, r<sup>2</sup>): take them raw and flatten them here,
  // because the parsed form would move the marked-up words out of the sentence.
  stopNodes: ['*.ArticleTitle', '*.VernacularTitle', '*.BookTitle', '*.CoiStatement', '*.RefSource', '*.CollectiveName'],
});

/**
 * Parses efetch XML into records keyed by PMID (each with `pmid` and
 * `status: 'found'`, no `source`). PMIDs PubMed does not have are simply
 * absent. Throws an EutilsError for an error reply (<ERROR>) or XML that is
 * not a PubmedArticleSet.
 */
export function parseEfetch(xml: string): Map<string, Partial<LockRecord>> {
  const records = new Map<string, Partial<LockRecord>>();
  for (const record of parseEfetchArticles(xml)) records.set(record.pmid!, record);
  return records;
}

/**
 * The one efetch reader, for `pubmed sync` (through parseEfetch) and
 * `pubmed import`: every article and book article in document order, each
 * with a PMID, duplicates kept (so a saved file that repeats a PMID can be
 * refused). Throws an EutilsError as parseEfetch does.
 */
export function parseEfetchArticles(xml: string): Partial<LockRecord>[] {
  if (xml.trim() === '') throw new EutilsError('malformed efetch reply: the body is empty', 'malformed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new EutilsError(`malformed efetch reply: ${valid.err.msg} (line ${valid.err.line})`, 'malformed');
  }
  const doc = parser.parse(xml) as Node;
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?'));
  if (rootName === undefined) throw new EutilsError('malformed efetch reply: no root element', 'malformed', { retryable: false });
  const root = doc[rootName];

  // <eSummaryResult><ERROR>…</ERROR>, <eFetchResult><ERROR>…</ERROR> or a bare <ERROR>: an HTTP 200 that is a failure.
  const errors = rootName === 'ERROR' ? asList(root) : isNode(root) ? asList(root.ERROR) : [];
  if (errors.length > 0) {
    const message = errors.map(textOf).join('; ');
    throw new EutilsError(`PubMed replied with an error: ${snippet(message)}`, 'reply-error', { retryable: isTransientReplyError(message) });
  }
  if (rootName !== 'PubmedArticleSet') {
    throw new EutilsError(`malformed efetch reply: the root element is <${rootName}>, not <PubmedArticleSet>`, 'malformed', { retryable: false });
  }

  const records: Partial<LockRecord>[] = [];
  // An empty set (no PMID found) parses as "".
  const set = isNode(root) ? root : {};
  for (const article of asList(set.PubmedArticle).filter(isNode)) add(records, readArticle(article));
  for (const book of asList(set.PubmedBookArticle).filter(isNode)) add(records, readBook(book));
  return records;
}

function add(records: Partial<LockRecord>[], record: Partial<LockRecord>): void {
  if (!record.pmid) throw new EutilsError('malformed efetch reply: an article has no PMID', 'malformed', { retryable: false });
  records.push(record);
}

function readArticle(entry: Node): Partial<LockRecord> {
  const citation = node(entry.MedlineCitation);
  const article = node(citation.Article);
  const journal = node(article.Journal);
  const issue = node(journal.JournalIssue);
  const record: Partial<LockRecord> = { pmid: textOf(citation.PMID).trim(), status: 'found' };

  const title = plain(article.ArticleTitle) || plain(article.VernacularTitle);
  if (title) record.title = title;
  // A non-English paper: PubMed's title is a translation; keep the original too, which editors often cite.
  const vernacular = plain(article.VernacularTitle);
  if (vernacular && vernacular !== title) record.vernacularTitle = vernacular;
  const authors = readAuthors(article.AuthorList);
  if (authors.length > 0) record.authors = authors;
  if (authors.length > 0 && incompleteAuthors(article.AuthorList)) record.authorsComplete = false;

  // esummary's "source" is the MEDLINE abbreviation; ISOAbbreviation is the fallback for records without one.
  const abbreviation = textOf(node(citation.MedlineJournalInfo).MedlineTA).trim() || textOf(journal.ISOAbbreviation).trim();
  const journalTitle = textOf(journal.Title).trim();
  if (abbreviation || journalTitle) {
    record.journal = {};
    if (abbreviation) record.journal.abbreviation = abbreviation;
    if (journalTitle) record.journal.title = journalTitle;
  }

  const pubDate = node(issue.PubDate);
  // <MedlineDate> ("1998 Dec-1999 Jan") stands in for <Year> when the date is irregular.
  const year = /\d{4}/.exec(textOf(pubDate.Year)) ?? /\d{4}/.exec(textOf(pubDate.MedlineDate)) ?? /\d{4}/.exec(textOf(node(asList(article.ArticleDate)[0]).Year));
  if (year) record.year = Number(year[0]);
  const volume = textOf(issue.Volume).trim();
  if (volume) record.volume = volume;
  const issueNumber = textOf(issue.Issue).trim();
  if (issueNumber) record.issue = issueNumber;
  const pages = readPages(node(article.Pagination));
  if (pages) record.pages = pages;

  readIds(record, node(node(entry.PubmedData).ArticleIdList));
  if (!record.doi) {
    const eloc = asList(article.ELocationID).filter(isNode).find((e) => e['@_EIdType'] === 'doi' && e['@_ValidYN'] !== 'N');
    if (eloc) record.doi = textOf(eloc).trim();
  }

  const types = asList(node(article.PublicationTypeList).PublicationType).map((t) => textOf(t).trim()).filter(Boolean);
  if (types.length > 0) record.publicationTypes = types;

  const corrections = asList(node(citation.CommentsCorrectionsList).CommentsCorrections).filter(isNode);
  for (const kind of NOTICE_KINDS) {
    const notices: LockNotice[] = corrections.filter((c) => c['@_RefType'] === kind.efetch).map((c) => notice(textOf(c.PMID), textOf(c.RefSource)));
    if (notices.length > 0) record[kind.field] = notices;
  }

  // Verbatim apart from markup and layout whitespace, which PubMed's pretty-printing may add.
  const coi = plain(citation.CoiStatement);
  if (coi) record.coiStatement = coi;

  const agencies = new Set(asList(node(article.GrantList).Grant).map((g) => textOf(node(g).Agency).trim()).filter(Boolean));
  if (agencies.size > 0) record.grantAgencies = [...agencies].sort();
  return record;
}

/** A <PubmedBookArticle> (a chapter or a book, e.g. GeneReviews): fewer fields, in other places. */
function readBook(entry: Node): Partial<LockRecord> {
  const doc = node(entry.BookDocument);
  const book = node(doc.Book);
  const record: Partial<LockRecord> = { pmid: textOf(doc.PMID).trim(), status: 'found' };
  const bookTitle = plain(book.BookTitle);
  const title = plain(doc.ArticleTitle) || bookTitle;
  if (title) record.title = title;
  if (bookTitle && title !== bookTitle) record.journal = { title: bookTitle };
  const authors = readAuthors(doc.AuthorList);
  if (authors.length > 0) record.authors = authors;
  const year = /\d{4}/.exec(textOf(node(book.PubDate).Year));
  if (year) record.year = Number(year[0]);
  readIds(record, node(node(entry.PubmedBookData).ArticleIdList));
  const types = asList(doc.PublicationType).map((t) => textOf(t).trim()).filter(Boolean);
  if (types.length > 0) record.publicationTypes = types;
  return record;
}

/** Authors as esummary names them ("Bao Y", or a collective name); editors and invalid spellings left out. */
function readAuthors(lists: unknown): LockAuthor[] {
  const authors: LockAuthor[] = [];
  for (const list of asList(lists).filter(isNode)) {
    const type = list['@_Type'];
    if (type !== undefined && type !== 'authors') continue;
    for (const author of asList(list.Author).filter(isNode)) {
      if (author['@_ValidYN'] === 'N') continue;
      const collective = plain(author.CollectiveName);
      const name = collective || [author.LastName, author.Initials, author.Suffix].map((p) => textOf(p).trim()).filter(Boolean).join(' ');
      if (name) authors.push({ name });
    }
  }
  return authors;
}

/** PubMed marks an author list it knows to be cut short (common before 1996) with CompleteYN="N". */
function incompleteAuthors(lists: unknown): boolean {
  return asList(lists).filter(isNode).some((list) => (list['@_Type'] === undefined || list['@_Type'] === 'authors') && list['@_CompleteYN'] === 'N');
}

function readPages(pagination: Node): string {
  const medline = textOf(pagination.MedlinePgn).trim();
  if (medline) return medline;
  const start = textOf(pagination.StartPage).trim();
  const end = textOf(pagination.EndPage).trim();
  return start && end ? `${start}-${end}` : start;
}

function readIds(record: Partial<LockRecord>, idList: Node): void {
  for (const id of asList(idList.ArticleId).filter(isNode)) {
    const value = textOf(id).trim();
    if (!value) continue;
    if (id['@_IdType'] === 'doi' && !record.doi) record.doi = value;
    if (id['@_IdType'] === 'pmc' && !record.pmcid) record.pmcid = normalizePmcid(value);
  }
}

/** Raw stop-node text (markup still in) as plain one-line text. */
function plain(value: unknown): string {
  return toPlainText(textOf(value), false);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isNode(value)) return textOf(value['#text']);
  return '';
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function node(value: unknown): Node {
  return isNode(value) ? value : {};
}

function asList(value: unknown): unknown[] {
  return value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
}
