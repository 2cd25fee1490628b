import type { LoadedEntry } from '../load/parseEntry';
import { MAX_LISTED } from '../core/limits';
import type { Check } from './check';

/** `a → b → c → a`, or for a long loop `a → b → … (N more) → z → a`, starting at `from`. */
function describeLoop(from: LoadedEntry, around: readonly LoadedEntry[]): string {
  const ids = around.map((e) => e.id);
  const middle = ids.length <= MAX_LISTED ? ids : [...ids.slice(0, MAX_LISTED - 1), `… (${ids.length - MAX_LISTED} more)`, ids[ids.length - 1]];
  return [from.id, ...middle, from.id].join(' → ');
}

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
            // Each member's finding names at most MAX_LISTED entries, so output grows with the loop, not its square.
            cycle.forEach((e, i) => {
              const around = [...cycle.slice(i + 1), ...cycle.slice(0, i)];
              flag({
                entry: e,
                pointer: '/replaced_by',
                message: `replaced_by loops: ${describeLoop(e, around)}`,
                hint: 'Point the last entry of the chain at a live (published) entry.',
                related: around.slice(0, MAX_LISTED).map((o) => ({ entry: o, pointer: '/replaced_by', message: 'part of the same loop' })),
                data: { members: cycle.length },
              });
            });
          }
          for (const e of path) done.add(e);
        }
      },
    };
  },
};

export default check;
