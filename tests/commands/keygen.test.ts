/**
 * `reflib keygen`: a key pair that signs and verifies, private key 0600 and
 * never overwritten, and never written inside the library or a git work tree.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../scripts/commands';
import type { CommandIo } from '../../scripts/commands/command';
import { keygen } from '../../scripts/commands/keygen';
import { keygenCommand } from '../../scripts/commands/keygen/command';
import { keyIdOf, parsePublicKey } from '../../scripts/bundle/signedRelease';
import { UsageError } from '../../scripts/core/usageError';
import { snapshotTree } from '../support/fixtures';

const made: string[] = [];
const tempDir = (prefix = 'reflib-keygen-') => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';
const modeOf = (p: string) => statSync(p).mode & 0o777;

/** Runs the command as the CLI would, in-process, and returns what it printed. */
async function runKeygen(values: Record<string, string>, cwd: string): Promise<string> {
  let out = '';
  const io: CommandIo = { cwd, out: (t) => (out += t), err: () => undefined, errIsTTY: false, color: false, untilStopped: () => new Promise(() => undefined) };
  expect(await keygenCommand.run({ values, positionals: [] }, io)).toBe(0);
  return out;
}

/** The UsageError a call throws. */
async function usageError(run: () => Promise<unknown>): Promise<UsageError> {
  const err = await run().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

describe('reflib keygen', () => {
  it('is a command of the CLI', () => {
    expect(COMMANDS).toContain(keygenCommand);
  });

  it('writes a PKCS#8 PEM private key (0600) and its ed25519: public key, and prints what to do next', async () => {
    const out = path.join(tempDir(), 'keys');
    const printed = await runKeygen({ out }, tempDir());
    const keyFile = path.join(out, 'reflib-signing.key');
    const pubFile = path.join(out, 'reflib-signing.pub');
    const pem = readFileSync(keyFile, 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    const privateKey = createPrivateKey(pem);
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    const pubLine = readFileSync(pubFile, 'utf8');
    expect(pubLine).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);
    const raw = parsePublicKey(pubLine.trim())!;
    expect(Buffer.from(raw).toString('base64url')).toBe(createPublicKey(privateKey).export({ format: 'jwk' }).x);
    if (posix) {
      expect(modeOf(keyFile)).toBe(0o600);
      expect(modeOf(pubFile)).toBe(0o644);
      expect(modeOf(out)).toBe(0o700);
    }
    const keyid = await keyIdOf(raw);
    for (const part of [keyFile, pubFile, pubLine.trim(), keyid, 'REFLIB_SIGNING_KEY', '--sign', 'publicKeys', 'docs/trust.md']) expect(printed).toContain(part);
    // The private key itself is never printed.
    expect(printed).not.toContain(pem.split('\n')[1]);
  });

  it('defaults to ~/.config/reflib/keys/reflib-signing.{key,pub}, and --name picks the file names', async () => {
    const home = tempDir();
    const a = await keygen({ cwd: tempDir(), home });
    expect(a.privateKeyFile).toBe(path.join(home, '.config/reflib/keys/reflib-signing.key'));
    expect(a.publicKeyFile).toBe(path.join(home, '.config/reflib/keys/reflib-signing.pub'));
    const b = await keygen({ cwd: tempDir(), home, name: 'reflib-2027' });
    expect(path.basename(b.privateKeyFile)).toBe('reflib-2027.key');
    expect(b.keyid).not.toBe(a.keyid);
    expect(existsSync(a.privateKeyFile) && existsSync(b.publicKeyFile)).toBe(true);
  });

  it.each([
    ['the key file', ['reflib-signing.key']],
    ['the public key file', ['reflib-signing.pub']],
    ['both files', ['reflib-signing.key', 'reflib-signing.pub']],
  ])('never overwrites: refuses when %s exists, changing nothing', async (_, existing) => {
    const out = tempDir();
    for (const name of existing) writeFileSync(path.join(out, name), `old ${name}\n`);
    const before = snapshotTree(out);
    const err = await usageError(() => keygen({ cwd: out, out }));
    expect(err.message).toMatch(/already exists, and keygen never overwrites a key/);
    expect(err.hint).toMatch(/--name/);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('refuses a second run with the same name, keeping the first key', async () => {
    const out = tempDir();
    const first = await keygen({ cwd: out, out });
    const before = snapshotTree(out);
    await usageError(() => keygen({ cwd: out, out }));
    expect(snapshotTree(out)).toEqual(before);
    expect(readFileSync(first.publicKeyFile, 'utf8').trim()).toBe(first.publicKey);
  });

  describe('refuses to write the private key where it could be committed', () => {
    it.each([
      ['a git work tree (a .git folder)', (tree: string) => mkdirSync(path.join(tree, '.git'))],
      ['a linked worktree or submodule (a .git file)', (tree: string) => writeFileSync(path.join(tree, '.git'), 'gitdir: /elsewhere\n')],
    ])('inside %s, however deep, creating nothing', async (_, makeGit) => {
      const tree = tempDir();
      makeGit(tree);
      const before = snapshotTree(tree);
      const err = await usageError(() => keygen({ cwd: tempDir(), out: path.join(tree, 'a/b/keys') }));
      expect(err.message).toContain(`inside the git work tree ${tree}`);
      expect(err.hint).toMatch(/outside the repository/);
      expect(snapshotTree(tree)).toEqual(before);
      expect(existsSync(path.join(tree, 'a'))).toBe(false);
    });

    it('inside the library it is run from (a folder holding entries/)', async () => {
      const library = tempDir();
      mkdirSync(path.join(library, 'entries'));
      const err = await usageError(() => runKeygen({ out: 'keys' }, library));
      expect(err.message).toMatch(/inside the library/);
      expect(existsSync(path.join(library, 'keys'))).toBe(false);
    });

    it.each(['..keys', '..', '...'])('inside the library, in a folder named %s/ that only looks like a way out', async (name) => {
      const library = tempDir();
      mkdirSync(path.join(library, 'entries'));
      const out = name === '..' ? path.join('entries', '..', 'k') : name;
      const err = await usageError(() => runKeygen({ out }, library));
      expect(err.message).toMatch(/inside the library/);
      expect(existsSync(path.join(library, name === '..' ? 'k' : name))).toBe(false);
    });

    it('inside the library given with --root', async () => {
      const library = tempDir();
      const err = await usageError(() => keygen({ cwd: tempDir(), root: library, out: path.join(library, 'secrets') }));
      expect(err.message).toMatch(/inside the library/);
    });

    it.runIf(posix)('through a symbolic link that leads into a git work tree', async () => {
      const tree = tempDir();
      mkdirSync(path.join(tree, '.git'));
      mkdirSync(path.join(tree, 'keys'));
      const outside = tempDir();
      symlinkSync(path.join(tree, 'keys'), path.join(outside, 'keys'));
      const err = await usageError(() => keygen({ cwd: outside, out: path.join(outside, 'keys') }));
      expect(err.message).toMatch(/inside the git work tree/);
      expect(existsSync(path.join(tree, 'keys/reflib-signing.key'))).toBe(false);
    });

    it('but writes anywhere else, e.g. from a folder that is not a library', async () => {
      const cwd = tempDir();
      const r = await keygen({ cwd, out: 'keys' });
      expect(r.privateKeyFile).toBe(path.join(cwd, 'keys/reflib-signing.key'));
    });

    it.runIf(posix)('into an existing folder open to others, keeping its mode but saying so', async () => {
      const out = tempDir();
      chmodSync(out, 0o755);
      const r = await keygen({ cwd: out, out });
      expect(modeOf(out)).toBe(0o755);
      expect(modeOf(r.privateKeyFile)).toBe(0o600);
      expect(r.output).toContain(`Note: ${out} is open to other users (mode 0755); consider chmod 700 on it.`);
    });
  });

  it.each(['../escape', 'a/b', '.hidden', '', 'x'.repeat(101), 'key name'])('refuses --name %j', async (name) => {
    const out = tempDir();
    const err = await usageError(() => keygen({ cwd: out, out, name }));
    expect(err.message).toMatch(/--name must be a plain file name/);
    expect(snapshotTree(out)).toEqual({});
  });
});
