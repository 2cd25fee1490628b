import { normalizeText } from '../citations/compareWithRecord';
import { articleReferences } from '../model/references';
import type { Check } from './check';

interface Caveat {
  type: string;
  text: string;
  cite?: string[];
}

/**
 * A reference that declares industry funding or a conflict of interest must
 * be surfaced to readers. Precisely: the entry needs a `caveats` item with
 * `type: funding` that cites the reference's key and names at least one of
 * its sponsors in its text. Caveats are carried into the bundle.
 */
const check: Check = {
  meta: { id: 'coi-unsurfaced', description: 'A declared conflict of interest that the entry does not surface to readers in a funding caveat.', defaultSeverity: 'error' },
  create({ report }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        const caveats = ((entry.data as { caveats?: Caveat[] }).caveats ?? []).filter((c) => c.type === 'funding');
        for (const { ref, pointer } of articleReferences(entry)) {
          if (ref.coi?.status !== 'declared') continue;
          const sponsors = ref.coi.sponsors ?? [];
          const citing = caveats.filter((c) => c.cite?.includes(ref.key));
          // Whole words only: a sponsor "GE" is not named by "challenge".
          const named = citing.some((c) => sponsors.some((s) => ` ${normalizeText(c.text)} `.includes(` ${normalizeText(s)} `)));
          if (named) continue;
          report({
            entry,
            pointer: `${pointer}/coi/status`,
            message: citing.length
              ? `the funding caveat citing ${ref.key} does not name its sponsor (${sponsors.join(', ')})`
              : `${ref.key} declares a conflict of interest (${sponsors.join(', ')}) that this entry does not surface to readers`,
            hint: `Add to caveats: {type: funding, text: "… funded in part by ${sponsors[0] ?? '<sponsor>'} …", cite: [${ref.key}]}.`,
          });
        }
      },
    };
  },
};

export default check;
