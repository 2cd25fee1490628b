/**
 * Signs a release's pointer for `dist/latest.signed.json` (the format is
 * scripts/bundle/signedRelease.ts; the trust model is docs/trust.md): the
 * version, the manifest's hash, a counter and an issue and expiry time,
 * signed with one or more Ed25519 private keys. Nothing here reads or writes
 * files: the build hands in the pointer, the counter, the clock and the keys.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../bundle/canonicalJson';
import type { Latest } from '../bundle/manifest';
import { formatPublicKey, keyIdOf, signedBytes, SIGNED_LATEST_TYPE, toBase64, type Signature, type SignedLatest, type SignedLatestFile } from '../bundle/signedRelease';

/** The most days a signature may stay valid: a year (and a leap day). */
export const MAX_EXPIRES_IN_DAYS = 366;
/** How long a signature stays valid when `--expires-in` is not given. */
export const DEFAULT_EXPIRES_IN_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A private key's public half, as apps are given it and as signatures name it. */
export interface PublicKeyInfo {
  /** The 32 raw bytes. */
  raw: Uint8Array;
  /** `ed25519:<base64>`, what an app puts in `publicKeys`. */
  publicKey: string;
  /** Hex SHA-256 of the raw key: its ID in `signatures`. */
  keyid: string;
}

/** Whether `key` is an Ed25519 private key, the only kind reflib signs with. */
export function isEd25519PrivateKey(key: KeyObject): boolean {
  return key.type === 'private' && key.asymmetricKeyType === 'ed25519';
}

/** The public half of an Ed25519 key (private or public): raw bytes, `ed25519:` form and key ID. */
export async function publicKeyInfo(key: KeyObject): Promise<PublicKeyInfo> {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key: ${key.asymmetricKeyType ?? key.type}`);
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  const raw = new Uint8Array(Buffer.from(String(jwk.x), 'base64url'));
  if (raw.byteLength !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  return { raw, publicKey: formatPublicKey(raw), keyid: await keyIdOf(raw) };
}

/** A time as the signed metadata writes it: ISO 8601, UTC, whole seconds (`2026-12-01T09:30:00Z`). */
export function isoSeconds(time: Date): string {
  const ms = time.getTime();
  if (!Number.isFinite(ms)) throw new Error('not a valid time');
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** `issued` (the clock, to the second) and `expires` (that plus `days` days). */
export function signingTimes(now: Date, days: number): { issued: string; expires: string } {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS) throw new Error(`expiry must be 1 to ${MAX_EXPIRES_IN_DAYS} days, not ${days}`);
  const issued = isoSeconds(now);
  return { issued, expires: isoSeconds(new Date(Date.parse(issued) + days * DAY_MS)) };
}

/** What signLatest signs, and with which keys. */
export interface SignLatestInput {
  /** latest.json's pointer: version, manifest path and hash. */
  latest: Pick<Latest, 'version' | 'manifest' | 'manifestSha256'>;
  /** One more than the previous signing's counter (1 for the first). */
  counter: number;
  /** From signingTimes. */
  issued: string;
  expires: string;
  /** Every key to sign with: several during a key rotation. */
  keys: readonly KeyObject[];
}

/** latest.signed.json as an object and as the bytes to write. */
export interface SignedLatestResult {
  file: SignedLatestFile;
  /** The file's bytes as written: canonical JSON. */
  text: string;
  /** The signing keys' IDs, in the order of `signatures` (sorted). */
  keyids: string[];
}

/**
 * Signs the pointer with every key. The signatures are sorted by key ID, so
 * the same inputs give the same bytes (Ed25519 signatures are deterministic).
 * Throws on a programming error: no keys, a key that is not an Ed25519
 * private key, the same key twice, or a counter that is not a positive integer.
 */
export async function signLatest(input: SignLatestInput): Promise<SignedLatestResult> {
  const { latest, counter, issued, expires, keys } = input;
  if (!Number.isSafeInteger(counter) || counter < 1) throw new Error(`the counter must be a positive integer, not ${counter}`);
  if (keys.length === 0) throw new Error('signing needs at least one key');
  if (!(Date.parse(expires) > Date.parse(issued))) throw new Error(`expires (${expires}) must come after issued (${issued})`);
  const signed: SignedLatest = {
    type: SIGNED_LATEST_TYPE,
    formatVersion: 1,
    version: latest.version,
    manifest: latest.manifest,
    manifestSha256: latest.manifestSha256,
    counter,
    issued,
    expires,
  };
  const bytes = signedBytes(signed);
  const signatures: Signature[] = [];
  for (const key of keys) {
    if (!isEd25519PrivateKey(key)) throw new Error('every signing key must be an Ed25519 private key');
    const { keyid } = await publicKeyInfo(key);
    if (signatures.some((s) => s.keyid === keyid)) throw new Error(`the key ${keyid} is given twice`);
    signatures.push({ keyid, sig: toBase64(sign(null, bytes, key)) });
  }
  signatures.sort((a, b) => (a.keyid < b.keyid ? -1 : a.keyid > b.keyid ? 1 : 0));
  const file: SignedLatestFile = { signed, signatures };
  return { file, text: canonicalJson(file), keyids: signatures.map((s) => s.keyid) };
}
