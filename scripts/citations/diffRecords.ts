/** What changed between two lock records of one PMID: for sync's report when a fetch replaces a record. */
import type { LockRecord } from './lockRecord';
import { normalizeText } from './normalizeText';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Fields where `after` differs from `before`, comparing only what `before`
 * has (a record entered by hand lists few fields). Titles compare after
 * normalising case and punctuation.
 */
export function diffRecords(before: LockRecord, after: LockRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (field: string, a: unknown, b: unknown, same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y)) => {
    if (a !== undefined && !same(a, b)) changes.push({ field, before: show(a), after: show(b) });
  };
  compare('status', before.status, after.status);
  compare('title', before.title, after.title, (x, y) => typeof y === 'string' && normalizeText(String(x)) === normalizeText(y));
  compare('first author', before.authors?.[0]?.name, after.authors?.[0]?.name);
  compare('journal', before.journal?.abbreviation, after.journal?.abbreviation);
  for (const f of ['year', 'volume', 'issue', 'pages', 'doi', 'pmcid', 'coiStatement'] as const) compare(f, before[f], after[f]);
  const ids = (r: LockRecord, f: 'retractions' | 'errata' | 'expressionsOfConcern') => (r[f] ?? []).map((n) => n.pmid ?? n.citation).sort();
  for (const f of ['retractions', 'errata', 'expressionsOfConcern'] as const) {
    if (before[f] !== undefined || after[f] !== undefined) compare(f, ids(before, f), ids(after, f));
  }
  return changes;
}
