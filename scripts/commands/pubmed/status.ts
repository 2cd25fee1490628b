/** `reflib pubmed status`: each cited PMID's standing in the lock, with the entries that cite it. */
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { loadLibrary } from '../../load/loadLibrary';
import { citedPmids, type Citing } from '../../citations/citedPmids';
import { isRetracted, type LockRecord } from '../../citations/lockRecord';
import { readLock } from '../../citations/readLock';
import { DEFAULT_MAX_AGE_DAYS } from './sync';

export type Standing = 'missing' | 'corroborated' | 'hand-entered' | 'stale' | 'not-found' | 'retracted' | 'corrected' | 'verified';

export interface StatusRow {
  pmid: string;
  /** Every standing that applies, most serious first; `verified` only when nothing else does. */
  standings: Standing[];
  citedBy: Citing[];
  title?: string;
}

export interface StatusOptions {
  cwd: string;
  root?: string;
  format?: string;
  maxAgeDays?: number;
  now?: () => Date;
}

function standingsOf(r: LockRecord | undefined, cutoff: number): Standing[] {
  if (!r) return ['missing'];
  const out: Standing[] = [];
  if (r.status === 'not-found') out.push('not-found');
  if (isRetracted(r)) out.push('retracted');
  if ((r.errata?.length ?? 0) + (r.expressionsOfConcern?.length ?? 0) > 0) out.push('corrected');
  if (r.source.type === 'hand-entered') out.push(r.source.seenOnPubmed ? 'hand-entered' : 'corroborated');
  else if (Date.parse(r.source.fetched) < cutoff) out.push('stale');
  return out.length ? out : ['verified'];
}

/** Lists every cited PMID with its standing. */
export async function status(options: StatusOptions): Promise<{ output: string; rows: StatusRow[] }> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" for pubmed status`, 'Use text or json.');
  const root = resolveRoot(options);
  const { library } = await loadLibrary(root);
  const { lock } = await readLock(root);
  const cutoff = (options.now ?? (() => new Date()))().getTime() - (options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS) * 86_400_000;
  const rows: StatusRow[] = [...citedPmids(library.entries)].map(([pmid, citedBy]) => ({
    pmid,
    standings: standingsOf(lock.records[pmid], cutoff),
    citedBy,
    title: lock.records[pmid]?.title,
  }));
  if (format === 'json') return { output: JSON.stringify({ pmids: rows }, null, 2) + '\n', rows };
  const counts = new Map<Standing, number>();
  for (const r of rows) for (const s of r.standings) counts.set(s, (counts.get(s) ?? 0) + 1);
  const lines = [`${rows.length} cited PMIDs: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}`, ''];
  for (const r of rows) {
    lines.push(`${r.pmid}  ${r.standings.join(', ')}  ${r.title ?? ''}`.trimEnd());
    for (const c of r.citedBy) lines.push(`    cited by ${c.entry}  ${c.file}`);
  }
  return { output: lines.join('\n') + '\n', rows };
}
