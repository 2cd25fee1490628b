import { findCoiSurfacing } from '../citations/findCoiSurfacing';
import type { Check } from './check';

/**
 * A reference that declares industry funding or a conflict of interest, or
 * carries an industry tie in `coi.ties`, must be surfaced to readers.
 * Precisely: the entry needs a `caveats` item with `type: funding` that cites
 * the reference's key and names at least one declared sponsor, and for each
 * tie one that names its party. Caveats are carried into the bundle.
 */
const check: Check = {
  meta: { id: 'coi-unsurfaced', description: 'A declared conflict of interest, or a recorded industry tie, that the entry does not surface to readers in a funding caveat.', defaultSeverity: 'error', scope: 'entry' },
  create({ flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        for (const { ref, source, at, sponsors, citing, surfacedBy } of findCoiSurfacing(entry)) {
          if (surfacedBy) continue;
          const what = source === 'tie' ? `has an industry tie to ${sponsors[0]}` : `declares a conflict of interest (${sponsors.join(', ')})`;
          flag({
            entry,
            pointer: at,
            message: citing.length
              ? `the funding caveat citing ${ref.key} does not name ${source === 'tie' ? 'the tie' : 'its sponsor'} (${sponsors.join(', ')})`
              : `${ref.key} ${what} that this entry does not surface to readers`,
            hint: `Add to caveats: {type: funding, text: "… funded in part by ${sponsors[0] ?? '<sponsor>'} …", cite: [${ref.key}]}.`,
            // The party to name: what an editor's quick fix writes into the caveat it adds.
            data: source === 'tie' ? { reference: ref.key, tie: sponsors[0]! } : sponsors[0] ? { reference: ref.key, sponsor: sponsors[0] } : { reference: ref.key },
          });
        }
      },
    };
  },
};

export default check;
