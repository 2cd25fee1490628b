import type { Check } from './check';

/** An entry linking to itself is almost always a copy-paste slip. */
const check: Check = {
  meta: { id: 'self-link', description: 'A link from an entry to itself.', defaultSeverity: 'warning' },
  create({ graph, flag }) {
    return {
      end() {
        for (const link of graph.links) {
          // A replaced_by that points at itself is a replacement-cycle.
          if (link.target !== link.source.id || link.field === 'replaced_by') continue;
          flag({ entry: link.source, pointer: link.pointer, range: link.range, message: `links to itself (${link.target})`, hint: 'Link a different entry, or remove the link.' });
        }
      },
    };
  },
};

export default check;
