import { titleOf } from '../graph/buildLinkGraph';
import { closest } from '../core/suggest';
import { MAX_SUGGESTED_LINKS } from '../core/limits';
import type { Check } from './check';

/** A link to an ID that no entry has: a dead page in every app. */
const check: Check = {
  meta: { id: 'broken-link', description: 'A link to an ID that no entry has.', defaultSeverity: 'error' },
  create({ graph, flag, retiredBefore }) {
    return {
      end() {
        const titles = new Map<string, string>();
        for (const [id, e] of graph.byId) titles.set((titleOf(e) ?? '').toLowerCase(), id);
        let suggested = 0;
        for (const link of graph.links) {
          // A file that failed to parse is reported already; don't cascade.
          if (graph.byId.has(link.target) || graph.unreadable.has(link.target)) continue;
          const gone = retiredBefore.get(link.target);
          if (gone) {
            flag({
              entry: link.source,
              pointer: link.pointer,
              range: link.range,
              message: `${link.target} was retired in release ${gone.version} and its file has since been deleted`,
              hint: `Link its replacement instead: ${gone.replacedBy}.`,
            });
            continue;
          }
          const malformed = !/^[0-9a-f]{8}$/.test(link.target);
          // Suggest by ID for a typo in an ID, by title for a title typed instead of an ID. Each
          // suggestion compares against every entry, so only the first few broken links get one.
          let guess: string | undefined;
          if (suggested++ < MAX_SUGGESTED_LINKS) {
            const byId = malformed ? undefined : closest(link.target, graph.byId.keys());
            const byTitle = closest(link.target.toLowerCase(), titles.keys());
            guess = byId ?? (byTitle !== undefined ? titles.get(byTitle) : undefined);
          }
          flag({
            entry: link.source,
            pointer: link.pointer,
            range: link.range,
            message: malformed ? `"${link.target}" is not an entry ID (8 lowercase hex characters)` : `no entry has ID "${link.target}"`,
            hint: guess ? `Did you mean ${guess} (${titleOf(graph.byId.get(guess)!) ?? 'untitled'})?` : 'Check the ID; `reflib links <id>` shows what an entry links to.',
          });
        }
      },
    };
  },
};

export default check;
