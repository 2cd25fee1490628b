import { findCoiSurfacing } from '../citations/findCoiSurfacing';
import type { Check } from './check';

/**
 * A reference that declares industry funding or a conflict of interest must
 * be surfaced to readers. Precisely: the entry needs a `caveats` item with
 * `type: funding` that cites the reference's key and names at least one of
 * its sponsors in its text. Caveats are carried into the bundle.
 */
const check: Check = {
  meta: { id: 'coi-unsurfaced', description: 'A declared conflict of interest that the entry does not surface to readers in a funding caveat.', defaultSeverity: 'error' },
  create({ flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, pointer, sponsors, citing, surfacedBy } of findCoiSurfacing(entry)) {
          if (surfacedBy) continue;
          flag({
            entry,
            pointer: `${pointer}/coi/status`,
            message: citing.length
              ? `the funding caveat citing ${ref.key} does not name its sponsor (${sponsors.join(', ')})`
              : `${ref.key} declares a conflict of interest (${sponsors.join(', ')}) that this entry does not surface to readers`,
            hint: `Add to caveats: {type: funding, text: "… funded in part by ${sponsors[0] ?? '<sponsor>'} …", cite: [${ref.key}]}.`,
            data: { reference: ref.key },
          });
        }
      },
    };
  },
};

export default check;
