import { articlesWithRecords } from '../citations/articlesWithRecords';
import { compareWithRecord } from '../citations/compareWithRecord';
import type { Check } from './check';

/**
 * What the entry states about a paper (first author, year, journal, title)
 * must match PubMed's record for its PMID. This catches a PMID typo that
 * points at another real paper.
 */
const check: Check = {
  meta: { id: 'pmid-mismatch', description: "What the entry states about a paper does not match PubMed's record for its PMID.", defaultSeverity: 'error', scope: 'entry' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          if (!record || record.status !== 'found') continue;
          for (const m of compareWithRecord(ref, record)) {
            flag({ data: { reference: ref.key, pmid: ref.pmid },
              entry,
              pointer: `${pointer}/${m.field}`,
              message: `${m.field} is "${m.stated}" but PubMed's record for PMID ${ref.pmid} says "${m.pubmed}"`,
              hint: `If the PMID is right, correct ${m.field}; if the ${m.field} is right, the PMID probably points at another paper.`,
            });
          }
        }
      },
    };
  },
};

export default check;
