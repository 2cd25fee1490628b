import { titleOf } from '../graph/buildLinkGraph';
import type { Check } from './check';

/** A link field pointing at an entry of a kind the schema does not allow there. */
const check: Check = {
  meta: { id: 'link-kind', description: 'A link field points at an entry of the wrong kind.', defaultSeverity: 'error', scope: 'links' },
  create({ flag }) {
    return {
      links(source, links, targets) {
        for (let i = 0; i < links.length; i++) {
          const link = links[i];
          const target = targets[i];
          if (!target || !link.kinds || !target.kind || link.kinds.includes(target.kind as never)) continue;
          flag({
            entry: source,
            pointer: link.pointer,
            message: `${link.field} must point at ${link.kinds.join(' or ')} entries, but ${link.target} (${titleOf(target) ?? 'untitled'}) is a ${target.kind}`,
            hint: `Move the ID to the field for ${target.kind} entries, or link the right entry.`,
          });
        }
      },
    };
  },
};

export default check;
