import { statusOf } from '../graph/buildLinkGraph';
import type { LoadedEntry } from '../load/parseEntry';
import type { Check } from './check';

/**
 * An ID that was retired belongs to its redirect forever. Reusing it for a new
 * entry would send old links and bookmarks to unrelated content.
 */
const check: Check = {
  meta: { id: 'id-reuse', description: 'An ID that was retired and is now used again.', defaultSeverity: 'error' },
  create({ flag, retiredBefore }) {
    const byId = new Map<string, LoadedEntry[]>();
    return {
      entry(entry) {
        if (!entry.id) return;
        // Retired in an earlier release (its file since deleted or reused), and live again now.
        const release = retiredBefore.get(entry.id)?.version;
        if (release && statusOf(entry) !== 'retired') {
          flag({
            entry,
            pointer: '/id',
            message: `ID ${entry.id} was retired in release ${release} and cannot be used again`,
            hint: 'Give this entry a fresh ID; retired IDs stay reserved for their redirects.',
          });
        }
        const list = byId.get(entry.id);
        if (list) list.push(entry);
        else byId.set(entry.id, [entry]);
      },
      end() {
        for (const [id, list] of byId) {
          const retired = list.filter((e) => statusOf(e) === 'retired');
          if (retired.length === 0 || list.length < 2) continue;
          for (const entry of list.filter((e) => statusOf(e) !== 'retired')) {
            flag({
              entry,
              pointer: '/id',
              message: `ID ${id} belongs to a retired entry (${retired[0].file.path}) and cannot be used again`,
              hint: 'Give this entry a fresh ID; retired IDs stay reserved for their redirects.',
              related: retired.map((e) => ({ entry: e, pointer: '/id', message: `retired entry with ID ${id}` })),
            });
          }
        }
      },
    };
  },
};

export default check;
