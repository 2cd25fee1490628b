/**
 * The PubMed lock of a generated benchmark library: the real lock's records,
 * with each hand-entered source relabelled as fetched.
 *
 * The real lock was seeded by hand and nothing has been fetched from PubMed
 * yet, so every cited PMID of the real library is a `pmid-unverified`
 * warning. A generated library copies those citations thousands of times; it
 * should validate clean, as a library does after `reflib pubmed sync`. The
 * bibliographic fields are left exactly as they are, so pmid-mismatch and the
 * other citation rules still compare every reference against a record. The
 * relabelled source says what it is in its `baseUrl`; this lock never leaves
 * the benchmark's temporary folder.
 */
import type { LockRecord } from '../../scripts/citations/lockRecord';

/** What a relabelled record's `source.baseUrl` says. */
export const RELABELLED_BASE_URL = 'reflib-bench: a hand-entered record of the real lock, relabelled as fetched for the benchmark';

/** The lock as JSON text, every record's source marked fetched (at a fixed time, so output is deterministic). */
export function relabelLock(lock: { lockVersion: number; records: Record<string, LockRecord> }): string {
  const records: Record<string, LockRecord> = {};
  for (const [pmid, record] of Object.entries(lock.records)) {
    records[pmid] = record.source.type === 'fetched' ? record : { ...record, source: { type: 'fetched', baseUrl: RELABELLED_BASE_URL, fetched: '2026-11-23T00:00:00.000Z' } };
  }
  return `${JSON.stringify({ ...lock, records }, null, 2)}\n`;
}
