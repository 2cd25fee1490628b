/** Strict JSON decoding of fetched bytes, shared by the parsers and by fetchVerified's "is this even JSON?" test. Runs in browsers. */

/** The value of `bytes` as strict UTF-8 JSON; throws (TypeError or SyntaxError) for anything else. */
export function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

/** Whether `bytes` are strict UTF-8 JSON (any JSON value). */
export function isJson(bytes: Uint8Array): boolean {
  try {
    decodeJson(bytes);
    return true;
  } catch {
    return false;
  }
}
