/** An entry's article references joined with PubMed's records from the lock. */
import type { LoadedEntry } from '../load/parseEntry';
import { checkableArticles, type ArticleReference, type Located } from '../model/references';
import type { LockRecord, PubmedLock } from './lockRecord';

/** Well-formed article references, each with its lock record (undefined when the lock has none). */
export function articlesWithRecords(entry: LoadedEntry, lock: PubmedLock): (Located<ArticleReference> & { record?: LockRecord })[] {
  return checkableArticles(entry).map((a) => ({ ...a, record: lock.records[String(a.ref.pmid)] }));
}
