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

/** The file, next to latest.json. */
export const SIGNED_LATEST_FILE = 'latest.signed.json';
/** `signed.type`: what the signature is about, so a signature over some other reflib document can never pass for this one. */
export const SIGNED_LATEST_TYPE = 'reflib/latest';
/** How a public key is written: `ed25519:` and the 32 raw bytes in base64. */
export const PUBLIC_KEY_PREFIX = 'ed25519:';

/** What is signed. */
export interface SignedLatest {
  type: typeof SIGNED_LATEST_TYPE;
  formatVersion: 1;
  /** The release, as in latest.json. */
  version: string;
  /** `<version>/manifest.json`. */
  manifest: string;
  /** Hex SHA-256 of the manifest's bytes. */
  manifestSha256: string;
  /** Rises by one at every signing, even of the same release; a client refuses a lower one (rollback). */
  counter: number;
  /** When it was signed (ISO 8601, UTC, whole seconds). */
  issued: string;
  /** After this a client refuses it (freeze): ISO 8601, UTC. */
  expires: string;
}

/** One signature: the key's ID and the Ed25519 signature in base64. */
export interface Signature {
  /** Hex SHA-256 of the raw 32-byte public key. */
  keyid: string;
  sig: string;
}

/** latest.signed.json. */
export interface SignedLatestFile {
  signed: SignedLatest;
  signatures: Signature[];
}

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
