import type { Check } from './check';

/** The same ID twice in one link field: apps would show the link twice. */
const check: Check = {
  meta: { id: 'duplicate-link', description: 'The same link repeated in one link field.', defaultSeverity: 'warning' },
  create({ graph, flag }) {
    return {
      end() {
        const seen = new Map<string, string>();
        for (const link of graph.links) {
          // Prose may mention an entry twice; link fields list each entry once.
          if (link.inline) continue;
          const key = `${link.source.file.path}\0${link.field}\0${link.target}`;
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, link.pointer);
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
