/** Small text helpers every printed summary needs: counts with the right noun, and a stable string order. */

/** `1 error`, `2 errors`; `many` for irregular plurals (`1 entry`, `2 entries`). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Orders strings by UTF-16 code units, as `Array.prototype.sort` does by default: the same on every machine and locale. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
