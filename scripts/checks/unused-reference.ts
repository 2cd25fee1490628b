import type { Check } from './check';
import { citedKeys } from '../model/citeKeys';

/** A reference nothing cites is either a forgotten citation or clutter. */
const check: Check = {
  meta: { id: 'unused-reference', description: 'A reference that no statement in the entry cites.', defaultSeverity: 'warning', scope: 'entry' },
  create(context) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        const cited = citedKeys(entry);
        const refs = (entry.data as { references?: { key?: unknown }[] }).references ?? [];
        refs.forEach((ref, i) => {
          if (typeof ref.key !== 'string' || cited.has(ref.key)) return;
          context.flag({
            entry,
            pointer: `/references/${i}/key`,
            message: `reference "${ref.key}" is never cited`,
            hint: `Cite it with cite: [${ref.key}] where it supports a statement, or remove it.`,
            data: { reference: ref.key },
          });
        });
      },
    };
  },
};

export default check;
