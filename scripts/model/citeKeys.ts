/** Helpers for the `cite: [key]` lists that tie statements to an entry's references. */
import { toPointer } from '../core/locatePointer';
import type { LoadedEntry } from '../load/parseEntry';

/** One `cite:` reference to a key, where it is written. */
export interface CiteKey {
  key: string;
  /** JSON Pointer to the key inside its cite list. */
  pointer: string;
}

/** Walks mappings and lists outside `references` with one mutable path (this visits most values of the library), collecting cite keys. */
function visit(value: unknown, path: (string | number)[], out: CiteKey[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      visit(value[i], path, out);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (k === 'cite' && Array.isArray(v)) {
        // One pointer per list; each key's is the list's plus its index (digits need no escaping).
        let list: string | undefined;
        for (let i = 0; i < v.length; i++) {
          const key: unknown = v[i];
          if (typeof key === 'string') out.push({ key, pointer: `${(list ??= toPointer([...path, k]))}/${i}` });
        }
      } else if (k !== 'references') {
        path.push(k);
        visit(v, path, out);
        path.pop();
      }
    }
  }
}

/** Every cite key in an entry, wherever it appears, with its pointer. */
export function collectCiteKeys(data: unknown): CiteKey[] {
  const out: CiteKey[] = [];
  visit(data, [], out);
  return out;
}

// A parsed entry is immutable and reused while its text is unchanged (see
// validateEntries); cite-key and unused-reference both need what is derived
// here, and a watch session needs it again every run.
interface Cites {
  keys: readonly CiteKey[];
  cited?: ReadonlySet<string>;
  defined?: ReadonlySet<string>;
}

const byEntry = new WeakMap<LoadedEntry, Cites>();

function citesOf(entry: LoadedEntry): Cites {
  let cites = byEntry.get(entry);
  if (!cites) byEntry.set(entry, (cites = { keys: collectCiteKeys(entry.data) }));
  return cites;
}

/** collectCiteKeys of an entry's data, computed once per entry object. */
export function entryCiteKeys(entry: LoadedEntry): readonly CiteKey[] {
  return citesOf(entry).keys;
}

/** The keys an entry cites anywhere, computed once per entry object. */
export function citedKeys(entry: LoadedEntry): ReadonlySet<string> {
  const cites = citesOf(entry);
  return (cites.cited ??= new Set(cites.keys.map((c) => c.key)));
}

/** referenceKeys of an entry's data, computed once per entry object. */
export function entryReferenceKeys(entry: LoadedEntry): ReadonlySet<string> {
  const cites = citesOf(entry);
  return (cites.defined ??= referenceKeys(entry.data));
}

/** The keys of an entry's references. */
export function referenceKeys(data: unknown): Set<string> {
  const refs = (data as { references?: { key?: unknown }[] }).references ?? [];
  return new Set(refs.map((r) => r.key).filter((k): k is string => typeof k === 'string'));
}
