/**
 * `reflib keygen`: writes a new Ed25519 key pair for `reflib build --sign`.
 * The private key (`NAME.key`, PKCS#8 PEM, mode 0600) goes to a folder
 * outside any repository, by default ~/.config/reflib/keys; the public key
 * (`NAME.pub`, one `ed25519:<base64>` line) goes into apps. It never
 * overwrites a key, and refuses a folder inside the library or a git work
 * tree, because a private key must never enter the repository.
 */
import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { refuseInsideRepository, SIGNING_KEY_VARIABLE } from '../../release/readSigningKeys';
import { publicKeyInfo } from '../../release/signLatest';

/** `reflib keygen`'s options, as the command passes them. */
export interface KeygenOptions {
  cwd: string;
  /** The library root: a key folder inside it is refused. Without it, `cwd` counts when it holds entries/. */
  root?: string;
  /** The folder for the key pair (default ~/.config/reflib/keys). */
  out?: string;
  /** The files' base name (default `reflib-signing`). */
  name?: string;
  /** The home folder the default `out` is under (tests point it elsewhere). */
  home?: string;
}

/** What keygen wrote, and the text it prints. */
export interface KeygenResult {
  output: string;
  /** Absolute paths of the files written. */
  privateKeyFile: string;
  publicKeyFile: string;
  /** `ed25519:<base64>`. */
  publicKey: string;
  keyid: string;
}

/** The key pair's file name without extension, when --name is not given. */
export const DEFAULT_KEY_NAME = 'reflib-signing';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The default folder: ~/.config/reflib/keys. */
export function defaultKeyFolder(home: string): string {
  return path.join(home, '.config', 'reflib', 'keys');
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(() => true, () => false);
}

/** The library root to keep keys out of: `--root`, or the current folder when it holds entries/ (keygen may run anywhere). */
async function libraryRoot(options: KeygenOptions): Promise<string | undefined> {
  const root = resolveRoot(options);
  return options.root !== undefined || (await exists(path.join(root, 'entries'))) ? root : undefined;
}

/** Creates `file` (it must not exist: O_EXCL) with `mode`, whatever the umask, and flushes it. */
async function writeNew(file: string, text: string, mode: number): Promise<void> {
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Generates a key pair and writes it; refuses to overwrite, or to write inside the library or a git work tree. */
export async function keygen(options: KeygenOptions): Promise<KeygenResult> {
  const name = options.name ?? DEFAULT_KEY_NAME;
  if (!NAME.test(name)) throw new UsageError(`--name must be a plain file name (letters, digits, . _ -), not "${name.slice(0, 60)}"`, `Example: --name ${DEFAULT_KEY_NAME}-2027. Use --out for the folder.`);
  const dir = options.out !== undefined ? path.resolve(options.cwd, options.out) : defaultKeyFolder(options.home ?? os.homedir());
  const privateKeyFile = path.join(dir, `${name}.key`);
  const publicKeyFile = path.join(dir, `${name}.pub`);
  await refuseInsideRepository(
    privateKeyFile,
    await libraryRoot(options),
    'the private key',
    `Write it outside the repository: leave out --out (default ${path.join('~', '.config', 'reflib', 'keys')}) or pass --out with a folder outside the library and any git work tree.`,
  );
  for (const file of [privateKeyFile, publicKeyFile]) {
    if (await exists(file)) throw new UsageError(`${file} already exists, and keygen never overwrites a key`, `Pass --name for a new pair (e.g. --name ${name}-2), or move the old files away first.`);
  }
  await fs.mkdir(dir, { recursive: true, mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot create ${dir} (${err.code ?? 'error'})`, 'Pass --out with a folder you can write.');
  });

  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const info = await publicKeyInfo(privateKey);
  try {
    await writeNew(privateKeyFile, pem, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${privateKeyFile} (${code ?? 'error'})`, code === 'EEXIST' ? 'It appeared while keygen ran: pass another --name.' : 'Pass --out with a folder you can write.');
  }
  try {
    await writeNew(publicKeyFile, `${info.publicKey}\n`, 0o644);
  } catch (err) {
    // Only the private key just made is removed: nothing that was there before is touched.
    await fs.rm(privateKeyFile, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${publicKeyFile} (${code ?? 'error'})`, code === 'EEXIST' ? 'It appeared while keygen ran: pass another --name.' : 'Pass --out with a folder you can write.');
  }

  // The folder is made 0700; one that already existed keeps its mode, which may let others list it.
  const folderMode = (await fs.stat(dir)).mode & 0o777;
  const openFolder = process.platform !== 'win32' && (folderMode & 0o077) !== 0 ? [`Note: ${dir} is open to other users (mode ${folderMode.toString(8).padStart(4, '0')}); consider chmod 700 on it.`, ''] : [];
  const output = [
    'Wrote a new Ed25519 key pair:',
    `  private key  ${privateKeyFile}  (mode 0600: keep it secret, never commit it)`,
    `  public key   ${publicKeyFile}`,
    '',
    `Public key: ${info.publicKey}`,
    `Key ID:     ${info.keyid}`,
    '',
    'Next:',
    `  1. Put the public key in your app: createClient({ publicKeys: ['${info.publicKey}'] }).`,
    "  2. Keep the private key in a secret store (e.g. your CI's secrets); remove copies you do not need.",
    `  3. Sign releases: reflib build --sign --key ${privateKeyFile}`,
    `     or, in CI, set ${SIGNING_KEY_VARIABLE} to the key file's text and run reflib build --sign.`,
    'docs/trust.md explains the trust model, refreshing signatures before they expire, and rotating keys.',
    '',
    ...openFolder,
  ].join('\n');
  return { output, privateKeyFile, publicKeyFile, publicKey: info.publicKey, keyid: info.keyid };
}
