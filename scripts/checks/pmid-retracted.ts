import { articlesWithRecords } from '../citations/articlesWithRecords';
import { acknowledgesNotice } from '../citations/acknowledgesNotice';
import { isRetracted } from '../citations/lockRecord';
import type { Check } from './check';

/**
 * A retracted paper may be cited only when the entry acknowledges the
 * retraction in the reference's `notices` (type: retraction), which apps show.
 */
const check: Check = {
  meta: { id: 'pmid-retracted', description: 'The cited paper is retracted and the entry does not acknowledge it.', defaultSeverity: 'error', scope: 'entry' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          if (!record) continue;
          const retracted = isRetracted(record);
          const notice = record.retractions?.find((n) => n.pmid)?.pmid;
          // The acknowledgement must name PubMed's retraction notice when PubMed gives one.
          const acknowledged = acknowledgesNotice(ref, 'retraction', notice);
          if (!retracted || acknowledged) continue;
          flag({ data: { reference: ref.key, pmid: ref.pmid },
            entry,
            pointer: `${pointer}/pmid`,
            message: `PMID ${ref.pmid} is retracted${notice ? ` (retraction notice PMID ${notice})` : ''}`,
            hint: `Stop citing it as evidence. If it is cited on purpose (to say it was withdrawn), add to this reference: notices: [{type: retraction, pmid: ${notice ?? '<notice PMID>'}, note: …}].`,
          });
        }
      },
    };
  },
};

export default check;
