/**
 * Signed release metadata: `dist/latest.signed.json`, which `reflib build
 * --sign` writes and the client checks when it is given public keys. A
 * compact subset of TUF's timestamp role (docs/trust.md): it names the
 * release and its manifest's hash, and carries a counter that only rises and
 * an expiry time, signed with Ed25519 over the canonical JSON of `signed`.
 *
 * The one definition of the format, used by the build (Node) and the client
 * (Node and browsers): nothing here needs Node.
 */
import { canonicalJson } from './canonicalJson';
import type { LatestSigned } from './types.generated';

/** The file, next to latest.json. */
export const SIGNED_LATEST_FILE = 'latest.signed.json';
/** `signed.type`: what the signature is about, so a signature over some other reflib document can never pass for this one. */
export const SIGNED_LATEST_TYPE = 'reflib/latest';
/** How a public key is written: `ed25519:` and the 32 raw bytes in base64. */
export const PUBLIC_KEY_PREFIX = 'ed25519:';

/** latest.signed.json: the `latestSigned` definition of schemas/bundle.schema.json, the one description of its fields. */
export type SignedLatestFile = LatestSigned;
/** What is signed: the release, its manifest's hash, the counter, and when it was issued and expires. */
export type SignedLatest = LatestSigned['signed'];
/** One signature: the key's ID (hex SHA-256 of the raw public key) and the Ed25519 signature in base64. */
export type Signature = LatestSigned['signatures'][number];

/** The bytes a signature covers: the canonical JSON of `signed`, as UTF-8. */
export function signedBytes(signed: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(signed));
}

/** Hex SHA-256 of a raw public key: its ID in `signatures`. Web Crypto, so it runs anywhere. */
export async function keyIdOf(rawPublicKey: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', rawPublicKey as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `ed25519:<base64>` for a raw 32-byte public key. */
export function formatPublicKey(raw: Uint8Array): string {
  return PUBLIC_KEY_PREFIX + toBase64(raw);
}

/** The raw 32 bytes of an `ed25519:<base64>` public key, or undefined if it is not one. */
export function parsePublicKey(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || !text.startsWith(PUBLIC_KEY_PREFIX)) return undefined;
  const raw = fromBase64(text.slice(PUBLIC_KEY_PREFIX.length).trim());
  return raw?.byteLength === 32 ? raw : undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The bytes of standard base64, or undefined for anything else. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
