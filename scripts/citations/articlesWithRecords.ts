/** An entry's article references joined with PubMed's records from the lock. */
import type { LoadedEntry } from '../load/parseEntry';
import { checkableArticles, type ArticleReference, type Located } from '../model/references';
import type { LockRecord, PubmedLock } from './lockRecord';

export type ArticleWithRecord = Located<ArticleReference> & { record?: LockRecord };

// Five checks join the same entry with the same lock in one run: the join
// is kept with the lock it was made with, and made again for another lock
// (every run reads the lock anew).
const joined = new WeakMap<LoadedEntry, { lock: PubmedLock; list: readonly ArticleWithRecord[] }>();

/** Well-formed article references, each with its lock record (undefined when the lock has none). */
export function articlesWithRecords(entry: LoadedEntry, lock: PubmedLock): readonly ArticleWithRecord[] {
  const hit = joined.get(entry);
  if (hit?.lock === lock) return hit.list;
  const list = checkableArticles(entry).map((a) => ({ ...a, record: lock.records[String(a.ref.pmid)] }));
  joined.set(entry, { lock, list });
  return list;
}
