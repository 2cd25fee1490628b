import { articleReferences } from '../model/references';
import type { Check } from './check';

/** Every journal article needs a funding / conflict-of-interest declaration, even if only `not-checked`. */
const check: Check = {
  meta: { id: 'coi-missing', description: 'A journal-article reference with no funding / conflict-of-interest declaration.', defaultSeverity: 'error', scope: 'entry' },
  create({ flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer } of articleReferences(entry)) {
          if (ref.coi) continue;
          flag({ data: { reference: ref.key, pmid: ref.pmid },
            entry,
            pointer: `${pointer}/key`,
            message: `reference ${ref.key} (PMID ${ref.pmid}) has no funding / conflict-of-interest declaration`,
            hint: 'Add coi: with the status you found in the paper (declared, with sponsors and statement; none-declared; or not-found) and sources: the pages you read, with the date. If nobody has looked yet, write coi: {status: not-checked}.',
          });
        }
      },
    };
  },
};

export default check;
