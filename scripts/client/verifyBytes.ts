/** Checks fetched bytes against the SHA-256 (and size) a release promises. Uses Web Crypto, so it runs in browsers too. */
import { IntegrityError } from './clientErrors';

/** The SHA-256 of `bytes`, in lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Resolves when `bytes` match; otherwise rejects with an IntegrityError naming `file`, the expected and the actual hash. */
export async function verifyBytes(file: string, bytes: Uint8Array, expected: { sha256: string; size?: number }, url?: string): Promise<void> {
  const actual = { sha256: await sha256Hex(bytes), size: bytes.byteLength };
  if (actual.sha256 !== expected.sha256.toLowerCase() || (expected.size !== undefined && actual.size !== expected.size)) {
    throw new IntegrityError(file, expected, actual, url);
  }
}
