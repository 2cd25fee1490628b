/**
 * Reads `pubmed-lock.json` from the library root. The lock is JSON, parsed
 * with the YAML parser (JSON is YAML) so its problems get line:column like
 * any entry's.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/diagnostic';
import { parseEntry } from '../load/parseEntry';
import { schemaId, schemaValidator } from '../core/loadSchemas';
import { schemaFindings } from '../validate/validateEntries';
import { LOCK_VERSION, migrateLegacySource, type PubmedLock } from './lockRecord';

import { LOCK_FILE } from '../core/fileNames';

/** The lock's file name, in the library root. */
export { LOCK_FILE };

export interface ReadLockResult {
  lock: PubmedLock;
  /** False when there is no lock file yet. */
  exists: boolean;
  /** Problems with the lock itself, as `pubmed-lock` findings. */
  findings: Finding[];
  /** The lock's text, for code frames. */
  text?: string;
  /** The version the file was written in; below LOCK_VERSION means it was converted on load and the next write upgrades it. */
  fileVersion?: number;
}

const EMPTY = (): PubmedLock => ({ lockVersion: LOCK_VERSION, records: {} });

/**
 * Parses lock text. A lock with problems yields findings and an empty lock:
 * nothing in it is trusted. A version 1 lock is converted to version 2 in
 * memory (each hand-entered source by migrateLegacySource, losslessly), so it
 * keeps working unchanged; `fileVersion` says which version the text was.
 */
export function parseLock(text: string): { lock: PubmedLock; findings: Finding[]; fileVersion?: number } {
  const parsed = parseEntry(LOCK_FILE, text);
  const relabel = (f: Finding): Finding => ({ ...f, rule: 'pubmed-lock', entry: undefined });
  if (!parsed.entry) return { lock: EMPTY(), findings: parsed.findings.map(relabel) };
  const validate = schemaValidator(schemaId('pubmed-lock'));
  if (!validate(parsed.entry.data)) {
    const findings = schemaFindings(parsed.entry, validate.errors ?? []).map(relabel);
    const hint = 'Fix the lock by hand as the message says, or restore it from git; `reflib pubmed sync` rewrites records it fetches.';
    return { lock: EMPTY(), findings: findings.map((f) => ({ ...f, hint: f.hint ?? hint })) };
  }
  const lock = parsed.entry.data as PubmedLock;
  const findings: Finding[] = [];
  for (const [key, record] of Object.entries(lock.records)) {
    if (record.pmid !== key) {
      findings.push({ file: LOCK_FILE, line: 1, column: 1, endLine: 1, endColumn: 2, rule: 'pubmed-lock', message: `record ${key} has pmid ${record.pmid}`, hint: 'Each record is keyed by its own PMID.' });
    }
  }
  if (findings.length) return { lock: EMPTY(), findings, fileVersion: lock.lockVersion };
  return { lock: upgrade(lock), findings, fileVersion: lock.lockVersion };
}

/** The lock in version 2 terms: every version 1 hand-entered source converted. */
function upgrade(lock: PubmedLock): PubmedLock {
  const records: PubmedLock['records'] = {};
  for (const [key, record] of Object.entries(lock.records)) {
    records[key] = record.source.type === 'hand-entered' ? { ...record, source: migrateLegacySource(record.source) } : record;
  }
  return { lockVersion: LOCK_VERSION, records };
}

/** Reads the lock under `root`; a missing lock is an empty one. */
export async function readLock(root: string): Promise<ReadLockResult> {
  let text: string;
  try {
    text = await fs.readFile(path.join(root, LOCK_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lock: EMPTY(), exists: false, findings: [] };
    throw err;
  }
  return { ...parseLock(text), exists: true, text };
}
