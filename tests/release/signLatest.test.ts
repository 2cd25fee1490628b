/**
 * Signing latest.json: the signatures verify with Web Crypto (what the client
 * uses) over signedBytes, key IDs are the SHA-256 of the raw public key, two
 * keys give two signatures sorted by key ID, the same inputs give the same
 * bytes, and the file matches the bundle schema's `latestSigned`.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../scripts/bundle/canonicalJson';
import { fromBase64, parsePublicKey, signedBytes, type SignedLatestFile } from '../../scripts/bundle/signedRelease';
import { schemaAjv, schemaId } from '../../scripts/core/loadSchemas';
import { isoSeconds, publicKeyInfo, signingTimes, signLatest, type SignLatestInput } from '../../scripts/release/signLatest';

const latest = { version: '1.2.0', manifest: '1.2.0/manifest.json', manifestSha256: 'a'.repeat(64) };
const times = { issued: '2026-12-01T09:30:00Z', expires: '2026-12-31T09:30:00Z' };
const newKey = () => generateKeyPairSync('ed25519').privateKey;
const input = (keys: KeyObject[], extra: Partial<SignLatestInput> = {}): SignLatestInput => ({ latest, counter: 7, ...times, keys, ...extra });

/** Verifies as the client does: Web Crypto, the raw public key, the canonical bytes of `signed`. */
async function verifies(publicKey: string, sig: string, signed: unknown): Promise<boolean> {
  const raw = parsePublicKey(publicKey)!;
  const key = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify('Ed25519', key, fromBase64(sig)! as Uint8Array<ArrayBuffer>, signedBytes(signed) as Uint8Array<ArrayBuffer>);
}

describe('signLatest', () => {
  it('signs the pointer, counter and times, and the signature verifies with Web Crypto', async () => {
    const key = newKey();
    const { file, text, keyids } = await signLatest(input([key]));
    expect(file.signed).toEqual({ type: 'reflib/latest', formatVersion: 1, ...latest, counter: 7, ...times });
    expect(text).toBe(canonicalJson(file));
    const info = await publicKeyInfo(key);
    expect(file.signatures).toEqual([{ keyid: info.keyid, sig: expect.any(String) }]);
    expect(keyids).toEqual([info.keyid]);
    expect(fromBase64(file.signatures[0].sig)?.byteLength).toBe(64);
    expect(await verifies(info.publicKey, file.signatures[0].sig, file.signed)).toBe(true);
    // Parsed back from the bytes written, as a client reads it.
    const parsed = JSON.parse(text) as SignedLatestFile;
    expect(await verifies(info.publicKey, parsed.signatures[0].sig, parsed.signed)).toBe(true);
  });

  it.each([
    ['the counter', { counter: 6 }],
    ['the version', { version: '1.1.0' }],
    ['the manifest hash', { manifestSha256: 'b'.repeat(64) }],
    ['the expiry', { expires: '2027-12-31T09:30:00Z' }],
  ])('covers %s: a changed value no longer verifies', async (_, change) => {
    const key = newKey();
    const { file } = await signLatest(input([key]));
    expect(await verifies((await publicKeyInfo(key)).publicKey, file.signatures[0].sig, { ...file.signed, ...change })).toBe(false);
  });

  it('names each key by the hex SHA-256 of its raw 32-byte public key', async () => {
    const key = newKey();
    const raw = Buffer.from(String(key.export({ format: 'jwk' }).x), 'base64url');
    const info = await publicKeyInfo(key);
    expect(raw.length).toBe(32);
    expect(info.keyid).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(info.publicKey).toBe(`ed25519:${raw.toString('base64')}`);
    expect(Buffer.from(info.raw)).toEqual(raw);
  });

  it('signs with two keys (a rotation): two signatures, sorted by key ID, each verifying with its own key', async () => {
    const keys = [newKey(), newKey()];
    const infos = await Promise.all(keys.map(publicKeyInfo));
    for (const order of [keys, [...keys].reverse()]) {
      const { file, keyids } = await signLatest(input(order));
      expect(file.signatures.map((s) => s.keyid)).toEqual(infos.map((i) => i.keyid).sort());
      expect(keyids).toEqual(file.signatures.map((s) => s.keyid));
      for (const s of file.signatures) {
        const info = infos.find((i) => i.keyid === s.keyid)!;
        expect(await verifies(info.publicKey, s.sig, file.signed)).toBe(true);
      }
    }
  });

  it('gives the same bytes for the same inputs, whatever the order of the keys', async () => {
    const keys = [newKey(), newKey()];
    const a = await signLatest(input(keys));
    const b = await signLatest(input([...keys].reverse()));
    expect(b.text).toBe(a.text);
    expect(a.text.endsWith('}\n')).toBe(true);
  });

  it('writes what the bundle schema describes', async () => {
    const validate = schemaAjv().getSchema(`${schemaId('bundle')}#/definitions/latestSigned`)!;
    const { file } = await signLatest(input([newKey(), newKey()]));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...file, signed: { ...file.signed, counter: 0 } })).toBe(false);
    expect(validate({ ...file, signed: { ...file.signed, issued: '2026-12-01T09:30:00.123Z' } })).toBe(false);
  });

  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ed = newKey();
  it.each<[string, SignLatestInput, RegExp]>([
    ['no keys', input([]), /at least one key/],
    ['an RSA key', input([rsa]), /Ed25519 private key/],
    ['a public key', input([generateKeyPairSync('ed25519').publicKey]), /Ed25519 private key/],
    ['the same key twice', input([ed, ed]), /given twice/],
    ['a counter of 0', input([ed], { counter: 0 }), /positive integer/],
    ['a fractional counter', input([ed], { counter: 1.5 }), /positive integer/],
    ['an expiry before the issue time', input([ed], { expires: '2026-11-01T00:00:00Z' }), /must come after/],
  ])('refuses %s', async (_, bad, message) => {
    await expect(signLatest(bad)).rejects.toThrow(message);
  });
});

describe('signing times', () => {
  it.each([
    ['2026-12-01T09:30:00.999Z', 30, '2026-12-01T09:30:00Z', '2026-12-31T09:30:00Z'],
    ['2026-12-01T00:00:00Z', 1, '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'],
    ['2028-02-28T12:00:00Z', 366, '2028-02-28T12:00:00Z', '2029-02-28T12:00:00Z'],
  ])('from %s for %i days: issued whole seconds in UTC, expires that many days later', (now, days, issued, expires) => {
    expect(signingTimes(new Date(now), days)).toEqual({ issued, expires });
  });

  it.each([0, -1, 367, 1.5, Number.NaN])('refuses %s days', (days) => {
    expect(() => signingTimes(new Date('2026-12-01T00:00:00Z'), days)).toThrow(/1 to 366 days/);
  });

  it('refuses an invalid clock', () => {
    expect(() => isoSeconds(new Date('not a date'))).toThrow(/not a valid time/);
  });
});
