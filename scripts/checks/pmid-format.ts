import { writtenNumber } from '../core/locatePointer';
import type { Check } from './check';
import { diagnosePmid } from '../citations/diagnosePmid';

/** Each article's `pmid` must be a positive whole number of at most 8 digits, with no leading zero. */
const check: Check = {
  meta: { id: 'pmid-format', description: 'A PMID that is not a well-formed PubMed ID (a PMCID, DOI or URL in its place, a leading zero, too many digits).', defaultSeverity: 'error', scope: 'entry' },
  create({ flag }) {
    return {
      entry(entry) {
        const refs = (entry.data as { references?: unknown } | null)?.references;
        if (!Array.isArray(refs)) return;
        refs.forEach((ref, i) => {
          if (!ref || typeof ref !== 'object' || (ref as { type?: unknown }).type !== 'article' || !('pmid' in ref)) return;
          const pointer = `/references/${i}/pmid`; // toPointer(['references', i, 'pmid']), which needs no escaping
          const pmid = (ref as { pmid: unknown }).pmid;
          const problem = diagnosePmid(pmid, typeof pmid === 'number' ? writtenNumber(entry.file, pointer, pmid) : undefined);
          const key = (ref as { key?: unknown }).key;
          if (problem) flag({ entry, pointer, ...problem, ...(typeof key === 'string' ? { data: { reference: key } } : {}) });
        });
      },
    };
  },
};

export default check;
