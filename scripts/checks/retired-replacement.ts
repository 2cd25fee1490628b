import { statusOf } from '../graph/buildLinkGraph';
import type { Check } from './check';

/**
 * A retired entry must say what replaces it, so apps can redirect; and only a
 * retired entry may have a replacement.
 */
const check: Check = {
  meta: { id: 'retired-replacement', description: 'A retired entry without replaced_by, or replaced_by on an entry that is not retired.', defaultSeverity: 'error', scope: 'entry' },
  create({ flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        const replaced = (entry.data as { replaced_by?: string }).replaced_by !== undefined;
        const retired = statusOf(entry) === 'retired';
        if (retired && !replaced) {
          flag({ entry, pointer: '/status', message: 'a retired entry needs replaced_by', hint: 'Add replaced_by: <id of the entry that replaces it>, so apps can redirect readers.' });
        } else if (replaced && !retired) {
          flag({ entry, pointer: '/replaced_by', target: 'key', message: `replaced_by is set but status is ${statusOf(entry)}`, hint: 'Set status: retired, or remove replaced_by.' });
        }
      },
    };
  },
};

export default check;
