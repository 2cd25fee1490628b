import { articlesWithRecords } from '../citations/articlesWithRecords';
import { provenanceOf } from '../citations/lockRecord';
import { statusOf } from '../graph/buildLinkGraph';
import type { Check } from './check';

/**
 * A published entry cites a PMID whose lock record is only *corroborated*:
 * its facts were seen where others cite the paper, and nobody has checked
 * them against PubMed, a saved PubMed file or a named page. Such a citation
 * must not reach readers, so this is an error by default and `build` fails.
 * A draft or an entry in review that cites it gets pmid-unverified's warning
 * instead, so each citation has one finding, never both.
 */
const check: Check = {
  meta: { id: 'pmid-unchecked', description: 'A published entry cites a PMID whose lock record nobody has checked (corroborated only).', defaultSeverity: 'error', scope: 'entry' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid || statusOf(entry) !== 'published') return;
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          if (!record || provenanceOf(record).type !== 'corroborated') continue;
          flag({
            data: { reference: ref.key, pmid: ref.pmid },
            entry,
            pointer: `${pointer}/pmid`,
            message: `PMID ${ref.pmid} is only corroborated by others' citations, and this entry is published: nobody has checked the paper exists as cited`,
            hint: 'Check the record before publishing: `reflib pubmed sync` where PubMed can be reached, `reflib pubmed import` a saved PubMed file, or copy it from its PubMed page as a transcribed record (docs/pubmed-lock.md). Or set the entry back to status: draft.',
          });
        }
      },
    };
  },
};

export default check;
