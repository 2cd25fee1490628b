import { statusOf, titleOf } from '../graph/buildLinkGraph';
import type { Check } from './check';

/**
 * A published bundle must never lead a reader to an unpublished page: a
 * published entry may not link to a draft or review entry, and a retired
 * entry (which becomes a redirect) may not be replaced by one.
 */
const check: Check = {
  meta: { id: 'unpublished-link', description: 'A published entry linking to a draft or review entry.', defaultSeverity: 'error', scope: 'links' },
  create({ flag }) {
    return {
      links(source, links, targets) {
        const from = statusOf(source);
        for (let i = 0; i < links.length; i++) {
          const link = links[i];
          const shipped = from === 'published' || (from === 'retired' && link.field === 'replaced_by');
          if (!shipped) continue;
          const target = targets[i];
          const to = target && statusOf(target);
          if (to !== 'draft' && to !== 'review') continue;
          flag({
            entry: source,
            pointer: link.pointer,
            range: link.range,
            message: `this ${from} entry links to ${link.target} (${titleOf(target!) ?? 'untitled'}), which is still in ${to}`,
            hint: `Publish ${link.target} first, or remove the link until it is published.`,
          });
        }
      },
    };
  },
};

export default check;
