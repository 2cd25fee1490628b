import { articlesWithRecords } from '../citations/articlesWithRecords';
import type { Check } from './check';

/** PubMed says the cited ID does not exist. */
const check: Check = {
  meta: { id: 'pmid-not-found', description: 'PubMed has no record with the cited PMID.', defaultSeverity: 'error', scope: 'entry' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          if (record?.status !== 'not-found') continue;
          flag({ data: { reference: ref.key, pmid: ref.pmid }, entry, pointer: `${pointer}/pmid`, message: `PubMed has no record with PMID ${ref.pmid}`, hint: 'Look the paper up on PubMed by title and copy its PMID; a typo often turns one PMID into a missing one.' });
        }
      },
    };
  },
};

export default check;
