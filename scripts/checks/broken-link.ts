import { statusOf, titleOf } from '../graph/buildLinkGraph';
import { linkSuggester } from '../graph/suggestLinkTarget';
import { MAX_SUGGESTED_LINKS } from '../core/limits';
import type { Check } from './check';

/** A link to an ID that no entry has: a dead page in every app. */
const check: Check = {
  meta: { id: 'broken-link', description: 'A link to an ID that no entry has.', defaultSeverity: 'error' },
  create({ graph, flag, retiredBefore }) {
    return {
      end() {
        const suggest = linkSuggester(graph);
        let suggested = 0;
        const { links, targets } = graph;
        for (let i = 0; i < links.length; i++) {
          const link = links[i];
          // A file that failed to parse is reported already; don't cascade.
          if (targets[i] || graph.unreadable.has(link.target)) continue;
          const gone = retiredBefore.get(link.target);
          if (gone) {
            flag({
              entry: link.source,
              pointer: link.pointer,
              range: link.range,
              message: `${link.target} was retired in release ${gone.version} and its file has since been deleted`,
              hint: `Link its replacement instead: ${gone.replacedBy}.`,
              data: { target: link.target, suggestion: gone.replacedBy },
            });
            continue;
          }
          const malformed = !/^[0-9a-f]{8}$/.test(link.target);
          // Suggest by ID for a typo in an ID, by title for a title typed instead of an ID. Each
          // suggestion compares against every entry, so only the first few broken links get one.
          const near = suggested++ < MAX_SUGGESTED_LINKS ? suggest(link.target) : undefined;
          // Only a guess the link could take: not the entry itself, not a retired entry, a kind the field accepts.
          const guessed = near === undefined ? undefined : graph.byId.get(near);
          const fits = guessed && near !== link.source.id && statusOf(guessed) !== 'retired' && (!link.kinds || link.kinds.includes(guessed.kind as never));
          const guess = fits ? near : undefined;
          flag({
            entry: link.source,
            pointer: link.pointer,
            range: link.range,
            message: malformed ? `"${link.target}" is not an entry ID (8 lowercase hex characters)` : `no entry has ID "${link.target}"`,
            hint: guess ? `Did you mean ${guess} (${titleOf(graph.byId.get(guess)!) ?? 'untitled'})?` : 'Check the ID; `reflib links <id>` shows what an entry links to.',
            // The fix an editor offers: replace the target with the suggestion.
            data: guess ? { target: link.target, suggestion: guess } : { target: link.target },
          });
        }
      },
    };
  },
};

export default check;
