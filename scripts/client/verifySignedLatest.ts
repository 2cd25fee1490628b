/**
 * Checks latest.signed.json's signatures against the public keys an app
 * pinned: Ed25519 through Web Crypto, over the canonical JSON of `signed`
 * (scripts/bundle/signedRelease.ts). Rollback and expiry are checked by the
 * caller, once the signatures hold. See docs/trust.md.
 */
import { fromBase64, keyIdOf, parsePublicKey, SIGNED_LATEST_FILE, SIGNED_LATEST_TYPE, signedBytes, type SignedLatest } from '../bundle/signedRelease';
import { ClientError } from './clientErrors';
import { decodeJson } from './decodeJson';
import { parseLatest } from './parseBundleFiles';

/** Web Crypto's key type, named without DOM or Node type imports. */
type CryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/** The public keys a client trusts, by key ID, and how many must sign. */
export interface Keyring {
  keys: ReadonlyMap<string, CryptoKey>;
  threshold: number;
}

/** Signed metadata whose signatures verified. */
export interface VerifiedLatest {
  signed: SignedLatest;
  /** The trusted keys whose signatures verified. */
  keyids: string[];
}

/** Imports `ed25519:<base64>` public keys. Throws an `invalid-option` ClientError for a malformed key, a duplicate, or a threshold the keys cannot meet. */
export async function createKeyring(publicKeys: readonly string[], threshold = 1): Promise<Keyring> {
  if (!Array.isArray(publicKeys) || publicKeys.length === 0) throw new ClientError('publicKeys must list at least one "ed25519:<base64>" key', 'invalid-option');
  if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > publicKeys.length) {
    throw new ClientError(`threshold must be a whole number from 1 to ${publicKeys.length} (the number of publicKeys), not ${String(threshold)}`, 'invalid-option');
  }
  const keys = new Map<string, CryptoKey>();
  for (const text of publicKeys) {
    const raw = parsePublicKey(text);
    if (!raw) throw new ClientError(`publicKeys: ${JSON.stringify(String(text).slice(0, 60))} is not "ed25519:" followed by 32 bytes in base64`, 'invalid-option');
    const keyid = await keyIdOf(raw);
    if (keys.has(keyid)) throw new ClientError(`publicKeys lists key ${keyid.slice(0, 16)}… twice`, 'invalid-option');
    const subtle = globalThis.crypto?.subtle;
    const key = await subtle?.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']).catch(() => undefined);
    // Node 20, Chromium 137+, Firefox 129+ and Safari 17+ have it; older runtimes need a Web Crypto polyfill.
    if (!key) throw new ClientError('this runtime\'s Web Crypto (crypto.subtle) cannot import Ed25519 keys: use a runtime or polyfill that supports Ed25519', 'invalid-option');
    keys.set(keyid, key);
  }
  return { keys, threshold };
}

const KEYID = /^[0-9a-f]{64}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (problem: 'missing' | 'malformed' | 'invalid' | 'threshold', message: string): never => {
  throw new ClientError(`${SIGNED_LATEST_FILE}: ${message}`, 'bad-signature', { problem });
};

/**
 * Verifies the signatures of latest.signed.json's bytes, then the fields of
 * what they sign. Rejects with `bad-signature` (missing, malformed, invalid,
 * too few), `unknown-key` (signed, but by no key of `keyring`) or `format`
 * (signed by a trusted key, but not metadata this client reads).
 */
export async function verifySignedLatest(bytes: Uint8Array, keyring: Keyring): Promise<VerifiedLatest> {
  let file: unknown;
  try {
    file = decodeJson(bytes);
  } catch {
    return refuse('malformed', 'not valid UTF-8 JSON');
  }
  if (!isObject(file) || !isObject(file.signed) || !Array.isArray(file.signatures)) return refuse('malformed', 'not {signed, signatures}');
  if (file.signatures.length === 0) return refuse('missing', 'carries no signature');
  if (file.signatures.length > 64) return refuse('malformed', `carries ${file.signatures.length} signatures; at most 64 are read`);
  const message = signedBytes(file.signed);
  const trusted = new Set<string>();
  const strangers = new Set<string>();
  let invalid = 0;
  for (const entry of file.signatures) {
    if (!isObject(entry) || typeof entry.keyid !== 'string' || !KEYID.test(entry.keyid) || typeof entry.sig !== 'string') return refuse('malformed', 'a signature is not {keyid, sig}');
    const key = keyring.keys.get(entry.keyid);
    if (!key) {
      strangers.add(entry.keyid);
      continue;
    }
    const sig = fromBase64(entry.sig);
    const ok = sig?.byteLength === 64 && (await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, sig as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>).catch(() => false));
    if (ok) trusted.add(entry.keyid);
    else invalid++;
  }
  if (invalid > 0) return refuse('invalid', `${invalid} signature${invalid === 1 ? '' : 's'} by a trusted key do${invalid === 1 ? 'es' : ''} not verify: the metadata was changed after signing, or forged`);
  if (trusted.size === 0) {
    const keyids = [...strangers].sort();
    throw new ClientError(`${SIGNED_LATEST_FILE}: signed only by ${keyids.length === 1 ? 'a key' : 'keys'} this client does not trust (${keyids.map((k) => `${k.slice(0, 16)}…`).join(', ')})`, 'unknown-key', { keyids });
  }
  if (trusted.size < keyring.threshold) return refuse('threshold', `signed by ${trusted.size} trusted key${trusted.size === 1 ? '' : 's'}, but ${keyring.threshold} are required`);
  return { signed: checkSigned(file.signed), keyids: [...trusted].sort() };
}

/** The signed fields, checked: what a trusted key signed must still be metadata this client reads. */
function checkSigned(signed: Record<string, unknown>): SignedLatest {
  const fail = (problem: string): never => {
    throw new ClientError(`${SIGNED_LATEST_FILE}: signed ${problem}`, 'format');
  };
  if (signed.type !== SIGNED_LATEST_TYPE) fail(`type is ${JSON.stringify(signed.type)}, not "${SIGNED_LATEST_TYPE}"`);
  // version, manifest and manifestSha256 are checked exactly as latest.json's are.
  parseLatest(new TextEncoder().encode(JSON.stringify(signed)), SIGNED_LATEST_FILE);
  if (!Number.isSafeInteger(signed.counter) || (signed.counter as number) < 1) fail('counter is not a whole number from 1');
  for (const field of ['issued', 'expires'] as const) {
    const value = signed[field];
    if (typeof value !== 'string' || !TIME.test(value) || Number.isNaN(Date.parse(value))) fail(`${field} is not an ISO 8601 UTC time`);
  }
  return signed as unknown as SignedLatest;
}
