import { articleReferences } from '../model/references';
import { declaresInterest } from '../citations/classifyCoiStatement';
import type { Check } from './check';

/**
 * The entry says the paper declares nothing (none-declared), or that no
 * declaration was found (not-found), but PubMed's conflict-of-interest
 * statement declares an interest.
 */
const check: Check = {
  meta: { id: 'coi-mismatch', description: "The entry says none-declared or not-found, but PubMed's conflict-of-interest statement declares one.", defaultSeverity: 'warning', scope: 'entry' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer } of articleReferences(entry)) {
          const statement = lock.records[String(ref.pmid)]?.coiStatement;
          const status = ref.coi?.status;
          if ((status !== 'none-declared' && status !== 'not-found') || !statement || !declaresInterest(statement)) continue;
          const quoted = statement.length > 160 ? `${statement.slice(0, 157)}…` : statement;
          flag({ data: { reference: ref.key, pmid: ref.pmid },
            entry,
            pointer: `${pointer}/coi/status`,
            message: `coi says ${status}, but PubMed's statement for PMID ${ref.pmid} reads: "${quoted}"`,
            hint: 'Read the statement; if it declares an interest, set status: declared with sponsors, statement and sources (where you read it), and surface it in a funding caveat.',
          });
        }
      },
    };
  },
};

export default check;
