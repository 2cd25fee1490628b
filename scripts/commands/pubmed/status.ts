/** `reflib pubmed status`: each cited PMID's standing in the lock, with the entries that cite it. */
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { loadLibrary } from '../../load/loadLibrary';
import { citedPmids, type Citing } from '../../citations/citedPmids';
import { describeProvenance, isRetracted, provenanceOf, type LockRecord, type ProvenanceLevel, type ProvenanceSource } from '../../citations/lockRecord';
import { readLock } from '../../citations/readLock';
import { DEFAULT_MAX_AGE_DAYS } from './sync';

/**
 * missing: no record; corroborated / transcribed / imported: the record's
 * provenance level when it was not fetched (weakest first); stale: fetched
 * longer ago than --max-age; verified: fetched, fresh, and nothing else applies.
 */
export type Standing = 'missing' | 'corroborated' | 'transcribed' | 'imported' | 'stale' | 'not-found' | 'retracted' | 'corrected' | 'verified';

export interface StatusRow {
  pmid: string;
  /** Every standing that applies, most serious first; `verified` only when nothing else does. */
  standings: Standing[];
  citedBy: Citing[];
  title?: string;
  /** How the lock record was obtained: fetched, imported, transcribed or corroborated (absent when missing). */
  level?: ProvenanceLevel;
  /** The record's source: the file and its SHA-256, the page and date, the fetch time… */
  source?: ProvenanceSource;
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
  const source = provenanceOf(r);
  if (source.type !== 'fetched') out.push(source.type);
  else if (Date.parse(source.fetched) < cutoff) out.push('stale');
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
    ...(lock.records[pmid] ? { level: provenanceOf(lock.records[pmid]).type, source: provenanceOf(lock.records[pmid]) } : {}),
  }));
  if (format === 'json') return { output: JSON.stringify({ pmids: rows }, null, 2) + '\n', rows };
  const counts = new Map<Standing, number>();
  for (const r of rows) for (const s of r.standings) counts.set(s, (counts.get(s) ?? 0) + 1);
  const levels = new Map<string, number>();
  for (const r of rows) levels.set(r.level ?? 'no record', (levels.get(r.level ?? 'no record') ?? 0) + 1);
  const lines = [
    `${rows.length} cited PMIDs: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}`,
    `Records by how they were obtained: ${[...levels].map(([l, n]) => `${n} ${l}`).join(', ')}`,
    '',
  ];
  for (const r of rows) {
    lines.push(`${r.pmid}  ${r.standings.join(', ')}  ${r.title ?? ''}`.trimEnd());
    if (r.source) lines.push(`    ${r.level}: ${describeProvenance(r.source)}`);
    for (const c of r.citedBy) lines.push(`    cited by ${c.entry}  ${c.file}`);
  }
  return { output: lines.join('\n') + '\n', rows };
}
