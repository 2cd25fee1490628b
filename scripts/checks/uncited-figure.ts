import type { Kind } from '../core/loadSchemas';
import { parsePointer } from '../core/locatePointer';
import { linkFields } from '../graph/linkFields';
import type { LoadedEntry } from '../load/parseEntry';
import { findCiteHolder } from '../model/findCiteHolder';
import { findEntryFigures, type EntryFigure, type StaleMark } from '../model/findEntryFigures';
import type { Check } from './check';

const HINT = "Add cite: [key] to the statement that makes this claim, with the reference that gives the figure, or, if the figure is the editors' own, list it under editorial_figures with the reason.";

/** The hint for a figure where no mapping can take `cite` (a topic's overview, an entry's title or summary): `field` is where it is. */
const uncitableHint = (field: string) =>
  `The ${field} cannot take cite: list the figure under editorial_figures with the reason (the editors' own, or restated from a statement that cites it), or move it into a statement that can take cite: [key].`;

/** The field a figure is in, for the hint: the last key of its pointer, list indexes aside. */
function fieldOf(pointer: string): string {
  const keys = parsePointer(pointer).filter((s) => !/^\d+$/.test(s));
  return keys[keys.length - 1] ?? 'entry';
}

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
 * editorial_figures item that marks no figure is reported too. Where no
 * mapping around the figure can take `cite` (its kind's schema declares
 * none), the hint says so.
 */
const check: Check = {
  meta: { id: 'uncited-figure', description: 'A figure readers see (an amount, a duration, a percentage, a threshold) with no cite and no editorial_figures mark.', defaultSeverity: 'error', scope: 'entry' },
  create({ flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        const { figures, stale } = figuresOf(entry);
        for (const f of figures) {
          if (f.cited || f.editorial) continue;
          const citable = findCiteHolder(entry.kind as Kind, f.pointer) !== undefined;
          flag({
            entry,
            pointer: f.pointer,
            range: f.range,
            message: `"${f.figure}" has no source: this ${f.range ? 'text' : 'quantity'} has no cite, and the figure is not in editorial_figures`,
            hint: citable ? HINT : uncitableHint(fieldOf(f.pointer)),
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
