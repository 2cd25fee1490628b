import type { Check } from './check';
import { entryCiteKeys, entryReferenceKeys } from '../model/citeKeys';

/** Every `cite: [key]` must name a reference listed in the same entry. */
const check: Check = {
  meta: { id: 'cite-key', description: 'A cite list names a reference key that the entry does not define.', defaultSeverity: 'error', scope: 'entry' },
  create(context) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        const keys = entryReferenceKeys(entry);
        for (const c of entryCiteKeys(entry)) {
          if (keys.has(c.key)) continue;
          context.flag({
            entry,
            pointer: c.pointer,
            message: `cites "${c.key}", which is not in this entry's references`,
            hint: keys.size ? `Use one of: ${[...keys].join(', ')}; or add a reference with key: ${c.key}.` : `Add a reference with key: ${c.key}.`,
          });
        }
      },
    };
  },
};

export default check;
