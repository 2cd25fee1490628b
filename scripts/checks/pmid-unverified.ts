import { LOCK_FILE } from '../citations/readLock';
import { articlesWithRecords } from '../citations/articlesWithRecords';
import type { Check } from './check';

/**
 * A cited PMID with no record fetched from PubMed. Hand-entered and
 * corroborated records still count as unverified: the message says which.
 * A warning by default; `validate --strict` makes it an error.
 */
const check: Check = {
  meta: { id: 'pmid-unverified', description: 'A cited PMID has no record fetched from PubMed in the lock.', defaultSeverity: 'warning' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          if (record?.source.type === 'fetched') continue;
          const at = { entry, pointer: `${pointer}/pmid`, hint: 'Run `reflib pubmed sync` where PubMed can be reached, and commit the lock.' };
          if (!record) {
            flag({ data: { reference: ref.key, pmid: ref.pmid }, ...at, message: `PMID ${ref.pmid} is not in ${LOCK_FILE}: nobody has checked it against PubMed`, hint: `${at.hint} Until then, check it on https://pubmed.ncbi.nlm.nih.gov/${ref.pmid}/ and add a hand-entered record (docs/pubmed-lock.md).` });
          } else if (record.source.type === 'hand-entered' && record.source.seenOnPubmed) {
            flag({ data: { reference: ref.key, pmid: ref.pmid }, ...at, message: `PMID ${ref.pmid} was checked by hand against PubMed (${record.source.checked}), not fetched` });
          } else {
            flag({ data: { reference: ref.key, pmid: ref.pmid }, ...at, message: `PMID ${ref.pmid} is only corroborated by others' citations and was never checked against PubMed` });
          }
        }
      },
    };
  },
};

export default check;
