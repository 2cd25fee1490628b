import { extractLinks } from '../graph/buildLinkGraph';
import type { Check } from './check';

/** The same ID twice in one link field: apps would show the link twice. */
const check: Check = {
  meta: { id: 'duplicate-link', description: 'The same link repeated in one link field.', defaultSeverity: 'warning', scope: 'entry' },
  create({ flag }) {
    return {
      // Only the entry's own links matter: an entry-scoped check, remembered while the entry is unchanged.
      entry(entry) {
        // An entry's links come field by field, so a repeat is looked for only
        // among the links of the current field: no key string per link.
        let field: string | undefined;
        const seen = new Map<string, string>();
        for (const link of extractLinks(entry)) {
          // Prose may mention an entry twice; link fields list each entry once.
          if (link.inline) continue;
          if (link.field !== field) {
            field = link.field;
            seen.clear();
          }
          const first = seen.get(link.target);
          if (first === undefined) {
            seen.set(link.target, link.pointer);
            continue;
          }
          flag({
            entry,
            pointer: link.pointer,
            message: `${link.target} is already listed in ${link.field}`,
            hint: 'Remove the repeated ID.',
            related: [{ entry, pointer: first, message: 'first listed here' }],
          });
        }
      },
    };
  },
};

export default check;
