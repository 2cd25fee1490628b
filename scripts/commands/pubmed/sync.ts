/**
 * `reflib pubmed sync`: fetch PubMed's records for cited PMIDs that are
 * missing from the lock, not fetched (imported, transcribed or
 * corroborated), or older than --max-age, and write
 * them into the lock after every batch (atomically), so an interrupted sync
 * keeps what it fetched.
 */
import { UsageError } from '../../core/usageError';
import { recoverInterruptedWrites } from '../../core/writeAtomic';
import { resolveRoot } from '../../core/resolveRoot';
import { loadLibrary } from '../../load/loadLibrary';
import { citedPmids } from '../../citations/citedPmids';
import { diffRecords, type FieldChange } from '../../citations/diffRecords';
import { fetchRecords, type FetchFailure } from '../../pubmed/fetchRecords';
import { provenanceLevel, type LockRecord, type ProvenanceLevel } from '../../citations/lockRecord';
import { LOCK_FILE, readLock } from '../../citations/readLock';
import { writeLock } from '../../citations/writeLock';

export const DEFAULT_BASE_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils';
export const DEFAULT_MAX_AGE_DAYS = 180;

export interface SyncOptions {
  cwd: string;
  root?: string;
  /** E-utilities base URL: a mirror or a test server can stand in. */
  baseUrl?: string;
  /** Contact address NCBI asks every client to send. */
  email?: string;
  /** NCBI API key (10 requests/s instead of 3). Never printed or stored. */
  apiKey?: string;
  /** Re-fetch fetched records older than this many days. */
  maxAgeDays?: number;
  /** Re-fetch every cited PMID. */
  all?: boolean;
  /** Passed through to the client (tests make these small). */
  timeoutMs?: number;
  maxTries?: number;
  backoffBaseMs?: number;
  /** Progress lines, e.g. for a TTY. */
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

export interface SyncResult {
  /** 0: everything needed was fetched; 1: some batches failed (what was fetched is kept). */
  exitCode: 0 | 1;
  output: string;
  fetched: LockRecord[];
  failed: FetchFailure[];
  /** Differences found when a fetched record replaced an earlier one. */
  changes: { pmid: string; was: ProvenanceLevel; changes: FieldChange[] }[];
}

/** Which cited PMIDs need fetching now. */
export function pmidsToFetch(cited: Iterable<string>, records: Record<string, LockRecord>, options: { now: Date; maxAgeDays: number; all?: boolean }): string[] {
  const cutoff = options.now.getTime() - options.maxAgeDays * 86_400_000;
  return [...cited].filter((pmid) => {
    const r = records[pmid];
    if (options.all || !r || r.source.type !== 'fetched') return true;
    return Date.parse(r.source.fetched) < cutoff;
  });
}

/** Runs a sync against E-utilities (or `baseUrl`). */
export async function sync(options: SyncOptions): Promise<SyncResult> {
  const root = resolveRoot(options);
  const email = options.email ?? process.env.NCBI_EMAIL;
  if (!email) throw new UsageError('pubmed sync needs a contact email for NCBI', 'Pass --email you@example.org or set NCBI_EMAIL; NCBI asks every client to identify itself.');
  const now = options.now ?? (() => new Date());
  const { library } = await loadLibrary(root);
  // A sync killed while writing the lock leaves a temporary beside it: remove it, whether or not this run writes.
  await recoverInterruptedWrites(root, LOCK_FILE);
  const current = await readLock(root);
  if (current.findings.length) throw new UsageError(`${LOCK_FILE} is broken: ${current.findings[0].message} (line ${current.findings[0].line})`, 'Fix or restore it from git before syncing; reflib validate shows every problem.');
  const lock = current.lock;
  const cited = citedPmids(library.entries);
  const wanted = pmidsToFetch(cited.keys(), lock.records, { now: now(), maxAgeDays: options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS, all: options.all });
  const changes: SyncResult['changes'] = [];
  if (wanted.length === 0) {
    return { exitCode: 0, output: `${cited.size} cited PMIDs; all have fresh records in ${LOCK_FILE}. Nothing to fetch.\n`, fetched: [], failed: [], changes };
  }
  const result = await fetchRecords(wanted, {
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    tool: 'reflib',
    email,
    apiKey: options.apiKey ?? process.env.NCBI_API_KEY,
    timeoutMs: options.timeoutMs,
    maxTries: options.maxTries,
    backoffBaseMs: options.backoffBaseMs,
    onProgress: options.onProgress,
    now,
    // Write after every batch: a crash or Ctrl-C later keeps what came before.
    onBatch: async (records) => {
      for (const r of records) {
        const before = lock.records[r.pmid];
        if (before) {
          const diff = diffRecords(before, r);
          if (diff.length) changes.push({ pmid: r.pmid, was: provenanceLevel(before), changes: diff });
        }
        lock.records[r.pmid] = r;
      }
      await writeLock(root, lock);
    },
  });
  const lines: string[] = [];
  const notFound = result.records.filter((r) => r.status === 'not-found').map((r) => r.pmid);
  lines.push(`Fetched ${result.records.length} of ${wanted.length} records from PubMed into ${LOCK_FILE}.`);
  if (notFound.length) lines.push(`Not in PubMed: ${notFound.join(', ')} (validate reports them as pmid-not-found).`);
  for (const c of changes) {
    lines.push(`PMID ${c.pmid}: PubMed's record differs from the ${c.was} one it replaces:`);
    for (const ch of c.changes) lines.push(`  ${ch.field}: "${ch.before}" → "${ch.after}"`);
  }
  for (const f of result.failed) lines.push(`Failed for ${f.pmids.length} PMIDs (${f.pmids.slice(0, 5).join(', ')}${f.pmids.length > 5 ? ', …' : ''}): ${f.error}`);
  if (result.failed.length) lines.push('What was fetched is saved; run sync again to fetch the rest.');
  return { exitCode: result.failed.length ? 1 : 0, output: lines.join('\n') + '\n', fetched: result.records, failed: result.failed, changes };
}
