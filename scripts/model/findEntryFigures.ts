/**
 * Every figure in an entry (prose figures from findFigures.ts, structured
 * quantities from readQuantity.ts), each with whether a `cite` covers it and
 * whether the entry's `editorial_figures` marks it as the editors' own; and
 * the marks that mark nothing. The rule uncited-figure reports the figures
 * with neither, and the stale marks.
 */
import { toPointer } from '../core/locatePointer';
import { findFigures } from './findFigures';
import { coverProse, coverQuantity, readMarks } from './matchEditorialMarks';
import { readQuantity } from './readQuantity';

type Data = Record<string, unknown>;

/** Fields that hold no reader-facing claim, at the top of every entry. */
export const NOT_PROSE_FIELDS: readonly string[] = ['id', 'kind', 'status', 'updated', 'replaced_by', 'tags', 'cite', 'references', 'editorial_figures'];

/** A figure in an entry. */
export interface EntryFigure {
  /** JSON Pointer to the string holding it, or to a quantity's `value` or `min`. */
  pointer: string;
  /** The figure, whitespace normalised. */
  figure: string;
  /** For a figure in prose: `[from, to)` in the string. */
  range?: [number, number];
  /** The nearest mapping with a `cite` key (its own or an ancestor) cites something. */
  cited: boolean;
  /** An editorial_figures item marks it. */
  editorial: boolean;
}

/** An editorial_figures item that marks no figure. */
export interface StaleMark {
  /** JSON Pointer to the item's `figure`. */
  pointer: string;
  figure: string;
}

/** Keys of a quantity that the quantity itself stands for. */
const QUANTITY_KEYS = new Set(['value', 'min', 'max', 'unit', 'comparator', 'measure']);

/**
 * Every figure in an entry's reader-facing text and quantities, in document
 * order, and the editorial_figures items that mark none. `skip` names
 * top-level fields that hold no prose besides NOT_PROSE_FIELDS (the link
 * fields, whose values are entry IDs). `cite` lists are skipped everywhere.
 */
export function findEntryFigures(data: unknown, skip: Iterable<string> = []): { figures: EntryFigure[]; stale: StaleMark[] } {
  const figures: EntryFigure[] = [];
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { figures, stale: [] };
  const root = data as Data;
  const marks = readMarks(root);
  const skipped = new Set([...NOT_PROSE_FIELDS, ...skip]);
  const path: (string | number)[] = [];

  const visit = (value: unknown, cited: boolean): void => {
    if (typeof value === 'string') {
      const found = findFigures(value);
      if (!found.length) return;
      const pointer = toPointer(path);
      const covered = coverProse(value, found, marks);
      found.forEach((f, k) => figures.push({ pointer, figure: f.text, range: [f.from, f.to], cited, editorial: covered[k] }));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], cited);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      const map = value as Data;
      const own = Object.hasOwn(map, 'cite') ? Array.isArray(map.cite) && map.cite.length > 0 : cited;
      const quantity = readQuantity(map);
      if (quantity) {
        figures.push({ pointer: toPointer([...path, quantity.at]), figure: quantity.text, cited: own, editorial: coverQuantity(quantity.spellings, marks) });
      }
      for (const k of Object.keys(map)) {
        if (k === 'cite' || (quantity && QUANTITY_KEYS.has(k)) || (path.length === 0 && skipped.has(k))) continue;
        path.push(k);
        visit(map[k], own);
        path.pop();
      }
    }
  };
  visit(root, false);
  const stale = marks.flatMap((m, i) => (m.used ? [] : [{ pointer: toPointer(['editorial_figures', i, 'figure']), figure: m.text }]));
  return { figures, stale };
}
