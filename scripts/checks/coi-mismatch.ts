import { articleReferences } from '../model/references';
import { declaresInterest } from '../citations/classifyCoiStatement';
import type { Check } from './check';

/** The entry says "none declared" but PubMed's conflict-of-interest statement declares one. */
const check: Check = {
  meta: { id: 'coi-mismatch', description: "The entry says none-declared but PubMed's conflict-of-interest statement declares one.", defaultSeverity: 'warning' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer } of articleReferences(entry)) {
          const statement = lock.records[String(ref.pmid)]?.coiStatement;
          if (ref.coi?.status !== 'none-declared' || !statement || !declaresInterest(statement)) continue;
          const quoted = statement.length > 160 ? `${statement.slice(0, 157)}…` : statement;
          flag({ data: { reference: ref.key, pmid: ref.pmid },
            entry,
            pointer: `${pointer}/coi/status`,
            message: `coi says none-declared, but PubMed's statement for PMID ${ref.pmid} reads: "${quoted}"`,
            hint: 'Read the statement; if it declares an interest, set status: declared with sponsors and statement, and surface it in a funding caveat.',
          });
        }
      },
    };
  },
};

export default check;
