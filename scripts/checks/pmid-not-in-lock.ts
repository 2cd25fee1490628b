import { LOCK_FILE } from '../citations/readLock';
import { articlesWithRecords } from '../citations/articlesWithRecords';
import type { PubmedLock } from '../citations/lockRecord';
import type { Check } from './check';

/**
 * Whether `a` becomes `b` by one typing slip: a digit changed, added,
 * dropped, or two neighbours swapped.
 */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    const [i, j] = diff;
    return diff.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** The PMIDs PubMed knows, from the lock, one slip away from `pmid`, in order. */
export function lockedNeighbours(pmid: string, lock: PubmedLock): string[] {
  return Object.values(lock.records)
    .filter((r) => r.status === 'found' && oneSlipApart(pmid, r.pmid))
    .map((r) => r.pmid)
    .sort();
}

/**
 * A cited PMID the lock has no record of at all: nobody, not even by hand,
 * has checked that it exists. An error by default, so a made-up or mistyped
 * PMID cannot ship; pmid-unverified covers PMIDs the lock has but did not
 * fetch from PubMed.
 */
const check: Check = {
  meta: { id: 'pmid-not-in-lock', description: `A cited PMID has no record in ${LOCK_FILE} at all.`, defaultSeverity: 'error', scope: 'entry' },
  create({ lock, flag }) {
    // The neighbours of each missing PMID, worked out once per run.
    const neighbours = new Map<string, string[]>();
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          if (record) continue;
          const pmid = String(ref.pmid);
          let near = neighbours.get(pmid);
          if (!near) neighbours.set(pmid, (near = lockedNeighbours(pmid, lock)));
          const guess = near.length ? `Did you mean ${near.join(' or ')} (in the lock, one typing slip away)? ` : '';
          flag({
            data: { reference: ref.key, pmid: ref.pmid },
            entry,
            pointer: `${pointer}/pmid`,
            message: `PMID ${pmid} is not in ${LOCK_FILE}: nothing shows it exists`,
            hint: `${guess}If the PMID is right, run \`reflib pubmed sync\` where PubMed can be reached (or add a record by hand, see docs/pubmed-lock.md) and commit the lock.`,
          });
        }
      },
    };
  },
};

export default check;
