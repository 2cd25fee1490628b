import type { Kind } from '../core/loadSchemas';
import { linkFields } from '../graph/linkFields';
import type { LoadedEntry } from '../load/parseEntry';
import { findEntryFigures, type EntryFigure, type StaleMark } from '../model/findFigures';
import type { Check } from './check';

const HINT = "Add cite: [key] to the statement that makes this claim, with the reference that gives the figure, or, if the figure is the editors' own, list it under editorial_figures with the reason.";

// A parsed entry is immutable and reused while its text is unchanged (see
// validateEntries): a watch session scans each unchanged entry once.
const byEntry = new WeakMap<LoadedEntry, { figures: EntryFigure[]; stale: StaleMark[] }>();

function figuresOf(entry: LoadedEntry) {
  let found = byEntry.get(entry);
  if (!found) {
    const links = (linkFields().get(entry.kind as Kind) ?? []).map((f) => f.field);
    byEntry.set(entry, (found = findEntryFigures(entry.data, links)));
  }
  return found;
}

/**
 * A figure a reader sees (an amount, a duration, a percentage or a threshold,
 * in prose or as a structured quantity) must have a source: the nearest
 * mapping with a `cite` key, its own or an ancestor's, must cite something,
 * or the entry's `editorial_figures` must mark it as the editors' own. An
 * editorial_figures item that marks no figure is reported too.
 */
const check: Check = {
  meta: { id: 'uncited-figure', description: 'A figure readers see (an amount, a duration, a percentage, a threshold) with no cite and no editorial_figures mark.', defaultSeverity: 'error' },
  create({ flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        const { figures, stale } = figuresOf(entry);
        for (const f of figures) {
          if (f.cited || f.editorial) continue;
          flag({
            entry,
            pointer: f.pointer,
            range: f.range,
            message: `"${f.figure}" has no source: this ${f.range ? 'text' : 'quantity'} has no cite, and the figure is not in editorial_figures`,
            hint: HINT,
            data: { figure: f.figure },
          });
        }
        for (const m of stale) {
          flag({
            entry,
            pointer: m.pointer,
            message: `editorial_figures lists "${m.figure}", which matches no figure in this entry`,
            hint: 'Write the figure exactly as the text has it (case, dashes and spacing count), or remove the item if the text no longer has it.',
            data: { figure: m.figure },
          });
        }
      },
    };
  },
};

export default check;
