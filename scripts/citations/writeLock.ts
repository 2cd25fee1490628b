/**
 * Writes the lock in its canonical form: records sorted by PMID, fields in a
 * fixed order, two-space JSON. The same lock always gives the same bytes, so
 * a change shows as a small git diff. Written atomically.
 */
import path from 'node:path';
import { writeFileAtomic } from '../core/writeAtomic';
import { canonicalRecord, LOCK_VERSION, type LockRecord, type PubmedLock } from './lockRecord';
import { LOCK_FILE } from './readLock';

/** The canonical text of a lock. */
export function serializeLock(lock: PubmedLock): string {
  const records: Record<string, LockRecord> = {};
  for (const pmid of Object.keys(lock.records).sort((a, b) => Number(a) - Number(b))) {
    records[pmid] = canonicalRecord(lock.records[pmid]);
  }
  return JSON.stringify({ lockVersion: LOCK_VERSION, records }, null, 2) + '\n';
}

/** Writes the lock under `root` in canonical form. */
export async function writeLock(root: string, lock: PubmedLock): Promise<void> {
  await writeFileAtomic(path.join(root, LOCK_FILE), serializeLock(lock));
}
