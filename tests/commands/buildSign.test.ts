/**
 * `reflib build --sign`: dist/latest.signed.json names the release
 * latest.json names, with a counter that rises at every signing and an
 * expiry; keys come from --key or REFLIB_SIGNING_KEY, several during a
 * rotation; a bad key, bad option or unreadable previous file stops the
 * build with a UsageError before dist/ changes by a byte; and an unsigned
 * build never leaves signed apps behind.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, parsePublicKey, signedBytes, type SignedLatestFile } from '../../scripts/bundle/signedRelease';
import { sha256 } from '../../scripts/bundle/sha256';
import { build, type BuildOptions } from '../../scripts/commands/build';
import { buildCommand } from '../../scripts/commands/build/command';
import { parseExpiresIn } from '../../scripts/commands/build/signBuild';
import type { CommandIo } from '../../scripts/commands/command';
import { UsageError } from '../../scripts/core/usageError';
import { publicKeyInfo } from '../../scripts/release/signLatest';
import { entry, makeLibrary, snapshotTree } from '../support/fixtures';

const env = { SOURCE_DATE_EPOCH: '1795000000' };
const NOW = new Date('2026-12-01T09:30:00.750Z');
const posix = process.platform !== 'win32';

const made: string[] = [];
const track = (dir: string) => (made.push(dir), dir);
const tempDir = (prefix = 'reflib-keys-') => track(mkdtempSync(path.join(tmpdir(), prefix)));
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const TOPIC = 'entries/topics/a.yaml';
/** A small valid library: a topic and a misconception correcting it. */
const library = () =>
  track(makeLibrary({ [TOPIC]: entry('topic', 'aaaaaaa1'), 'entries/misconceptions/b.yaml': entry('misconception', 'bbbbbbb1', 'corrects: aaaaaaa1\n') }));
const editTopic = (root: string) => writeFileSync(path.join(root, TOPIC), readFileSync(path.join(root, TOPIC), 'utf8').replace('What the topic covers.', 'What the topic covers, and more.'));

const pemOf = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const newKey = () => generateKeyPairSync('ed25519').privateKey;
/** Writes `keys` as PEM, one after another, to a file outside any library. */
function keyFile(keys: KeyObject[], dir = tempDir()): string {
  const file = path.join(dir, 'signing.key');
  writeFileSync(file, keys.map(pemOf).join(''), { mode: 0o600 });
  return file;
}

const signedFile = (root: string) => JSON.parse(readFileSync(path.join(root, 'dist/latest.signed.json'), 'utf8')) as SignedLatestFile;
const latestFile = (root: string) => JSON.parse(readFileSync(path.join(root, 'dist/latest.json'), 'utf8')) as Record<string, unknown>;
const signedBuild = (root: string, keys: string, extra: Partial<BuildOptions> = {}) => build({ cwd: root, env, sign: true, keyFile: keys, now: () => NOW, ...extra });

/** Whether `sig` is a valid signature of `signed` by `key`, checked as the client does (Web Crypto). */
async function verifies(key: KeyObject, sig: string, signed: unknown): Promise<boolean> {
  const raw = parsePublicKey((await publicKeyInfo(key)).publicKey)!;
  const pub = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify('Ed25519', pub, fromBase64(sig)! as Uint8Array<ArrayBuffer>, signedBytes(signed) as Uint8Array<ArrayBuffer>);
}

/** The UsageError a build throws. */
async function usageError(run: () => Promise<unknown>): Promise<UsageError> {
  const err = await run().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe('reflib build --sign', () => {
  it('writes latest.signed.json for the release latest.json names, signed, and says so', async () => {
    const root = library();
    const key = newKey();
    const r = await signedBuild(root, keyFile([key]));
    expect(r.exitCode).toBe(0);
    const { signed, signatures } = signedFile(root);
    const latest = latestFile(root);
    expect(signed).toEqual({
      type: 'reflib/latest',
      formatVersion: 1,
      version: '1.0.0',
      manifest: latest.manifest,
      manifestSha256: latest.manifestSha256,
      counter: 1,
      issued: '2026-12-01T09:30:00Z',
      expires: '2026-12-31T09:30:00Z',
    });
    expect(signed.manifestSha256).toBe(sha256(readFileSync(path.join(root, 'dist/1.0.0/manifest.json'))));
    const { keyid } = await publicKeyInfo(key);
    expect(signatures.map((s) => s.keyid)).toEqual([keyid]);
    expect(await verifies(key, signatures[0].sig, signed)).toBe(true);
    expect(r.output).toContain(`Signed latest.json for 1.0.0 with key ${keyid.slice(0, 16)} (counter 1, expires 2026-12-31T09:30:00Z).\n`);
    expect(r.output).not.toContain(pemOf(key).split('\n')[1]);
  });

  it('raises the counter at every signing: a rebuild re-signs the same release with a fresh expiry, a new release gets the next one', async () => {
    const root = library();
    const keys = keyFile([newKey()]);
    await signedBuild(root, keys);
    const later = new Date('2026-12-02T09:30:00Z');
    const again = await signedBuild(root, keys, { now: () => later });
    expect(again.output).toMatch(/^Rebuilt release 1\.0\.0 \(no content changes\)/);
    expect(signedFile(root).signed).toMatchObject({ version: '1.0.0', counter: 2, issued: '2026-12-02T09:30:00Z', expires: '2027-01-01T09:30:00Z' });
    editTopic(root);
    const next = await signedBuild(root, keys, { now: () => later });
    expect(next.output).toMatch(/^Built release 1\.0\.1/);
    expect(next.output).toContain('Signed latest.json for 1.0.1 with key ');
    expect(signedFile(root).signed).toMatchObject({ version: '1.0.1', manifest: '1.0.1/manifest.json', manifestSha256: latestFile(root).manifestSha256, counter: 3 });
  });

  it('gives the same bytes for the same release, counter, clock and keys', async () => {
    const keys = keyFile([newKey(), newKey()]);
    const [a, b] = [library(), library()];
    await signedBuild(a, keys);
    await signedBuild(b, keys);
    expect(readFileSync(path.join(a, 'dist/latest.signed.json'), 'utf8')).toBe(readFileSync(path.join(b, 'dist/latest.signed.json'), 'utf8'));
  });

  it.each([
    [1, '2026-12-02T09:30:00Z'],
    [7, '2026-12-08T09:30:00Z'],
    [366, '2027-12-02T09:30:00Z'],
  ])('expires after --expires-in %i days', async (n, expires) => {
    const root = library();
    await signedBuild(root, keyFile([newKey()]), { expiresInDays: n });
    expect(signedFile(root).signed.expires).toBe(expires);
  });

  it('takes --expires-in from the command line, as the CLI passes it', async () => {
    const root = library();
    let out = '';
    const io: CommandIo = { cwd: root, out: (t) => (out += t), err: () => undefined, errIsTTY: false, color: false, untilStopped: () => new Promise(() => undefined) };
    expect(await buildCommand.run({ values: { sign: true, key: keyFile([newKey()]), 'expires-in': '7' }, positionals: [] }, io)).toBe(0);
    const { issued, expires } = signedFile(root).signed;
    expect(days(issued, expires)).toBe(7);
    expect(out).toMatch(/Signed latest\.json for 1\.0\.0 with key [0-9a-f]{16} \(counter 1, expires .*Z\)\./);
  });

  it('reads the keys from REFLIB_SIGNING_KEY without --key, and --key wins over it', async () => {
    const root = library();
    const [fromVariable, fromFile] = [newKey(), newKey()];
    await build({ cwd: root, env: { ...env, REFLIB_SIGNING_KEY: pemOf(fromVariable) }, sign: true, now: () => NOW });
    expect(signedFile(root).signatures.map((s) => s.keyid)).toEqual([(await publicKeyInfo(fromVariable)).keyid]);
    await build({ cwd: root, env: { ...env, REFLIB_SIGNING_KEY: pemOf(fromVariable) }, sign: true, keyFile: keyFile([fromFile]), now: () => NOW });
    expect(signedFile(root).signatures.map((s) => s.keyid)).toEqual([(await publicKeyInfo(fromFile)).keyid]);
  });

  it('signs with the old and the new key during a rotation: two signatures, sorted, both valid', async () => {
    const root = library();
    const [oldKey, newKey_] = [newKey(), newKey()];
    const ids = [(await publicKeyInfo(oldKey)).keyid, (await publicKeyInfo(newKey_)).keyid];
    // Windows line endings and blank lines between the keys are fine.
    const text = `${pemOf(oldKey).replace(/\n/g, '\r\n')}\r\n\r\n${pemOf(newKey_)}`;
    const r = await build({ cwd: root, env: { ...env, REFLIB_SIGNING_KEY: text }, sign: true, now: () => NOW });
    const { signed, signatures } = signedFile(root);
    expect(signatures.map((s) => s.keyid)).toEqual([...ids].sort());
    for (const [key, id] of [[oldKey, ids[0]], [newKey_, ids[1]]] as const) expect(await verifies(key, signatures.find((s) => s.keyid === id)!.sig, signed)).toBe(true);
    expect(r.output).toContain(`with keys ${[...ids].sort().map((k) => k.slice(0, 16)).join(', ')} (counter 1,`);
    // Then the new key alone: the counter keeps rising.
    await signedBuild(root, keyFile([newKey_]));
    expect(signedFile(root).signatures.map((s) => s.keyid)).toEqual([ids[1]]);
    expect(signedFile(root).signed.counter).toBe(2);
  });

  it.runIf(posix)('follows a symbolic link to a key file outside the repository, as a mounted secret often is', async () => {
    const root = library();
    const key = newKey();
    const link = path.join(tempDir(), 'key-link');
    symlinkSync(keyFile([key]), link);
    expect((await signedBuild(root, link)).exitCode).toBe(0);
    expect(signedFile(root).signatures[0].keyid).toBe((await publicKeyInfo(key)).keyid);
  });

  it('refuses to build on errors in the library, writing neither the release nor the signed file', async () => {
    const root = library();
    writeFileSync(path.join(root, TOPIC), readFileSync(path.join(root, TOPIC), 'utf8').replace('summary:', 'sumary:'));
    const r = await signedBuild(root, keyFile([newKey()]));
    expect(r.exitCode).toBe(1);
    expect(existsSync(path.join(root, 'dist/latest.signed.json'))).toBe(false);
  });
});

describe('reflib build without --sign, in a dist/ that is signed', () => {
  it('leaves latest.signed.json alone when it rebuilds the same release', async () => {
    const root = library();
    await signedBuild(root, keyFile([newKey()]));
    const before = readFileSync(path.join(root, 'dist/latest.signed.json'));
    const r = await build({ cwd: root, env });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(root, 'dist/latest.signed.json'))).toEqual(before);
  });

  it('refuses a new release, which signed apps would never see, leaving dist/ byte for byte', async () => {
    const root = library();
    await signedBuild(root, keyFile([newKey()]));
    editTopic(root);
    const before = snapshotTree(path.join(root, 'dist'));
    const err = await usageError(() => build({ cwd: root, env }));
    expect(err.message).toMatch(/latest\.signed\.json exists, so releases here are signed: an unsigned build of 1\.0\.1 would leave apps that check signatures on the previous release/);
    expect(err.hint).toMatch(/--sign/);
    expect(snapshotTree(path.join(root, 'dist'))).toEqual(before);
  });

  it('never writes latest.signed.json where there was none', async () => {
    const root = library();
    await build({ cwd: root, env });
    editTopic(root);
    expect((await build({ cwd: root, env })).exitCode).toBe(0);
    expect(existsSync(path.join(root, 'dist/latest.signed.json'))).toBe(false);
  });
});

describe('reflib build --sign refuses bad keys before reading or writing anything', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const good = newKey();
  const other = newKey();
  const goodPem = pemOf(good);
  const encrypted = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  const secretLines = [goodPem, pemOf(other), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()].flatMap((p) => p.split(/\r?\n/).filter((l) => l.length > 20 && !l.startsWith('-----')));

  let root: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'reflib-sign-hostile-'));
    for (const [rel, text] of Object.entries({ [TOPIC]: entry('topic', 'aaaaaaa1'), 'entries/misconceptions/b.yaml': entry('misconception', 'bbbbbbb1', 'corrects: aaaaaaa1\n') })) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const keys = mkdtempSync(path.join(tmpdir(), 'reflib-sign-hostile-key-'));
    await signedBuild(root, keyFile([good], keys));
    rmSync(keys, { recursive: true, force: true });
    // The next build would be a new release: whatever was refused, nothing was written.
    editTopic(root);
    before = snapshotTree(path.join(root, 'dist'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  type Source = { keyFile?: string; env?: Record<string, string> };
  const inFile = (text: string | Buffer): Source => {
    const file = path.join(tempDir(), 'signing.key');
    writeFileSync(file, text);
    return { keyFile: file };
  };
  const inVariable = (text: string): Source => ({ env: { REFLIB_SIGNING_KEY: text } });

  it.each<[string, () => Source, RegExp, RegExp?]>([
    ['an RSA key (PKCS#8)', () => inFile(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })), /signing\.key: key 1 \(line 1\) is an RSA key, not Ed25519$/, /reflib keygen/],
    ['an RSA key (PKCS#1)', () => inFile(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' })), /key 1 \(line 1\) is an RSA key, not Ed25519$/, /reflib keygen/],
    ['an EC key', () => inFile(ec.privateKey.export({ type: 'sec1', format: 'pem' })), /key 1 \(line 1\) is an EC key, not Ed25519$/],
    ['an EC key in PKCS#8', () => inFile(ec.privateKey.export({ type: 'pkcs8', format: 'pem' })), /key 1 \(line 1\) is an EC key, not Ed25519$/],
    ['a public key (PEM)', () => inFile(generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' })), /key 1 \(line 1\) is a public key$/, /\.pub/],
    ['a public key (the .pub line)', () => inFile('ed25519:+jkJ++9rctm/XnlyJ/Q/R7xz6IExyLXqTH9DrAVe51A=\n'), /holds a public key \(ed25519:…\), not a private key$/],
    ['an encrypted key', () => inFile(encrypted), /key 1 \(line 1\) is an encrypted private key$/, /passphrase/],
    ['an RSA key after a good one', () => inFile(goodPem + rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })), /key 2 \(line 4\) is an RSA key, not Ed25519$/],
    ['a damaged key', () => inFile(goodPem.replace(/\n[A-Za-z0-9+/]{10}/, '\n')), /key 1 \(line 1\) is not a readable private key$/],
    ['text between two keys', () => inFile(`${goodPem}not a key\n${pemOf(other)}`), /text outside a PEM block at line 4$/],
    ['text after the keys', () => inFile(`${goodPem}\ntrailing`), /text outside a PEM block at line 5$/],
    ['the same key twice', () => inFile(goodPem + goodPem), /key 2 \(line 4\) is the same key as key 1$/],
    ['an empty file', () => inFile(''), /signing\.key holds no PEM private key$/],
    ['binary bytes', () => inFile(Buffer.from([0, 255, 1, 2, 0xc3, 0x28])), /holds no PEM private key$/],
    ['garbage in REFLIB_SIGNING_KEY', () => inVariable('hunter2'), /^REFLIB_SIGNING_KEY holds no PEM private key$/, /BEGIN PRIVATE KEY/],
    ['line breaks escaped as \\n in REFLIB_SIGNING_KEY', () => inVariable(goodPem.replace(/\n/g, '\\n')), /^REFLIB_SIGNING_KEY: key 1 \(line 1\) is not a readable private key$/, /escaped as \\n/],
    ['an RSA key in REFLIB_SIGNING_KEY', () => inVariable(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), /^REFLIB_SIGNING_KEY: key 1 \(line 1\) is an RSA key, not Ed25519$/],
    ['a REFLIB_SIGNING_KEY too long to hold keys', () => inVariable(`${goodPem}${'-----BEGIN PRIVATE KEY-----\n'.repeat(5000)}`), /^REFLIB_SIGNING_KEY is \d+ characters: too long to hold keys$/],
    ['no key at all', () => ({}), /^--sign needs a private key, and neither --key nor REFLIB_SIGNING_KEY gives one$/, /--key FILE.*REFLIB_SIGNING_KEY/],
    ['an empty REFLIB_SIGNING_KEY', () => inVariable('  \n'), /^--sign needs a private key/],
    ['a folder', () => ({ keyFile: tempDir() }), /the key file .* is a folder$/],
    ['a missing file', () => ({ keyFile: path.join(tempDir(), 'missing.key') }), /cannot read the key file .*missing\.key \(ENOENT\)$/],
    ['a file too large to be a key', () => inFile(goodPem + ' '.repeat(70 * 1024)), /too large to be a key file$/],
    ['a key file inside the library', () => ({ keyFile: keyFile([good], track(mkdtempSync(path.join(root, 'keys-')))) }), /the key file .* is inside the library \(.*\): a private key must never enter the repository$/, /outside the repository/],
    [
      'a key file inside a git work tree',
      () => {
        const tree = tempDir();
        mkdirSync(path.join(tree, '.git'));
        mkdirSync(path.join(tree, 'secrets'));
        return { keyFile: keyFile([good], path.join(tree, 'secrets')) };
      },
      /is inside the git work tree .*: a private key must never enter the repository$/,
    ],
    ['a relative --key that resolves into the library', () => ({ keyFile: path.relative(root, keyFile([good], track(mkdtempSync(path.join(root, 'keys-'))))) }), /is inside the library/],
  ])('%s', async (_, source, message, hint) => {
    const given = source();
    const err = await usageError(() => build({ cwd: root, env: { ...env, ...given.env }, sign: true, keyFile: given.keyFile, now: () => NOW }));
    expect(err.message).toMatch(message);
    if (hint) expect(err.hint).toMatch(hint);
    for (const line of secretLines) expect(`${err.message}\n${err.hint}`).not.toContain(line);
    expect(snapshotTree(path.join(root, 'dist'))).toEqual(before);
  });

  it.runIf(posix).each<[string, () => string, RegExp]>([
    ['a symbolic link outside that leads into the library', () => {
      const inside = keyFile([good], track(mkdtempSync(path.join(root, 'keys-'))));
      const link = path.join(tempDir(), 'key-link');
      symlinkSync(inside, link);
      return link;
    }, /is inside the library/],
    ['a symbolic link to a folder', () => {
      const link = path.join(tempDir(), 'key-link');
      symlinkSync(tempDir(), link);
      return link;
    }, /is a folder$/],
    ['a dangling symbolic link', () => {
      const link = path.join(tempDir(), 'key-link');
      symlinkSync(path.join(tempDir(), 'gone.key'), link);
      return link;
    }, /\(ENOENT\)$/],
    ['a device, not a file', () => '/dev/null', /is not a regular file$/],
  ])('%s', async (_, keyPath, message) => {
    const err = await usageError(() => build({ cwd: root, env, sign: true, keyFile: keyPath(), now: () => NOW }));
    expect(err.message).toMatch(message);
    expect(snapshotTree(path.join(root, 'dist'))).toEqual(before);
  });

  it('stops before the library is even checked: a library with errors gets the key error, not findings', async () => {
    const broken = library();
    writeFileSync(path.join(broken, TOPIC), 'id: [\n');
    const err = await usageError(() => build({ cwd: broken, env: { ...env, REFLIB_SIGNING_KEY: 'nope' }, sign: true }));
    expect(err.message).toMatch(/REFLIB_SIGNING_KEY holds no PEM private key/);
    // Nothing was written: not even an empty dist/.
    expect(existsSync(path.join(broken, 'dist'))).toBe(false);
  });
});

describe('reflib build --sign refuses bad options', () => {
  it.each(['0', 'abc', '999', '-1', '1.5', '367', '1e2', ' '])('--expires-in %j', (text) => {
    expect(() => parseExpiresIn(text)).toThrow(UsageError);
    expect(() => parseExpiresIn(text)).toThrow(/^--expires-in must be/);
  });

  it.each([
    ['1', 1],
    ['30', 30],
    ['366', 366],
  ])('--expires-in %j is %i days', (text, n) => {
    expect(parseExpiresIn(text)).toBe(n);
  });

  it.each<[string, Partial<BuildOptions>, RegExp]>([
    ['--expires-in 0', { sign: true, expiresInDays: 0 }, /--expires-in must be 1 to 366 days, not 0/],
    ['--expires-in 367', { sign: true, expiresInDays: 367 }, /--expires-in must be 1 to 366 days, not 367/],
    ['--expires-in 1.5', { sign: true, expiresInDays: 1.5 }, /--expires-in must be 1 to 366 days, not 1\.5/],
    ['--key without --sign', { keyFile: 'k.key' }, /^--key only applies with --sign$/],
    ['--expires-in without --sign', { expiresInDays: 7 }, /^--expires-in only applies with --sign$/],
  ])('%s, before dist/ is made', async (_, options, message) => {
    const root = library();
    const err = await usageError(() => build({ cwd: root, env: { ...env, REFLIB_SIGNING_KEY: pemOf(newKey()) }, ...options }));
    expect(err.message).toMatch(message);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });
});

describe('reflib build --sign with a previous latest.signed.json it cannot read', () => {
  it.each<[string, (file: string) => void, RegExp]>([
    ['not JSON', (f) => writeFileSync(f, '{"signed":'), /is not valid JSON, so its counter is unknown$/],
    ['empty', (f) => writeFileSync(f, ''), /is not valid JSON/],
    ['JSON, but not signed metadata', (f) => writeFileSync(f, '{"formatVersion":1,"version":"1.0.0"}'), /is not reflib signed metadata/],
    ['null', (f) => writeFileSync(f, 'null'), /is not reflib signed metadata/],
    ['another type', (f) => writeFileSync(f, JSON.stringify({ signed: { type: 'other', version: '1.0.0', counter: 3 }, signatures: [] })), /is not reflib signed metadata/],
    ['a counter of 0', (f) => writeFileSync(f, JSON.stringify({ signed: { type: 'reflib/latest', version: '1.0.0', counter: 0 }, signatures: [] })), /has no usable counter/],
    ['a counter that is a string', (f) => writeFileSync(f, JSON.stringify({ signed: { type: 'reflib/latest', version: '1.0.0', counter: '3' }, signatures: [] })), /has no usable counter/],
    ['a fractional counter', (f) => writeFileSync(f, JSON.stringify({ signed: { type: 'reflib/latest', version: '1.0.0', counter: 2.5 }, signatures: [] })), /has no usable counter/],
    ['a counter too large to add one to', (f) => writeFileSync(f, JSON.stringify({ signed: { type: 'reflib/latest', version: '1.0.0', counter: Number.MAX_SAFE_INTEGER }, signatures: [] })), /has no usable counter/],
    ['a folder', (f) => (rmSync(f), mkdirSync(f), writeFileSync(path.join(f, 'x'), 'x')), /is not a regular file$/],
  ])('refuses one that is %s, leaving dist/ byte for byte', async (_, spoil, message) => {
    const root = library();
    const keys = keyFile([newKey()]);
    await signedBuild(root, keys);
    spoil(path.join(root, 'dist/latest.signed.json'));
    editTopic(root);
    const before = snapshotTree(path.join(root, 'dist'));
    const err = await usageError(() => signedBuild(root, keys));
    expect(err.message).toMatch(message);
    expect(err.hint).toMatch(/Restore it from git .* clients refuse a lower one as a rollback/);
    expect(snapshotTree(path.join(root, 'dist'))).toEqual(before);
  });
});
