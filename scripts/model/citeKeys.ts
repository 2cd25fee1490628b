/** Helpers for the `cite: [key]` lists that tie statements to an entry's references. */
import { toPointer } from '../core/locatePointer';

/** One `cite:` reference to a key, where it is written. */
export interface CiteKey {
  key: string;
  /** JSON Pointer to the key inside its cite list. */
  pointer: string;
}

/** Every cite key in an entry, wherever it appears, with its pointer. */
export function collectCiteKeys(data: unknown): CiteKey[] {
  const out: CiteKey[] = [];
  const path: (string | number)[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'cite' && Array.isArray(v)) {
          v.forEach((key, i) => typeof key === 'string' && out.push({ key, pointer: toPointer([...path, k, i]) }));
        } else if (k !== 'references') {
          path.push(k);
          visit(v);
          path.pop();
        }
      }
    }
  };
  visit(data);
  return out;
}

/** The keys of an entry's references. */
export function referenceKeys(data: unknown): Set<string> {
  const refs = (data as { references?: { key?: unknown }[] }).references ?? [];
  return new Set(refs.map((r) => r.key).filter((k): k is string => typeof k === 'string'));
}
