/** `reflib pubmed import`: the real efetch recordings into a lock, what status and the bundle then say, and refusals that leave the lock byte-identical. */
import { cpSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRecords, MAX_IMPORT_BYTES } from '../../scripts/commands/pubmed/import';
import { status } from '../../scripts/commands/pubmed/status';
import { build } from '../../scripts/commands/build';
import { parseLock } from '../../scripts/citations/readLock';
import { serializeLock } from '../../scripts/citations/writeLock';
import { entry, makeLibrary, REPO, runCliAsync, tempDir } from '../support/fixtures';

const SHARED = path.join(REPO, '../shared/pubmed-fixtures/biopython');
const PUBMED1 = path.join(SHARED, 'pubmed1.xml');
const PUBMED4 = path.join(SHARED, 'pubmed4.xml');
const MEDLINE4 = path.join(__dirname, '../pubmed/fixtures/medline/pubmed_result4.txt');
const NOW = () => new Date('2026-12-06T10:00:00.000Z');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const lockText = (root: string) => readFileSync(path.join(root, 'pubmed-lock.json'), 'utf8');

/** A misconception citing one article. */
function citing(id: string, pmid: string, firstAuthor: string, year: number, title: string, journal: string): string {
  return entry('misconception', id)
    .replace('references:\n', `references:\n  - key: p\n    type: article\n    pmid: ${pmid}\n    first_author: ${firstAuthor}\n    year: ${year}\n    title: "${title}"\n    journal: ${journal}\n    coi: {status: not-checked}\n`)
    .replace('cite: [ods]', 'cite: [ods, p]');
}

/** A library citing the papers of the shared recordings (27797938 in pubmed4.xml, 12091962 in pubmed1.xml), with an empty lock. */
function recordingsLibrary(): string {
  return makeLibrary({
    'entries/gut.yaml': citing('aa000001', '27797938', 'Bao Y', 2017, 'Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer', 'Gut'),
    'entries/aids.yaml': citing('aa000002', '12091962', 'Olivero JM', 1990, 'The treatment of AIDS behind the walls of correctional facilities', 'Soc Justice'),
    'pubmed-lock.json': '{ "lockVersion": 2, "records": {} }\n',
  });
}

function copyRealLibrary(): string {
  const root = tempDir('reflib-import-');
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  return root;
}

describe('pubmed import of the shared efetch recordings', () => {
  it('adds imported records with each file\'s SHA-256, which status and the bundle show as imported', async () => {
    const root = recordingsLibrary();
    const r = await importRecords({ cwd: root, files: [PUBMED1, PUBMED4], now: NOW });
    expect(r.exitCode).toBe(0);
    expect(r.pmids.map((p) => [p.pmid, p.action, p.cited])).toEqual([['12091962', 'added', true], ['9997', 'added', false], ['27797938', 'added', true]]);
    expect(r.output).toMatch(/^Imported 3 records from 2 files into pubmed-lock.json \(3 added, 0 replaced/);
    expect(r.output).toContain(`pubmed4.xml: efetch XML, 1 record, SHA-256 ${sha(PUBMED4)}`);
    expect(r.output).toMatch(/PMID 9997 \(.*pubmed1.xml\): added as imported; no entry cites it/);

    const text = lockText(root);
    const { lock, findings } = parseLock(text);
    expect(findings).toEqual([]);
    expect(text).toBe(serializeLock(lock));
    expect(lock.records['27797938'].source).toEqual({ type: 'imported', file: 'pubmed4.xml', sha256: sha(PUBMED4), format: 'efetch-xml', imported: '2026-12-06T10:00:00.000Z' });
    expect(lock.records['12091962'].source).toMatchObject({ type: 'imported', file: 'pubmed1.xml', sha256: sha(PUBMED1) });

    const s = await status({ cwd: root, format: 'json' });
    expect(s.rows.map((row) => [row.pmid, row.level, row.standings]).sort()).toEqual([['12091962', 'imported', ['imported']], ['27797938', 'imported', ['imported']]]);
    const text2 = (await status({ cwd: root })).output;
    expect(text2).toContain('Records by how they were obtained: 2 imported');
    expect(text2).toMatch(/27797938 {2}imported {2}Leucocyte telomere length[^\n]*\n {4}imported: Read from a saved PubMed record \(efetch XML file pubmed4\.xml, SHA-256 [0-9a-f]{12}…\), imported on 2026-12-06; not fetched from PubMed by reflib\./);

    expect((await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1795000000' } })).exitCode).toBe(0);
    const gut = JSON.parse(readFileSync(path.join(root, 'dist/1.0.0/entries/aa000001.json'), 'utf8')).entry.references.find((x: { key: string }) => x.key === 'p');
    expect(gut.verification).toBe('imported');
    expect(gut.verificationNote).toMatch(/^Matches a saved copy of PubMed's record\. Read from a saved PubMed record \(efetch XML file pubmed4\.xml/);
    expect(gut.verificationNote).not.toMatch(/verified|hand-checked|checked by a person/i);
    expect(gut.authors).toHaveLength(22);
    expect(gut.authorsComplete).toBe(true);
  });

  it('imports MEDLINE text the same way, recording its format', async () => {
    const root = recordingsLibrary();
    const r = await importRecords({ cwd: root, files: [MEDLINE4], now: NOW });
    expect(r.exitCode).toBe(0);
    expect(parseLock(lockText(root)).lock.records['37195739'].source).toMatchObject({ type: 'imported', format: 'medline', file: 'pubmed_result4.txt', sha256: sha(MEDLINE4) });
  });

  it('into the real library: adds the uncited record, says so, and upgrades the lock to version 2 without changing a record', async () => {
    const root = copyRealLibrary();
    const before = parseLock(lockText(root)).lock;
    const r = await importRecords({ cwd: root, files: [PUBMED4], now: NOW });
    expect(r.output).toMatch(/PMID 27797938 .*: added as imported; no entry cites it/);
    const after = parseLock(lockText(root)).lock;
    expect(after.lockVersion).toBe(2);
    const { 27797938: added, ...rest } = after.records;
    expect(added.source.type).toBe('imported');
    expect(rest).toEqual(before.records);
  });

  it('leaves the lock alone when importing the same file again, and never replaces a fetched record', async () => {
    const root = recordingsLibrary();
    await importRecords({ cwd: root, files: [PUBMED4], now: NOW });
    const once = lockText(root);
    const again = await importRecords({ cwd: root, files: [PUBMED4], now: () => new Date('2027-01-01T00:00:00Z') });
    expect(again.pmids.map((p) => p.action)).toEqual(['unchanged']);
    expect(lockText(root)).toBe(once);

    const { lock } = parseLock(once);
    lock.records['27797938'] = { ...lock.records['27797938'], source: { type: 'fetched', baseUrl: 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils', fetched: '2026-12-01T00:00:00.000Z' } };
    writeFileSync(path.join(root, 'pubmed-lock.json'), serializeLock(lock));
    const fetched = lockText(root);
    const r = await importRecords({ cwd: root, files: [PUBMED4], now: NOW });
    expect(r.pmids.map((p) => p.action)).toEqual(['kept-fetched']);
    expect(r.output).toMatch(/kept the record fetched from PubMed/);
    expect(lockText(root)).toBe(fetched);
  });

  it('replaces a corroborated record and reports where the saved record differs', async () => {
    const root = recordingsLibrary();
    writeFileSync(path.join(root, 'pubmed-lock.json'), JSON.stringify({ lockVersion: 1, records: { 27797938: { pmid: '27797938', status: 'found', source: { type: 'hand-entered', checkedBy: 'An editor', checkedAgainst: 'a review citing it', checked: '2026-11-01', seenOnPubmed: false }, title: 'Telomeres and pancreatic cancer.', year: 2017 } } }));
    const r = await importRecords({ cwd: root, files: [PUBMED4], now: NOW });
    expect(r.pmids[0]).toMatchObject({ action: 'replaced', was: 'corroborated' });
    expect(r.output).toMatch(/replaced the corroborated record with an imported one\n {2}the saved record differs from the corroborated one it replaces:\n {4}title: "Telomeres and pancreatic cancer\." → "Leucocyte/);
  });
});

describe('pubmed import refuses bad files and leaves the lock byte-identical', () => {
  const cases: [string, (dir: string) => string[], RegExp][] = [
    ['a file that is not XML', (d) => [write(d, 'notes.txt', 'Bao Y et al. Gut 2017.')], /notes\.txt:1: not a PubMed record file/],
    ['a truncated recording', (d) => [write(d, 'cut.xml', readFileSync(PUBMED4, 'utf8').slice(0, 5000))], /cut\.xml:\d+: not readable as efetch XML/],
    ['a huge file, refused before it is read', (d) => {
      const f = write(d, 'huge.xml', '');
      truncateSync(f, MAX_IMPORT_BYTES + 1);
      return [f];
    }, /huge\.xml: 67108865 bytes, more than the 67108864/],
    ['a file named for another PMID than it holds', (d) => [write(d, '27797939.xml', readFileSync(PUBMED4))], /27797939\.xml:\d+: named for PMID 27797939, but holds PMID 27797938/],
    ['the same PMID with different content in two files', (d) => [PUBMED4, write(d, 'edited.xml', readFileSync(PUBMED4, 'utf8').replace('<Volume>66</Volume>', '<Volume>67</Volume>'))], /edited\.xml:\d+: PMID 27797938 is also in .*pubmed4\.xml:\d+, with different content \(volume\)/],
    ['the same file twice', () => [PUBMED4, PUBMED4], /the same bytes as/],
    ['a missing file beside a good one', (d) => [PUBMED1, path.join(d, 'absent.xml')], /absent\.xml: no such file/],
  ];
  function write(dir: string, name: string, content: string | Buffer): string {
    const f = path.join(dir, name);
    writeFileSync(f, content);
    return f;
  }
  it.each(cases)('%s', async (_, files, message) => {
    const root = copyRealLibrary();
    const before = readFileSync(path.join(root, 'pubmed-lock.json'));
    const dir = tempDir('reflib-import-files-');
    const r = await importRecords({ cwd: root, files: files(dir), now: NOW });
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^Nothing imported: pubmed-lock.json is unchanged\./);
    expect(r.errors.join('\n')).toMatch(message);
    expect(readFileSync(path.join(root, 'pubmed-lock.json')).equals(before)).toBe(true);
  });

  it('accepts the same record in two files when the content is the same, recording the first', async () => {
    const root = recordingsLibrary();
    const dir = tempDir('reflib-import-files-');
    const copy = path.join(dir, 'copy.xml');
    writeFileSync(copy, readFileSync(PUBMED4, 'utf8').replace('<?xml version="1.0" ?>', '<?xml version="1.0"?>'));
    const r = await importRecords({ cwd: root, files: [PUBMED4, copy], now: NOW });
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('PMID 27797938 is also in');
    expect(parseLock(lockText(root)).lock.records['27797938'].source).toMatchObject({ file: 'pubmed4.xml' });
  });

  it('refuses to import over a broken lock', async () => {
    const root = recordingsLibrary();
    writeFileSync(path.join(root, 'pubmed-lock.json'), '{"lockVersion": 2, "records": {');
    await expect(importRecords({ cwd: root, files: [PUBMED4] })).rejects.toThrow(/pubmed-lock.json is broken/);
  });
});

describe('reflib pubmed import (the CLI)', () => {
  it('imports, prints what changed per PMID, and exits 1 on a bad file', async () => {
    const root = recordingsLibrary();
    const ok = await runCliAsync(['pubmed', 'import', PUBMED4], root);
    expect(ok.stderr).not.toMatch(/Error/);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/PMID 27797938 \(.*pubmed4\.xml\): added as imported/);
    const bad = await runCliAsync(['pubmed', 'import', path.join(REPO, 'package.json')], root);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/package\.json:1: not a PubMed record file/);
    const none = await runCliAsync(['pubmed', 'import'], root);
    expect(none.code).toBe(2);
  });
});
