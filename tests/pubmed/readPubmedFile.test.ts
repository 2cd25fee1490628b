/** Saved PubMed files: the real efetch recordings in ../shared/pubmed-fixtures/, MEDLINE, and hostile files. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEfetch } from '../../scripts/pubmed/parseEfetch';
import { detectFormat, PubmedFileError, readPubmedFile } from '../../scripts/pubmed/readPubmedFile';
import { REPO } from '../support/fixtures';

const SHARED = path.join(REPO, '../shared/pubmed-fixtures');
const shared = (rel: string) => readFileSync(path.join(SHARED, rel));
const medline = (name: string) => readFileSync(path.join(__dirname, 'fixtures/medline', name));
const NOW = '2026-12-06T10:00:00.000Z';

function refusal(name: string, bytes: Buffer | string): PubmedFileError {
  try {
    readPubmedFile(name, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), NOW);
  } catch (error) {
    if (error instanceof PubmedFileError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('readPubmedFile on the real efetch recordings', () => {
  it.each([
    ['biopython/pubmed1.xml', ['12091962', '9997']],
    ['biopython/pubmed4.xml', ['27797938']],
  ])('%s: every article, with the same fields sync gets from parseEfetch, as imported with the SHA-256', (rel, pmids) => {
    const bytes = shared(rel);
    const file = readPubmedFile(rel, bytes, NOW);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(file).toMatchObject({ format: 'efetch-xml', sha256 });
    expect(file.records.map((r) => r.record.pmid)).toEqual(pmids);
    const bySync = parseEfetch(bytes.toString('utf8'));
    for (const { record, line } of file.records) {
      const { source, ...fields } = record;
      expect(source).toEqual({ type: 'imported', file: path.basename(rel), sha256, format: 'efetch-xml', imported: NOW });
      expect(fields).toEqual(bySync.get(record.pmid));
      expect(line).toBeGreaterThan(1);
    }
  });

  it('keeps the full author list and the COI statement and grants of 27797938', () => {
    const [{ record }] = readPubmedFile('pubmed4.xml', shared('biopython/pubmed4.xml'), NOW).records;
    expect(record.authors).toHaveLength(22);
    expect(record.authorsComplete).toBeUndefined();
    expect(record.coiStatement).toBe('Competing interests: None declared.');
    expect(record.grantAgencies).toContain('NCI NIH HHS');
  });
});

describe('readPubmedFile on MEDLINE', () => {
  it('reads the real MEDLINE recordings as medline', () => {
    const file = readPubmedFile('pubmed_result4.txt', medline('pubmed_result4.txt'), NOW);
    expect(file.format).toBe('medline');
    expect(file.records[0].record).toMatchObject({ pmid: '37195739', source: { type: 'imported', format: 'medline', file: 'pubmed_result4.txt' } });
  });
});

describe('readPubmedFile refuses hostile files, saying where', () => {
  const pubmed1 = shared('biopython/pubmed1.xml').toString('utf8');
  it.each<[string, string | Buffer, RegExp]>([
    ['esummary JSON (astrocite)', shared('astrocite-eutils/pubmed.json'), /JSON \(an esummary reply\?\) is not accepted/],
    ["a saved esummary error reply (biopython's esummary8.xml)", shared('biopython/esummary8.xml'), /a saved PubMed error reply, not a record: Neither query_key nor id specified/],
    ['plain text', 'Pickering G et al. Nutrients 2020.', /not a PubMed record file/],
    ['an HTML page', '<!DOCTYPE html><html><body>PubMed</body></html>', /not readable as efetch XML/],
    ['a truncated efetch file', pubmed1.slice(0, Math.floor(pubmed1.length / 2)), /not readable as efetch XML/],
    ['an empty article set', '<?xml version="1.0"?><PubmedArticleSet></PubmedArticleSet>', /holds no PubMed record/],
    ['Latin-1 bytes', Buffer.from([0x50, 0x4d, 0x49, 0x44, 0x2d, 0x20, 0x31, 0x0a, 0x54, 0x49, 0x20, 0x20, 0x2d, 0x20, 0xe9, 0x0a]), /not UTF-8/],
    ['binary', Buffer.from([0x3c, 0x00, 0x01, 0x02]), /binary/],
    ['a MEDLINE record without a title', 'PMID- 123\nAU  - Doe J\n', /PMID 123 has no title/],
    ['the same PMID twice', pubmed1.replace('</PubmedArticleSet>', `${/<PubmedArticle>[\s\S]*?<\/PubmedArticle>/.exec(pubmed1)![0]}</PubmedArticleSet>`), /PMID 12091962 appears twice/],
  ])('%s', (name, bytes, message) => {
    const error = refusal(name, bytes);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${name}`)).toBe(true);
  });

  it('gives the line of a truncated file and of a bad MEDLINE line', () => {
    expect(refusal('cut.xml', pubmed1.slice(0, 2000)).line).toBeGreaterThan(1);
    expect(refusal('bad.txt', 'PMID- 1\nTI  - A\nnonsense\n').message).toBe('bad.txt:3: not readable as MEDLINE: not a MEDLINE field: "nonsense" (a field is TAG- value, the tag padded to four columns)');
  });

  it('detects the format from the content, not the name', () => {
    expect(detectFormat('\uFEFF  <?xml version="1.0"?>')).toBe('efetch-xml');
    expect(detectFormat('\nPMID- 1\n')).toBe('medline');
    expect(detectFormat('{"result": {}}')).toBeUndefined();
  });
});
