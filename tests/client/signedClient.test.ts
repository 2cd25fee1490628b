/**
 * The client given public keys, against a real `reflib serve`: each attack
 * of docs/trust.md is refused with its own error code, and a release
 * verified before is served instead, flagged stale with that code.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientError, createClient, IntegrityError, type CachedFile, type ClientCache, type ClientOptions, type StaleEvent } from '../../scripts/client';
import { publicKeyInfo, signLatest, signingTimes } from '../../scripts/release/signLatest';
import { sha256, type DistFixture } from '../support/makeDist';
import { serveDist } from '../support/serveDist';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const newKey = (): KeyObject => generateKeyPairSync('ed25519').privateKey;
const publicOf = async (key: KeyObject) => (await publicKeyInfo(key)).publicKey;
/** 2026-12-01, the signing day of every test; metadata expires 30 days later unless a test says otherwise. */
const DAY1 = new Date('2026-12-01T00:00:00Z');
const at = (iso: string) => () => new Date(iso);

/** A fresh dist/ fixture served on a free port, removed after the test. */
const start = () => serveDist((undo) => cleanup.push(undo));

/** Writes dist/latest.signed.json for `version`, signed by `keys`. */
async function sign(fixture: DistFixture, version: '1.0.0' | '1.1.0', counter: number, keys: KeyObject[], options: { days?: number; manifestSha256?: string } = {}): Promise<string> {
  const { text } = await signLatest({
    latest: { version, manifest: `${version}/manifest.json`, manifestSha256: options.manifestSha256 ?? fixture.releases[version].manifestSha256 },
    counter,
    ...signingTimes(DAY1, options.days ?? 30),
    keys,
  });
  fixture.corrupt('latest.signed.json', text);
  return text;
}

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe('a client given public keys: the happy path', () => {
  it('reads only latest.signed.json, and says the release is signed and until when', async () => {
    const { fixture, server, seen } = await start();
    const key = newKey();
    await sign(fixture, '1.1.0', 1, [key]);
    const client = createClient({ baseUrl: server.url, publicKeys: [await publicOf(key)], now: at('2026-12-02T00:00:00Z') });
    const result = await client.entry('aaaa0001');
    expect(result).toMatchObject({ id: 'aaaa0001', version: '1.1.0', stale: false, signed: true, expires: '2026-12-31T00:00:00Z' });
    expect(seen.map((r) => `${r.url} ${r.status}`)).toEqual(['/latest.signed.json 200', '/1.1.0/manifest.json 200', '/1.1.0/entries/aaaa0001.json 200']);
    expect(await client.latest()).toMatchObject({ latest: { version: '1.1.0' }, signed: true, counter: 1, expires: '2026-12-31T00:00:00Z', stale: false });
  });

  it('a client without keys keeps reading latest.json, and says the release is not signed', async () => {
    const { fixture, server, seen } = await start();
    await sign(fixture, '1.1.0', 1, [newKey()]);
    const result = await createClient({ baseUrl: server.url }).entry('aaaa0001');
    expect(result).toMatchObject({ version: '1.1.0', stale: false, signed: false });
    expect(result).not.toHaveProperty('expires');
    expect(seen.map((r) => r.url)).toEqual(['/latest.json', '/1.1.0/manifest.json', '/1.1.0/entries/aaaa0001.json']);
  });
});

describe('a client given public keys: each attack is refused with its own code', () => {
  /**
   * Each case: what the attacker does after the client verified 1.1.0 at
   * counter 5, the code of the refusal, and the refusal's details. A fresh
   * client (nothing verified) gets the error; the client that verified 1.1.0
   * keeps it, flagged stale with that code.
   */
  const attacks: [string, (f: DistFixture, key: KeyObject) => Promise<void>, string, Record<string, unknown>, string?][] = [
    [
      'a tampered manifest re-signed with another key',
      async (f) => {
        const forged = Buffer.from(f.bytes('1.1.0/manifest.json').toString().replace('Stress and magnesium', 'Stress and MAGNESIUM'));
        f.corrupt('1.1.0/manifest.json', forged);
        await sign(f, '1.1.0', 6, [newKey()], { manifestSha256: sha256(forged) });
      },
      'unknown-key',
      { keyids: [expect.stringMatching(/^[0-9a-f]{64}$/)] },
    ],
    [
      'signed metadata changed after signing',
      async (f) => {
        const file = JSON.parse(f.bytes('latest.signed.json').toString());
        file.signed.expires = '2036-12-31T00:00:00Z';
        f.corrupt('latest.signed.json', JSON.stringify(file));
      },
      'bad-signature',
      { problem: 'invalid' },
    ],
    [
      'signatures stripped',
      async (f) => {
        const file = JSON.parse(f.bytes('latest.signed.json').toString());
        f.corrupt('latest.signed.json', JSON.stringify({ ...file, signatures: [] }));
      },
      'bad-signature',
      { problem: 'missing' },
    ],
    ['no signed metadata at all (only latest.json)', async (f) => rmSync(path.join(f.dist, 'latest.signed.json')), 'bad-signature', { problem: 'missing', status: 404 }],
    [
      'a rollback: an older release, properly signed earlier, replayed',
      async (f, key) => void (await sign(f, '1.0.0', 4, [key])),
      'rollback',
      { latestVersion: '1.0.0', verifiedVersion: '1.1.0', counter: 4, verifiedCounter: 5 },
    ],
    [
      'a rollback by counter alone: the same release, an older signing',
      async (f, key) => void (await sign(f, '1.1.0', 3, [key])),
      'rollback',
      { counter: 3, verifiedCounter: 5 },
    ],
    [
      'an older release signed with a higher counter',
      async (f, key) => void (await sign(f, '1.0.0', 9, [key])),
      'rollback',
      { latestVersion: '1.0.0', verifiedVersion: '1.1.0' },
    ],
    [
      'a frozen mirror: the same signed metadata, served past its expiry',
      async () => undefined,
      'expired',
      { expires: '2026-12-31T00:00:00Z' },
      '2027-01-01T00:00:00Z',
    ],
  ];

  it.each(attacks)('%s', async (_name, attack, code, details, later) => {
    const { fixture, server } = await start();
    const key = newKey();
    await sign(fixture, '1.1.0', 5, [key]);
    // One cache shared by every client of the test: what an app keeps between runs.
    const store = new Map<string, CachedFile>();
    const cache: ClientCache = { get: async (k) => store.get(k), set: async (k, v) => void store.set(k, v) };
    const events: StaleEvent[] = [];
    let clock = '2026-12-02T00:00:00Z';
    const options: ClientOptions = { baseUrl: server.url, cache, publicKeys: [await publicOf(key)], now: () => new Date(clock), onStale: (e) => events.push(e) };
    const fresh = await createClient(options).entry('aaaa0001');
    expect(fresh).toMatchObject({ version: '1.1.0', signed: true, stale: false });

    await attack(fixture, key);
    if (later) clock = later;
    // The app keeps the release it verified, and says why.
    expect(await createClient(options).entry('aaaa0001')).toEqual({ ...fresh, stale: true, staleReason: code });
    expect(events.map((e) => [e.file, e.code])).toEqual([['latest.signed.json', code]]);

    // Once that release can be had neither from the cache nor from the server, the refusal is an error.
    for (const k of store.keys()) if (!k.endsWith('/.reflib-client/newest-signed.json')) store.delete(k);
    rmSync(path.join(fixture.dist, '1.1.0'), { recursive: true });
    const error = await rejection(createClient(options).entry('aaaa0001'));
    expect({ code: error.code, details: error.details }).toMatchObject({ code, details });
    expect(error.message).toBe(`${events[0].reason}, and 1.1.0 is neither cached nor available (GET ${server.url}1.1.0/manifest.json: HTTP 404)`);
  });

  it('a client that verified nothing before has nothing to fall back on: the refusal is an error at once', async () => {
    const { fixture, server } = await start();
    await sign(fixture, '1.1.0', 1, [newKey()]);
    const error = await rejection(createClient({ baseUrl: server.url, publicKeys: [await publicOf(newKey())] }).library());
    expect(error.code).toBe('unknown-key');
    expect(error.message).toMatch(/^latest\.signed\.json: signed only by a key this client does not trust \([0-9a-f]{16}…\)$/);
    const expired = await rejection(createClient({ baseUrl: server.url, publicKeys: [] }).library());
    expect(expired.code).toBe('invalid-option');
  });

  it('a tampered entry file is refused by its hash, while an entry kept before is still served', async () => {
    const { fixture, server } = await start();
    const key = newKey();
    await sign(fixture, '1.1.0', 1, [key]);
    const options: ClientOptions = { baseUrl: server.url, publicKeys: [await publicOf(key)], now: at('2026-12-02T00:00:00Z') };
    const client = createClient(options);
    const kept = await client.entry('aaaa0001');
    for (const id of ['aaaa0001', 'bbbb0001']) fixture.corrupt(`1.1.0/entries/${id}.json`, fixture.bytes(`1.1.0/entries/${id}.json`).toString().replace(/"title": "(.)/, (_m, c: string) => `"title": "${c === 'X' ? 'Y' : 'X'}`));
    expect(await client.entry('aaaa0001')).toEqual(kept);
    const error = await rejection(client.entry('bbbb0001'));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toMatch(/^1\.1\.0\/entries\/bbbb0001\.json failed verification: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}$/);
  });
});

describe('key rotation: a release signed by the old key and the new one', () => {
  it('is accepted by apps that know either key; once the old key stops signing, apps with only the old key get unknown-key', async () => {
    const { fixture, server } = await start();
    const [oldKey, newKeyPair] = [newKey(), newKey()];
    const [oldPublic, newPublic] = [await publicOf(oldKey), await publicOf(newKeyPair)];
    const now = at('2026-12-02T00:00:00Z');
    await sign(fixture, '1.1.0', 1, [oldKey, newKeyPair]);
    const file = JSON.parse(fixture.bytes('latest.signed.json').toString());
    expect(file.signatures).toHaveLength(2);
    for (const publicKeys of [[oldPublic], [newPublic], [oldPublic, newPublic]]) {
      expect(await createClient({ baseUrl: server.url, publicKeys, now }).manifest()).toMatchObject({ signed: true, stale: false });
    }
    // Both keys must have signed when the app asks for two.
    expect(await createClient({ baseUrl: server.url, publicKeys: [oldPublic, newPublic], threshold: 2, now }).manifest()).toMatchObject({ signed: true });

    // The rotation is over: only the new key signs.
    await sign(fixture, '1.1.0', 2, [newKeyPair]);
    expect(await createClient({ baseUrl: server.url, publicKeys: [newPublic], now }).manifest()).toMatchObject({ signed: true, stale: false });
    expect(await createClient({ baseUrl: server.url, publicKeys: [oldPublic, newPublic], now }).manifest()).toMatchObject({ signed: true, stale: false });
    expect((await rejection(createClient({ baseUrl: server.url, publicKeys: [oldPublic], now }).manifest())).code).toBe('unknown-key');
    const short = await rejection(createClient({ baseUrl: server.url, publicKeys: [oldPublic, newPublic], threshold: 2, now }).manifest());
    expect({ code: short.code, problem: short.details.problem }).toEqual({ code: 'bad-signature', problem: 'threshold' });
  });
});

describe('options of a signing client', () => {
  it.each([
    ['no key', { publicKeys: [] }, /^publicKeys must list at least one/],
    ['a key that is not ed25519:base64', { publicKeys: ['ssh-ed25519 AAAA'] }, /^publicKeys: "ssh-ed25519 AAAA" is not "ed25519:"/],
    ['a key of the wrong length', { publicKeys: [`ed25519:${Buffer.alloc(31).toString('base64')}`] }, /is not "ed25519:" followed by 32 bytes/],
    ['a threshold above the keys', { publicKeys: [`ed25519:${Buffer.alloc(32, 1).toString('base64')}`], threshold: 2 }, /^threshold must be a whole number from 1 to 1/],
    ['the same key twice', { publicKeys: [`ed25519:${Buffer.alloc(32, 1).toString('base64')}`, `ed25519:${Buffer.alloc(32, 1).toString('base64')}`] }, /twice$/],
  ] as const)('%s: invalid-option on first use', async (_name, options, message) => {
    const { server } = await start();
    const error = await rejection(createClient({ baseUrl: server.url, ...options }).latest());
    expect(error.code).toBe('invalid-option');
    expect(error.message).toMatch(message);
  });

  it('a pinned version with keys needs the pinned manifest hash', () => {
    expect(() => createClient({ baseUrl: 'http://127.0.0.1:1/', publicKeys: ['ed25519:x'], version: '1.0.0' })).toThrow(/needs manifestSha256/);
  });
});

describe('what the client keeps, with public keys', () => {
  /** A cache the test can read and edit: what an app keeps between runs. */
  function mapCache() {
    const store = new Map<string, CachedFile>();
    const cache: ClientCache = { get: async (k) => store.get(k), set: async (k, v) => void store.set(k, v) };
    return { store, cache };
  }
  const RECORD = '/.reflib-client/newest-signed.json';

  it('a refused file never replaces the last good copy: after a replay, an outage is still just unavailable', async () => {
    const { fixture, server, stop } = await start();
    const key = newKey();
    await sign(fixture, '1.1.0', 5, [key]);
    const { cache } = mapCache();
    const options: ClientOptions = { baseUrl: server.url, cache, publicKeys: [await publicOf(key)], now: at('2026-12-02T00:00:00Z') };
    const fresh = await createClient(options).manifest();
    await sign(fixture, '1.0.0', 4, [key]);
    expect(await createClient(options).manifest()).toEqual({ ...fresh, stale: true, staleReason: 'rollback' });
    await stop();
    expect(await createClient(options).manifest()).toEqual({ ...fresh, stale: true, staleReason: 'unavailable' });
  });

  it('offline past the expiry of the last good copy: the kept release, flagged expired', async () => {
    const { fixture, server, stop } = await start();
    const key = newKey();
    await sign(fixture, '1.1.0', 5, [key]);
    const { cache } = mapCache();
    let clock = '2026-12-02T00:00:00Z';
    const options: ClientOptions = { baseUrl: server.url, cache, publicKeys: [await publicOf(key)], now: () => new Date(clock) };
    const fresh = await createClient(options).entry('aaaa0001');
    await stop();
    expect(await createClient(options).entry('aaaa0001')).toEqual({ ...fresh, stale: true, staleReason: 'unavailable' });
    clock = '2027-01-01T00:00:00Z';
    const events: StaleEvent[] = [];
    expect(await createClient({ ...options, onStale: (e) => events.push(e) }).entry('aaaa0001')).toEqual({ ...fresh, stale: true, staleReason: 'expired' });
    expect(events[0].reason).toBe(`latest.signed.json for release 1.1.0 expired at 2026-12-31T00:00:00Z, and the server gave no usable reply (GET ${server.url}latest.signed.json: network error (ECONNREFUSED))`);
  });

  it.each([
    ['a counter raised to lock out every real release', (record: Record<string, any>) => void (record.signed.counter = 999_999_999)],
    ['a record pointed at an older release', (record: Record<string, any>, f: DistFixture) => Object.assign(record.signed, { version: '1.0.0', manifest: '1.0.0/manifest.json', manifestSha256: f.releases['1.0.0'].manifestSha256 })],
  ])('the record of the newest verified release is the signed file, verified on every read: %s reads as no record', async (_name, edit) => {
    const { fixture, server } = await start();
    const key = newKey();
    await sign(fixture, '1.1.0', 5, [key]);
    const { store, cache } = mapCache();
    const options: ClientOptions = { baseUrl: server.url, cache, publicKeys: [await publicOf(key)], now: at('2026-12-02T00:00:00Z') };
    await createClient(options).manifest();
    const recordKey = [...store.keys()].find((k) => k.endsWith(RECORD))!;
    expect(Buffer.from(store.get(recordKey)!.body).toString()).toBe(fixture.bytes('latest.signed.json').toString());
    const record = JSON.parse(Buffer.from(store.get(recordKey)!.body).toString());
    edit(record, fixture);
    store.set(recordKey, { body: new TextEncoder().encode(JSON.stringify(record)) });
    // The edited record counts for nothing: the real release is read, not refused, and not replaced by 1.0.0.
    expect(await createClient(options).manifest()).toMatchObject({ version: '1.1.0', stale: false, signed: true });
  });
});
