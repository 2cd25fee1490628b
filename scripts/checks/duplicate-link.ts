import type { LoadedEntry } from '../load/parseEntry';
import type { Check } from './check';

/** The same ID twice in one link field: apps would show the link twice. */
const check: Check = {
  meta: { id: 'duplicate-link', description: 'The same link repeated in one link field.', defaultSeverity: 'warning' },
  create({ graph, flag }) {
    return {
      end() {
        // The link index lists each entry's links together, field by field, so
        // a repeat is looked for only among the links of the current run of
        // one source and field: no key string per link, no map of them all.
        let source: LoadedEntry | undefined;
        let field: string | undefined;
        const seen = new Map<string, string>();
        for (const link of graph.links) {
          // Prose may mention an entry twice; link fields list each entry once.
          if (link.inline) continue;
          if (link.source !== source || link.field !== field) {
            source = link.source;
            field = link.field;
            seen.clear();
          }
          const first = seen.get(link.target);
          if (first === undefined) {
            seen.set(link.target, link.pointer);
            continue;
          }
          flag({
            entry: link.source,
            pointer: link.pointer,
            message: `${link.target} is already listed in ${link.field}`,
            hint: 'Remove the repeated ID.',
            related: [{ entry: link.source, pointer: first, message: 'first listed here' }],
          });
        }
      },
    };
  },
};

export default check;
