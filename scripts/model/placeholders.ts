/** Placeholders that `reflib new` writes for editors to fill in: `<fill in: what goes here>`. */
import { toPointer } from '../core/locatePointer';

const PLACEHOLDER = /^<fill in\b[^>]*>$/i;

/** Whether a value is a placeholder. */
export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && PLACEHOLDER.test(value.trim());
}

/** Makes a placeholder: `<fill in: what>`. */
export function placeholder(what: string): string {
  return `<fill in: ${what}>`;
}

/** Every placeholder in an entry, with its pointer, in document order. */
export function findPlaceholders(data: unknown): { pointer: string; text: string }[] {
  const out: { pointer: string; text: string }[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (isPlaceholder(value)) out.push({ pointer: toPointer(path), text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(data, []);
  return out;
}
