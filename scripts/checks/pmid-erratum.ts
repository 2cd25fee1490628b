import { acknowledgesNotice } from '../citations/acknowledgesNotice';
import { articlesWithRecords } from '../citations/articlesWithRecords';
import type { Check } from './check';

const KINDS = [
  { field: 'errata', type: 'erratum', name: 'an erratum' },
  { field: 'expressionsOfConcern', type: 'expression-of-concern', name: 'an expression of concern' },
] as const;

/**
 * Every erratum and expression of concern PubMed links to a cited paper must
 * be acknowledged in the reference's `notices`, so readers see it.
 */
const check: Check = {
  meta: { id: 'pmid-erratum', description: 'The paper has an erratum or expression of concern that the entry does not acknowledge.', defaultSeverity: 'warning', scope: 'entry' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          if (!record) continue;
          for (const kind of KINDS) {
            for (const notice of record[kind.field] ?? []) {
              const acknowledged = acknowledgesNotice(ref, kind.type, notice.pmid);
              if (acknowledged) continue;
              const id = notice.pmid ? ` (PMID ${notice.pmid})` : notice.citation ? ` (${notice.citation})` : '';
              flag({ data: { reference: ref.key, pmid: ref.pmid },
                entry,
                pointer: `${pointer}/pmid`,
                message: `PMID ${ref.pmid} has ${kind.name}${id} that this entry does not acknowledge`,
                hint: `Read the notice; check the statements that cite this paper still hold; then add notices: [{type: ${kind.type}, pmid: ${notice.pmid ?? '<notice PMID>'}, note: <what it changes>}].`,
              });
            }
          }
        }
      },
    };
  },
};

export default check;
