/** Which PMIDs the library cites, and where: the input to `pubmed sync` and `pubmed status`. */
import type { LoadedEntry } from '../load/parseEntry';
import { diagnosePmid } from './diagnosePmid';

export interface Citing {
  entry: string;
  file: string;
}

/** Well-formed cited PMIDs (as digit strings), each with the entries that cite it, sorted by PMID. */
export function citedPmids(entries: readonly LoadedEntry[]): Map<string, Citing[]> {
  const out = new Map<string, Citing[]>();
  for (const e of entries) {
    const refs = (e.data as { references?: unknown })?.references;
    if (!Array.isArray(refs)) continue;
    for (const ref of refs) {
      if (!ref || typeof ref !== 'object' || (ref as { type?: unknown }).type !== 'article') continue;
      const pmid = (ref as { pmid?: unknown }).pmid;
      if (typeof pmid !== 'number' || diagnosePmid(pmid, String(pmid))) continue;
      const list = out.get(String(pmid)) ?? [];
      if (!list.some((c) => c.file === e.file.path)) list.push({ entry: e.id ?? '?', file: e.file.path });
      out.set(String(pmid), list);
    }
  }
  return new Map([...out].sort((a, b) => Number(a[0]) - Number(b[0])));
}
