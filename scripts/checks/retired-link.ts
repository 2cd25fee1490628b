import { finalReplacement, statusOf, titleOf } from '../graph/buildLinkGraph';
import type { Check } from './check';

/** A link to a retired entry works only through a redirect; point at the replacement instead. */
const check: Check = {
  meta: { id: 'retired-link', description: 'A link to a retired entry.', defaultSeverity: 'warning' },
  create({ graph, flag }) {
    return {
      end() {
        const { links, targets } = graph;
        for (let i = 0; i < links.length; i++) {
          const link = links[i];
          // replaced_by chains through retired entries are how retirement works.
          if (link.field === 'replaced_by') continue;
          const target = targets[i];
          if (!target || statusOf(target) !== 'retired') continue;
          const next = finalReplacement(graph, link.target);
          flag({
            entry: link.source,
            pointer: link.pointer,
            range: link.range,
            message: `${link.target} (${titleOf(target) ?? 'untitled'}) is retired`,
            hint: next ? `Link its replacement instead: ${next.id} (${titleOf(next) ?? 'untitled'}).` : 'It has no live replacement: remove the link or link another entry.',
            data: next?.id ? { target: link.target, replacement: next.id } : { target: link.target },
          });
        }
      },
    };
  },
};

export default check;
