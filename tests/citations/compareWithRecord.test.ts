import { describe, expect, it } from 'vitest';
import { compareWithRecord } from '../../scripts/citations/compareWithRecord';
import { normalizeRecurring, normalizeText } from '../../scripts/citations/normalizeText';
import type { LockRecord } from '../../scripts/citations/lockRecord';
import type { ArticleReference } from '../../scripts/model/references';
import { record } from '../support/citations';

const ref = (i: number, overrides: Partial<ArticleReference> = {}): ArticleReference => ({
  key: `r${i}`,
  type: 'article',
  pmid: 33260549,
  first_author: 'Pickering G',
  year: 2020,
  title: 'Magnesium status and stress: the vicious circle concept revisited',
  journal: 'Nutrients',
  ...overrides,
});

/** The record with its text fields behind getters that count their reads. */
function counted(r: LockRecord): { record: LockRecord; reads: () => number } {
  let reads = 0;
  const out = { ...r };
  for (const field of ['title', 'vernacularTitle', 'authors', 'journal'] as const) {
    const value = r[field];
    Object.defineProperty(out, field, { enumerable: true, get: () => (reads++, value) });
  }
  return { record: out, reads: () => reads };
}

describe('compareWithRecord', () => {
  it("reads and normalises a lock record's text once per record, not once per citing reference", () => {
    const { record: r, reads } = counted(record());
    expect(compareWithRecord(ref(0), r)).toEqual([]);
    const once = reads();
    expect(once).toBeGreaterThan(0);
    for (let i = 1; i < 500; i++) expect(compareWithRecord(ref(i), r)).toEqual([]);
    expect(reads()).toBe(once);
  });

  it('normalises a reference once, however many records it is compared with', () => {
    let reads = 0;
    const r = ref(0);
    const title = r.title;
    Object.defineProperty(r, 'title', { enumerable: true, get: () => (reads++, title) });
    for (let i = 0; i < 50; i++) expect(compareWithRecord(r, record())).toEqual([]);
    expect(reads).toBe(1);
  });

  it('still reports every field that differs, with both values as written', () => {
    const other = record({ title: 'Enhancement of learning and memory.', authors: [{ name: 'Slutsky I' }], journal: { abbreviation: 'Neuron' }, year: 2010 });
    for (let i = 0; i < 3; i++) {
      expect(compareWithRecord(ref(i), other)).toEqual([
        { field: 'first_author', stated: 'Pickering G', pubmed: 'Slutsky I' },
        { field: 'year', stated: '2020', pubmed: '2010' },
        { field: 'journal', stated: 'Nutrients', pubmed: 'Neuron' },
        { field: 'title', stated: 'Magnesium status and stress: the vicious circle concept revisited', pubmed: 'Enhancement of learning and memory.' },
      ]);
    }
  });

  it('remembers normalised text by value, with the same result as normalising it', () => {
    for (const s of ['Gröber U', 'Nutrients & Co.', '  [Long-term HRV analysis]. ', 'Ｆｕｌｌｗｉｄｔｈ', '']) {
      expect(normalizeRecurring(s)).toBe(normalizeText(s));
      expect(normalizeRecurring(s)).toBe(normalizeText(s));
    }
  });
});
