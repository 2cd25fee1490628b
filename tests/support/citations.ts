/** Fixtures for the citation checks: an entry citing one article, and lock records. */
import type { LockRecord, PubmedLock } from '../../scripts/citations/lockRecord';

export interface ArticleOptions {
  /** The pmid value as written in YAML (line 14). */
  pmid?: string;
  firstAuthor?: string;
  year?: string;
  title?: string;
  journal?: string;
  /** YAML for the coi mapping's body, indented 6 (line 20 on); '' to drop coi. */
  coi?: string;
  /** Extra YAML lines for the reference, indented 4, after coi. */
  refExtra?: string;
  /** Extra top-level YAML, before references (from line 11). */
  extra?: string;
  /** The entry's status; published by default. */
  status?: string;
}

/**
 * A misconception citing one article. Lines: 12 `- key: p`, 13 type, 14 pmid,
 * 15 first_author, 16 year, 17 title, 18 journal, 19 `coi:`, 20 its status.
 */
export function articleEntry(o: ArticleOptions = {}): string {
  const coi = o.coi ?? 'status: not-checked\n';
  return [
    'id: bbbb0001',
    'kind: misconception',
    'title: An entry citing an article',
    `status: ${o.status ?? 'published'}`,
    'updated: 2026-11-23',
    'summary: A summary long enough for the schema.',
    'claim: More is better.',
    'verdict: incorrect',
    'correction: Above the upper limit it causes diarrhoea.',
    'cite: [p]',
    (o.extra ?? '') + 'references:',
    '  - key: p',
    '    type: article',
    `    pmid: ${o.pmid ?? '33260549'}`,
    `    first_author: ${o.firstAuthor ?? 'Pickering G'}`,
    `    year: ${o.year ?? '2020'}`,
    `    title: "${o.title ?? 'Magnesium Status and Stress: The Vicious Circle Concept Revisited'}"`,
    `    journal: ${o.journal ?? 'Nutrients'}`,
    ...(coi ? ['    coi:', ...coi.trimEnd().split('\n').map((l) => `      ${l}`)] : []),
    ...(o.refExtra ? o.refExtra.trimEnd().split('\n').map((l) => `    ${l}`) : []),
    '',
  ].join('\n');
}

/** A fetched record for Pickering 2020, with overrides. */
export function record(overrides: Partial<LockRecord> = {}): LockRecord {
  return {
    pmid: '33260549',
    status: 'found',
    source: { type: 'fetched', baseUrl: 'http://127.0.0.1/eutils', fetched: '2026-11-23T00:00:00.000Z' },
    title: 'Magnesium Status and Stress: The Vicious Circle Concept Revisited.',
    authors: [{ name: 'Pickering G' }, { name: 'Mazur A' }],
    journal: { abbreviation: 'Nutrients', title: 'Nutrients' },
    year: 2020,
    ...overrides,
  };
}

export function lockOf(...records: LockRecord[]): PubmedLock {
  return { lockVersion: 1, records: Object.fromEntries(records.map((r) => [r.pmid, r])) };
}
