/** Provenance levels: lock version 1 converted without claiming more, and the bundle's wording per level never claiming more than happened. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateLegacySource, type LegacyHandSource, type LockRecord } from '../../scripts/citations/lockRecord';
import { parseLock } from '../../scripts/citations/readLock';
import { serializeLock } from '../../scripts/citations/writeLock';
import { resolveReference, type ResolvedArticle } from '../../scripts/citations/resolveCitation';
import type { ArticleReference } from '../../scripts/model/references';
import { lockOf, record } from '../support/citations';
import { REPO } from '../support/fixtures';

const legacy = (seenOnPubmed: boolean, checkedAgainst: string): LegacyHandSource => ({ type: 'hand-entered', checkedBy: 'An editor', checkedAgainst, checked: '2026-11-20', seenOnPubmed, note: 'First author only.' });

describe('lock version 1 → 2', () => {
  it('makes a hand-entered record seen on a named PubMed page transcribed, keeping the original', () => {
    const old = legacy(true, 'https://pubmed.ncbi.nlm.nih.gov/33260549/');
    expect(migrateLegacySource(old)).toEqual({ type: 'transcribed', url: old.checkedAgainst, date: '2026-11-20', by: 'An editor', note: 'First author only.', migratedFrom: old });
  });

  it('makes "seen on PubMed" without a bare page URL corroborated, and says why', () => {
    const old = legacy(true, 'https://pubmed.ncbi.nlm.nih.gov/33260549/ (PMID seen on a PubMed or PMC page)');
    const m = migrateLegacySource(old);
    expect(m).toMatchObject({ type: 'corroborated', seenIn: old.checkedAgainst, recorded: '2026-11-20', by: 'An editor', migratedFrom: old });
    expect(m.note).toMatch(/named no page URL .* counts as corroborated/);
  });

  it('keeps an only-corroborated record corroborated', () => {
    expect(migrateLegacySource(legacy(false, 'https://example.org/review'))).toMatchObject({ type: 'corroborated', seenIn: 'https://example.org/review' });
  });

  it('reads a version 1 lock as version 2 and writes it back canonically, losing nothing', () => {
    const v1 = JSON.stringify({ lockVersion: 1, records: { 33260549: { pmid: '33260549', status: 'found', source: legacy(true, 'https://pubmed.ncbi.nlm.nih.gov/33260549/'), title: 'T.' } } });
    const { lock, findings, fileVersion } = parseLock(v1);
    expect(findings).toEqual([]);
    expect(fileVersion).toBe(1);
    const text = serializeLock(lock);
    expect(JSON.parse(text).lockVersion).toBe(2);
    expect(JSON.parse(text).records['33260549'].source.migratedFrom).toEqual(legacy(true, 'https://pubmed.ncbi.nlm.nih.gov/33260549/'));
    expect(parseLock(text)).toMatchObject({ findings: [], fileVersion: 2, lock });
  });

  it('refuses hand-entered in a version 2 lock', () => {
    const v2 = JSON.stringify({ lockVersion: 2, records: { 1: { pmid: '1', status: 'found', source: legacy(false, 'x') } } });
    expect(parseLock(v2).findings.length).toBeGreaterThan(0);
  });

  it('refuses a transcribed record without a page URL and date', () => {
    const v2 = JSON.stringify({ lockVersion: 2, records: { 1: { pmid: '1', status: 'found', source: { type: 'transcribed', url: 'my notes', by: 'x' } } } });
    expect(parseLock(v2).findings.map((f) => f.message).join('\n')).toMatch(/date|url/);
  });

  it('the real lock: six records transcribed from a named page on a date, three still corroborated, none claiming a fetch', () => {
    const text = readFileSync(path.join(REPO, 'pubmed-lock.json'), 'utf8');
    const { lock, findings, fileVersion } = parseLock(text);
    expect(findings).toEqual([]);
    expect(fileVersion).toBe(2);
    expect(serializeLock(lock)).toBe(text);
    const levels: Record<string, string[]> = {};
    for (const r of Object.values(lock.records)) (levels[r.source.type] ??= []).push(r.pmid);
    expect(levels).toEqual({ transcribed: ['23853635', '26404370', '29387426', '33260549', '33865376', '39252819'], corroborated: ['15650465', '20152124', '27933574'] });
    for (const r of Object.values(lock.records)) {
      if (r.source.type === 'transcribed') {
        expect(r.source.url).toMatch(/^https?:\/\/\S+$/);
        expect(r.source.date).toBe('2026-12-06');
        // Each was copied with its whole author list (the note names the pages each part came from).
        expect(r.authorsComplete).toBe(true);
      } else {
        expect(r.source).toHaveProperty('migratedFrom.type', 'hand-entered');
      }
    }
  });
});

const ref: ArticleReference = { key: 'p', type: 'article', pmid: 33260549, first_author: 'Pickering G', year: 2020, title: 'Magnesium Status and Stress: The Vicious Circle Concept Revisited', journal: 'Nutrients' };
const resolve = (r: LockRecord) => resolveReference(ref, lockOf(r)) as ResolvedArticle;
const THREE = [{ name: 'Pickering G' }, { name: 'Mazur A' }, { name: 'Trousselard M' }];

describe('the bundle: verification and its wording per level', () => {
  it.each<[string, LockRecord, string, RegExp]>([
    ['fetched', record(), 'verified', /^Matches PubMed's record\. Fetched from PubMed \(NCBI E-utilities\) on 2026-11-23\.$/],
    ['imported', record({ source: { type: 'imported', file: 'p.xml', sha256: 'ab'.repeat(32), format: 'medline', imported: '2026-12-01T08:00:00.000Z' } }), 'imported', /^Matches a saved copy of PubMed's record\. Read from a saved PubMed record \(MEDLINE text file p\.xml, SHA-256 abababababab…\), imported on 2026-12-01; not fetched from PubMed by reflib\.$/],
    ['transcribed', record({ source: { type: 'transcribed', url: 'https://pubmed.ncbi.nlm.nih.gov/33260549/', date: '2026-11-20', by: 'An editor' } }), 'transcribed', /^Matches a record a person copied by hand\. Copied by hand from https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/33260549\/ on 2026-11-20; not fetched from PubMed\.$/],
    ['corroborated', record({ source: { type: 'corroborated', seenIn: 'a review', recorded: '2026-11-20', by: 'An editor' } }), 'corroborated', /^Not checked against PubMed\. Seen only where others cite the paper/],
  ])('%s', (_, rec, verification, note) => {
    const r = resolve(rec);
    expect(r.verification).toBe(verification);
    expect(r.verificationNote).toMatch(note);
    if (verification !== 'verified') expect(r.verificationNote).not.toMatch(/verified|hand-checked|checked by a person on PubMed/i);
  });

  it('uses the lock record\'s authors at every level, complete only when the record says or came from PubMed', () => {
    const corroborated = { type: 'corroborated' as const, seenIn: 'notes', recorded: '2026-11-20', by: 'x' };
    expect(resolve(record({ source: corroborated, authors: THREE }))).toMatchObject({ authors: ['Pickering G', 'Mazur A', 'Trousselard M'], authorsComplete: false });
    expect(resolve(record({ source: corroborated, authors: THREE, authorsComplete: true })).citation).toMatch(/^Pickering G, Mazur A, Trousselard M\. Magnesium/);
    expect(resolve(record({ authors: THREE }))).toMatchObject({ authorsComplete: true });
    expect(resolve(record({ authors: THREE, authorsComplete: false })).citation).toMatch(/^Pickering G, Mazur A, Trousselard M, et al\./);
  });

  it('only PubMed\'s own text (fetched or imported) replaces the title the editor typed', () => {
    const odd = 'MAGNESIUM STATUS AND STRESS: the vicious circle concept revisited.';
    expect(resolve(record({ title: odd })).title).toBe(odd.replace(/\.$/, ''));
    expect(resolve(record({ title: odd, source: { type: 'corroborated', seenIn: 'n', recorded: '2026-11-20', by: 'x' } })).title).toBe(ref.title);
  });
});
