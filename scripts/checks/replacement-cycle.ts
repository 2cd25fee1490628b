import type { LoadedEntry } from '../load/parseEntry';
import type { Check } from './check';

/** replaced_by chains that loop would redirect readers forever. */
const check: Check = {
  meta: { id: 'replacement-cycle', description: 'replaced_by chains that loop.', defaultSeverity: 'error' },
  create({ graph, flag }) {
    return {
      end() {
        const next = (e: LoadedEntry) => {
          const id = (e.data as { replaced_by?: unknown }).replaced_by;
          return typeof id === 'string' ? graph.byId.get(id) : undefined;
        };
        // Each entry is walked once: `done` marks entries whose chain is known.
        const done = new Set<LoadedEntry>();
        for (const start of graph.byId.values()) {
          const path: LoadedEntry[] = [];
          const onPath = new Map<LoadedEntry, number>();
          let current: LoadedEntry | undefined = start;
          while (current && !done.has(current) && !onPath.has(current)) {
            onPath.set(current, path.length);
            path.push(current);
            current = next(current);
          }
          if (current && onPath.has(current)) {
            const cycle = path.slice(onPath.get(current)!);
            const ids = [...cycle.map((e) => e.id), cycle[0].id].join(' → ');
            for (const e of cycle) {
              flag({
                entry: e,
                pointer: '/replaced_by',
                message: `replaced_by loops: ${ids}`,
                hint: 'Point the last entry of the chain at a live (published) entry.',
                related: cycle.filter((o) => o !== e).map((o) => ({ entry: o, pointer: '/replaced_by', message: 'part of the same loop' })),
              });
            }
          }
          for (const e of path) done.add(e);
        }
      },
    };
  },
};

export default check;
