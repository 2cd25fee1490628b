/**
 * Writes the lock in its canonical form: records sorted by PMID, fields in a
 * fixed order, two-space JSON. The same lock always gives the same bytes, so
 * a change shows as a small git diff. Written atomically.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LOCK_VERSION, type LockRecord, type PubmedLock } from './lockRecord';
import { LOCK_FILE } from './readLock';

const RECORD_ORDER: (keyof LockRecord)[] = [
  'pmid', 'status', 'source', 'title', 'vernacularTitle', 'authors', 'journal', 'year', 'volume', 'issue', 'pages', 'doi', 'pmcid',
  'publicationTypes', 'retractions', 'errata', 'expressionsOfConcern', 'coiStatement', 'grantAgencies',
];
const SOURCE_ORDER = ['type', 'baseUrl', 'fetched', 'checkedBy', 'checkedAgainst', 'checked', 'seenOnPubmed', 'note'];

function ordered<T extends object>(value: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of order) if ((value as Record<string, unknown>)[k] !== undefined) out[k] = (value as Record<string, unknown>)[k];
  // Keys outside the known order keep a stable, sorted place at the end.
  for (const k of Object.keys(value).filter((k) => !order.includes(k)).sort()) out[k] = (value as Record<string, unknown>)[k];
  return out as T;
}

/** The canonical text of a lock. */
export function serializeLock(lock: PubmedLock): string {
  const records: Record<string, LockRecord> = {};
  for (const pmid of Object.keys(lock.records).sort((a, b) => Number(a) - Number(b))) {
    const r = lock.records[pmid];
    records[pmid] = ordered({ ...r, source: ordered(r.source, SOURCE_ORDER) }, RECORD_ORDER as string[]);
  }
  return JSON.stringify({ lockVersion: LOCK_VERSION, records }, null, 2) + '\n';
}

/** Writes `text` to `file` atomically: a temporary file in the same folder, then a rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, text, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Writes the lock under `root` in canonical form. */
export async function writeLock(root: string, lock: PubmedLock): Promise<void> {
  await writeFileAtomic(path.join(root, LOCK_FILE), serializeLock(lock));
}
