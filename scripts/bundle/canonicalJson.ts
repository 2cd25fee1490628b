/**
 * Canonical JSON: sorted keys, two-space indentation, a final newline. Same
 * value, same bytes. Runs in browsers too: the client recomputes entries'
 * content hashes and the bytes a signature covers with it.
 */

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    // A null-prototype object, so a `__proto__` key stays an ordinary key.
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Serialises `value` canonically. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}
