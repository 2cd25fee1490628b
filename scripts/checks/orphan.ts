import { statusOf } from '../graph/buildLinkGraph';
import type { Check } from './check';

/**
 * A published entry that no published entry links to can only be found by
 * search. Topics are entry points and exempt.
 */
const check: Check = {
  meta: { id: 'orphan', description: 'A published entry that nothing links to (topics exempt).', defaultSeverity: 'info' },
  create({ graph, flag }) {
    return {
      end() {
        // With a file that failed to parse, its links are unknown: say nothing rather than guess.
        if (!graph.complete) return;
        for (const [id, entry] of graph.byId) {
          if (entry.kind === 'topic' || statusOf(entry) !== 'published') continue;
          const linked = (graph.incoming.get(id) ?? []).some((l) => l.source !== entry && statusOf(l.source) === 'published');
          if (linked) continue;
          flag({ entry, pointer: '/id', message: `no published entry links to ${id}`, hint: 'Link it from the topic it belongs to, e.g. in the topic\'s link fields or with [[' + id + ']] in its prose.' });
        }
      },
    };
  },
};

export default check;
