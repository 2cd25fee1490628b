import { statusOf } from '../graph/buildLinkGraph';
import type { LoadedEntry } from '../load/parseEntry';
import type { Check } from './check';

/** Two files must never hold the same entry ID: apps address entries by ID. */
const check: Check = {
  meta: { id: 'duplicate-id', description: 'Two or more files use the same entry ID.', defaultSeverity: 'error' },
  create(context) {
    const byId = new Map<string, LoadedEntry[]>();
    return {
      entry(entry) {
        if (!entry.id) return;
        const list = byId.get(entry.id) ?? [];
        list.push(entry);
        byId.set(entry.id, list);
      },
      end() {
        for (const [id, list] of byId) {
          if (list.length < 2) continue;
          // A live entry reusing a retired entry's ID is id-reuse's to report.
          if (list.some((e) => statusOf(e) === 'retired')) continue;
          // Report in every file, each naming the others, so whichever file an
          // editor opens shows the clash.
          for (const entry of list) {
            const others = list.filter((e) => e !== entry);
            context.flag({
              entry,
              pointer: '/id',
              message: `ID "${id}" is also used by ${others.map((e) => e.file.path).join(', ')}`,
              hint: 'Each entry needs its own ID: give the newer entry a fresh one (IDs of published entries never change).',
              related: others.map((e) => ({ entry: e, pointer: '/id', message: `also uses ID "${id}"` })),
            });
          }
        }
      },
    };
  },
};

export default check;
