import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EutilsError } from '../../scripts/pubmed/eutilsErrors';
import { parseEfetch } from '../../scripts/pubmed/parseEfetch';

const FIXTURES = path.resolve(__dirname, '../fixtures/pubmed');
const read = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');

/** efetch for 27797938 (Gut 2017), pretty-printed, with COI statement, 35 grants and comments/corrections. */
const PUBMED4 = read('biopython/pubmed4.xml');
/** efetch for 12091962 and 9997, on one line. */
const PUBMED1 = read('biopython/pubmed1.xml');

/** pubmed1.xml with `edit` applied to the text of its 9997 article (constructed variants of a real reply). */
function variant9997(edit: (article: string) => string) {
  const start = PUBMED1.indexOf('<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"');
  const end = PUBMED1.indexOf('</PubmedArticle>', start) + '</PubmedArticle>'.length;
  return parseEfetch(PUBMED1.slice(0, start) + edit(PUBMED1.slice(start, end)) + PUBMED1.slice(end)).get('9997')!;
}

describe('parseEfetch on pubmed4.xml (27797938)', () => {
  const record = parseEfetch(PUBMED4).get('27797938')!;

  it('reads the title with its <i> markup flattened into the sentence', () => {
    expect(record.title).toBe('Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.');
  });

  it('reads all 22 authors as "LastName Initials"', () => {
    expect(record.authors).toHaveLength(22);
    expect(record.authors?.slice(0, 3)).toEqual([{ name: 'Bao Y' }, { name: 'Prescott J' }, { name: 'Yuan C' }]);
    expect(record.authors?.at(-1)).toEqual({ name: 'Wolpin BM' });
    expect(record.authors?.map((a) => a.name)).toContain('De Vivo I');
  });

  it('reads journal, year, volume, issue, pages and the IDs', () => {
    expect(record).toMatchObject({
      pmid: '27797938',
      status: 'found',
      journal: { abbreviation: 'Gut', title: 'Gut' },
      year: 2017,
      volume: '66',
      issue: '6',
      pages: '1116-1122',
      doi: '10.1136/gutjnl-2016-312510',
      pmcid: 'PMC5442267',
    });
  });

  it('reads the COI statement verbatim', () => {
    expect(record.coiStatement).toBe('Competing interests: None declared.');
  });

  it('reduces 35 grants to their 4 agencies, sorted', () => {
    expect(PUBMED4.match(/<Grant>/g)).toHaveLength(35);
    expect(record.grantAgencies).toEqual(['NCATS NIH HHS', 'NCI NIH HHS', 'NHLBI NIH HHS', 'WHI NIH HHS']);
  });

  it('reads the publication types in order', () => {
    expect(record.publicationTypes).toEqual([
      'Journal Article',
      'Observational Study',
      'Research Support, N.I.H., Extramural',
      "Research Support, U.S. Gov't, Non-P.H.S.",
      "Research Support, Non-U.S. Gov't",
    ]);
  });

  it('takes no notice from CommentIn and Cites corrections', () => {
    expect(PUBMED4).toContain('RefType="CommentIn"');
    expect(record.errata).toBeUndefined();
    expect(record.retractions).toBeUndefined();
    expect(record.expressionsOfConcern).toBeUndefined();
  });
});

describe('parseEfetch on pubmed1.xml (12091962 and 9997)', () => {
  const records = parseEfetch(PUBMED1);

  it('reads both articles, with single elements (one author, one publication type) as lists', () => {
    expect([...records.keys()]).toEqual(['12091962', '9997']);
    expect(records.get('12091962')).toEqual({
      pmid: '12091962',
      status: 'found',
      title: 'The treatment of AIDS behind the walls of correctional facilities.',
      authors: [{ name: 'Olivero JM' }],
      journal: { abbreviation: 'Soc Justice', title: 'Social justice (San Francisco, Calif.)' },
      year: 1990,
      volume: '17',
      issue: '1',
      pages: '113-25',
      publicationTypes: ['Journal Article', 'Review'],
    });
    expect(records.get('9997')).toMatchObject({ authors: [{ name: 'Strekas TC' }], publicationTypes: ['Journal Article'], year: 1976, doi: '10.1016/0005-2795(76)90109-4' });
  });

  it('leaves COI and grants absent where PubMed has none', () => {
    expect(records.get('9997')?.coiStatement).toBeUndefined();
    expect(records.get('9997')?.grantAgencies).toBeUndefined();
  });
});

describe('parseEfetch on constructed variants of pubmed1.xml', () => {
  it('reads RetractionIn, ErratumIn and ExpressionOfConcernIn with their PMID and RefSource', () => {
    const r = variant9997((a) =>
      a.replace(
        '<MeshHeadingList>',
        '<CommentsCorrectionsList>' +
          '<CommentsCorrections RefType="ErratumIn"><RefSource>Biochim Biophys Acta. 1977 Jan 1;447(1):2</RefSource><PMID Version="1">11111</PMID></CommentsCorrections>' +
          '<CommentsCorrections RefType="RetractionIn"><RefSource>Biochim Biophys Acta. 1978;500:1</RefSource><PMID Version="1">22222</PMID></CommentsCorrections>' +
          '<CommentsCorrections RefType="RetractionIn"><RefSource>Biochim Biophys Acta. 1979;501:2</RefSource></CommentsCorrections>' +
          '<CommentsCorrections RefType="ExpressionOfConcernIn"><RefSource>Biochim Biophys Acta. 1977;460:9</RefSource><PMID Version="1">33333</PMID></CommentsCorrections>' +
          '<CommentsCorrections RefType="CommentIn"><RefSource>X</RefSource><PMID Version="1">44444</PMID></CommentsCorrections>' +
          '</CommentsCorrectionsList><MeshHeadingList>',
      ),
    );
    expect(r.errata).toEqual([{ pmid: '11111', citation: 'Biochim Biophys Acta. 1977 Jan 1;447(1):2' }]);
    expect(r.retractions).toEqual([
      { pmid: '22222', citation: 'Biochim Biophys Acta. 1978;500:1' },
      { citation: 'Biochim Biophys Acta. 1979;501:2' },
    ]);
    expect(r.expressionsOfConcern).toEqual([{ pmid: '33333', citation: 'Biochim Biophys Acta. 1977;460:9' }]);
  });

  it('reads a single grant and a COI statement with markup and entities', () => {
    const r = variant9997((a) =>
      a
        .replace('<Language>', '<GrantList CompleteYN="Y"><Grant><GrantID>R01</GrantID><Agency>NIGMS NIH HHS</Agency><Country>United States</Country></Grant></GrantList><Language>')
        .replace('</MeshHeadingList>', '</MeshHeadingList><CoiStatement>Dr Strekas reports grants from <i>Acme</i> &amp; Co.</CoiStatement>'),
    );
    expect(r.grantAgencies).toEqual(['NIGMS NIH HHS']);
    expect(r.coiStatement).toBe('Dr Strekas reports grants from Acme & Co.');
  });

  it.each([
    ['<sup> and an escaped "<"', 'Ca<sup>2+</sup> uptake at p &lt; 0.05 in <i>E. coli</i>', 'Ca2+ uptake at p < 0.05 in E. coli'],
    ['a numeric character reference', 'The &#x3b1;-helix &amp; &#946;-sheet', 'The α-helix & β-sheet'],
    ['a MathML fragment', 'Rate <mml:math><mml:mi>k</mml:mi></mml:math> measured', 'Rate k measured'],
  ])('flattens a title with %s', (_, title, expected) => {
    const r = variant9997((a) => a.replace(/<ArticleTitle>.*<\/ArticleTitle>/, `<ArticleTitle>${title}</ArticleTitle>`));
    expect(r.title).toBe(expected);
  });

  it('keeps collective names, skips invalid spellings and editor lists', () => {
    const r = variant9997((a) =>
      a.replace(
        /<AuthorList CompleteYN="Y">.*?<\/AuthorList>/,
        '<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Strekas</LastName><ForeName>T C</ForeName><Initials>TC</Initials></Author>' +
          '<Author ValidYN="N"><LastName>Strekaz</LastName><Initials>TC</Initials></Author>' +
          '<Author ValidYN="Y"><LastName>Smith</LastName><Initials>J</Initials><Suffix>Jr</Suffix></Author>' +
          '<Author ValidYN="Y"><CollectiveName>Flavin <i>Study</i> Group</CollectiveName></Author></AuthorList>' +
          '<AuthorList Type="editors"><Author><LastName>Editor</LastName><Initials>E</Initials></Author></AuthorList>',
      ),
    );
    expect(r.authors).toEqual([{ name: 'Strekas TC' }, { name: 'Smith J Jr' }, { name: 'Flavin Study Group' }]);
  });

  it('takes the year from MedlineDate and pages from Start/EndPage, the DOI from ELocationID', () => {
    const r = variant9997((a) =>
      a
        .replace('<Year>1976</Year><Month>Sep</Month><Day>28</Day>', '<MedlineDate>1976 Sep-Oct</MedlineDate>')
        .replace('<MedlinePgn>179-91</MedlinePgn>', '')
        .replace('<ArticleId IdType="doi">10.1016/0005-2795(76)90109-4</ArticleId>', '')
        .replace('<Pagination>', '<ELocationID EIdType="doi" ValidYN="Y">10.1000/eloc</ELocationID><Pagination>'),
    );
    expect(r).toMatchObject({ year: 1976, pages: '179-191', doi: '10.1000/eloc' });
  });
});

describe('parseEfetch on other reply shapes', () => {
  it('reads a PubmedBookArticle (a GeneReviews-style chapter)', () => {
    const xml =
      '<?xml version="1.0" ?><PubmedArticleSet><PubmedBookArticle><BookDocument><PMID Version="1">20301295</PMID>' +
      '<Book><BookTitle book="gene">GeneReviews<sup>®</sup></BookTitle><PubDate><Year>1993</Year></PubDate>' +
      '<AuthorList Type="editors"><Author><LastName>Adam</LastName><Initials>MP</Initials></Author></AuthorList></Book>' +
      '<ArticleTitle book="gene" part="gaucher">Gaucher Disease</ArticleTitle>' +
      '<AuthorList Type="authors"><Author ValidYN="Y"><LastName>Hughes</LastName><Initials>DA</Initials></Author></AuthorList>' +
      '<PublicationType UI="D016454">Review</PublicationType></BookDocument>' +
      '<PubmedBookData><ArticleIdList><ArticleId IdType="pubmed">20301295</ArticleId></ArticleIdList></PubmedBookData></PubmedBookArticle></PubmedArticleSet>';
    expect(parseEfetch(xml).get('20301295')).toEqual({
      pmid: '20301295',
      status: 'found',
      title: 'Gaucher Disease',
      journal: { title: 'GeneReviews®' },
      authors: [{ name: 'Hughes DA' }],
      year: 1993,
      publicationTypes: ['Review'],
    });
  });

  it.each([
    ['an empty set', '<?xml version="1.0" ?><PubmedArticleSet></PubmedArticleSet>'],
    ['a self-closed set', '<PubmedArticleSet/>'],
  ])('returns no records for %s', (_, xml) => {
    expect(parseEfetch(xml).size).toBe(0);
  });

  it.each([
    ['the recorded esummary8.xml', read('biopython/esummary8.xml'), /PubMed replied with an error: Neither query_key nor id specified/],
    ['an <eFetchResult><ERROR>', '<eFetchResult><ERROR>Empty id list - nothing todo</ERROR></eFetchResult>', /Empty id list/],
    ['a bare <ERROR>', '<ERROR>Cannot retrieve query</ERROR>', /Cannot retrieve query/],
    ['an <ERROR> inside the set', '<PubmedArticleSet><ERROR>Backend failed</ERROR></PubmedArticleSet>', /Backend failed/],
  ])('throws a reply-error EutilsError for %s', (_, xml, message) => {
    expect(() => parseEfetch(xml)).toThrow(message);
    try {
      parseEfetch(xml);
    } catch (error) {
      expect(error).toBeInstanceOf(EutilsError);
      expect((error as EutilsError).kind).toBe('reply-error');
    }
  });

  it.each([
    ['a truncated reply', PUBMED4.slice(0, PUBMED4.length / 2), /malformed efetch reply/, true],
    ['an empty body', '  ', /body is empty/, true],
    ['JSON', '{"error":"API rate limit exceeded"}', /malformed efetch reply/, true],
    ['another root element', '<eSearchResult><Count>0</Count></eSearchResult>', /root element is <eSearchResult>/, false],
  ])('throws a malformed EutilsError for %s', (_, xml, message, retryable) => {
    expect(() => parseEfetch(xml)).toThrow(message);
    try {
      parseEfetch(xml);
    } catch (error) {
      expect((error as EutilsError).kind).toBe('malformed');
      expect((error as EutilsError).retryable).toBe(retryable);
    }
  });
});
