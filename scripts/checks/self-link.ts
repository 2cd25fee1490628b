import { extractLinks } from '../graph/buildLinkGraph';
import type { Check } from './check';

/** An entry linking to itself is almost always a copy-paste slip. */
const check: Check = {
  meta: { id: 'self-link', description: 'A link from an entry to itself.', defaultSeverity: 'warning', scope: 'entry' },
  create({ flag }) {
    return {
      // Only the entry's own links matter: an entry-scoped check, remembered while the entry is unchanged.
      entry(entry) {
        for (const link of extractLinks(entry)) {
          // A replaced_by that points at itself is a replacement-cycle.
          if (link.target !== entry.id || link.field === 'replaced_by') continue;
          flag({ entry, pointer: link.pointer, range: link.range, message: `links to itself (${link.target})`, hint: 'Link a different entry, or remove the link.' });
        }
      },
    };
  },
};

export default check;
