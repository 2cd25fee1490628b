/**
 * Where signing keys come from, and where they must never be: the private
 * keys `reflib build --sign` signs with, read from a file (`--key`) or from
 * the REFLIB_SIGNING_KEY variable, each holding one or more PEM private keys
 * (several during a key rotation). A key file inside the library or a git
 * work tree is refused: the private key must never enter the repository.
 * Every error is a UsageError that says which key is wrong and why, and none
 * ever shows key material.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PUBLIC_KEY_PREFIX } from '../bundle/signedRelease';
import { UsageError } from '../core/usageError';
import { isEd25519PrivateKey, publicKeyInfo } from './signLatest';

/** The environment variable that holds the PEM text of the signing keys. */
export const SIGNING_KEY_VARIABLE = 'REFLIB_SIGNING_KEY';
/** A key file (or REFLIB_SIGNING_KEY) larger than this holds no keys (a PEM Ed25519 key is 119 bytes). */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

const NEW_KEY_HINT = 'reflib signs with Ed25519 keys only: make one with reflib keygen.';
const ESCAPED_HINT = 'Its line breaks look escaped as \\n (as some secret stores show them): store the text with real line breaks.';

/** Whether `inner` is `outer` or lies inside it (both absolute). */
function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  // `..keys` is a folder inside; only a first segment of exactly `..` leads out.
  return rel === '' || (rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel));
}

/** `p` with symbolic links resolved, for as much of it as exists (the rest is appended as given). */
async function realPathOfExisting(p: string): Promise<string> {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    const real = await fs.realpath(at).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...rest.reverse());
    const parent = path.dirname(at);
    if (parent === at) return path.resolve(p);
    rest.push(path.basename(at));
    at = parent;
  }
}

/** The git work tree that holds `dir` (the nearest folder at or above it with a `.git`), if any. */
export async function findGitWorkTree(dir: string): Promise<string | undefined> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    // A folder in a normal clone, a file in a linked worktree or a submodule.
    if (await fs.lstat(path.join(at, '.git')).then(() => true, () => false)) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

/**
 * Refuses `target` (a file or folder for a private key) when it lies inside
 * the library root or a git work tree, as given or with symbolic links
 * resolved. `root` is left out when there is no library to guard.
 */
export async function refuseInsideRepository(target: string, root: string | undefined, what: string, hint: string): Promise<void> {
  const given = path.resolve(target);
  const real = await realPathOfExisting(given);
  const roots = root === undefined ? [] : [path.resolve(root), await realPathOfExisting(root)];
  for (const p of [given, real]) {
    const library = roots.find((r) => isInside(p, r));
    if (library !== undefined) throw new UsageError(`${what} ${target} is inside the library (${library}): a private key must never enter the repository`, hint);
    const tree = await findGitWorkTree(path.dirname(p));
    if (tree !== undefined) throw new UsageError(`${what} ${target} is inside the git work tree ${tree}: a private key must never enter the repository`, hint);
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** What a PEM label that is not an unencrypted PKCS#8 private key is, and what to do instead. */
function wrongLabel(label: string): [string, string] | undefined {
  if (label === 'PRIVATE KEY') return undefined;
  if (label === 'ENCRYPTED PRIVATE KEY') return ['an encrypted private key', 'reflib cannot ask for a passphrase: keep the key unencrypted in a secret store (your CI\'s secrets) instead.'];
  if (label === 'PUBLIC KEY') return ['a public key', 'Signing needs the private key (the .key file reflib keygen wrote); the public key (.pub) goes into your app.'];
  if (label === 'RSA PRIVATE KEY') return ['an RSA key, not Ed25519', NEW_KEY_HINT];
  if (label === 'EC PRIVATE KEY') return ['an EC key, not Ed25519', NEW_KEY_HINT];
  if (label === 'OPENSSH PRIVATE KEY') return ['an OpenSSH key, not a PKCS#8 PEM key', NEW_KEY_HINT];
  return [`a PEM "${label}" block, not a private key`, NEW_KEY_HINT];
}

/**
 * Every private key in `text` (PEM blocks, one after another), each checked
 * to be an unencrypted Ed25519 private key, and no key twice. `where` names
 * the source in errors (a file's path, or the variable's name).
 */
export async function parsePrivateKeys(text: string, where: string, hint: string): Promise<KeyObject[]> {
  const keys: KeyObject[] = [];
  const keyids: string[] = [];
  let end = 0;
  for (const m of text.matchAll(PEM_BLOCK)) {
    const n = keys.length + 1;
    const at = `${where}: key ${n} (line ${lineAt(text, m.index)})`;
    if (text.slice(end, m.index).trim() !== '') throw new UsageError(`${where}: text outside a PEM block at line ${lineAt(text, end + text.slice(end).search(/\S/))}`, hint);
    end = m.index + m[0].length;
    const wrong = wrongLabel(m[1]);
    if (wrong) throw new UsageError(`${at} is ${wrong[0]}`, wrong[1]);
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: m[0], format: 'pem' });
    } catch {
      // Node's message says nothing the user can act on, and never shows the key: ours names where it is.
      throw new UsageError(`${at} is not a readable private key`, /\\n/.test(m[0]) ? ESCAPED_HINT : `Check that the block was copied whole. ${NEW_KEY_HINT}`);
    }
    if (!isEd25519PrivateKey(key)) throw new UsageError(`${at} is ${describeKeyType(key.asymmetricKeyType)}, not Ed25519`, NEW_KEY_HINT);
    const { keyid } = await publicKeyInfo(key);
    const same = keyids.indexOf(keyid);
    if (same >= 0) throw new UsageError(`${at} is the same key as key ${same + 1}`, 'Give each key once: during a rotation, the old key and the new one.');
    keys.push(key);
    keyids.push(keyid);
  }
  if (text.slice(end).trim() !== '') {
    if (keys.length === 0) {
      if (text.trim().startsWith(PUBLIC_KEY_PREFIX)) throw new UsageError(`${where} holds a public key (${PUBLIC_KEY_PREFIX}…), not a private key`, 'Signing needs the private key (the .key file reflib keygen wrote); the public key (.pub) goes into your app.');
      throw new UsageError(`${where} holds no PEM private key`, 'It must hold the whole text of a .key file that reflib keygen wrote, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.');
    }
    throw new UsageError(`${where}: text outside a PEM block at line ${lineAt(text, end + text.slice(end).search(/\S/))}`, hint);
  }
  if (keys.length === 0) throw new UsageError(`${where} holds no PEM private key`, hint);
  return keys;
}

function describeKeyType(type: string | undefined): string {
  if (type === 'rsa' || type === 'rsa-pss') return 'an RSA key';
  if (type === 'ec') return 'an EC key';
  return type ? `an ${type} key` : 'a key of unknown type';
}

/** Where readSigningKeys looks: `--key` (resolved against `cwd`, refused inside `root`), else the variable in `env`. */
export interface KeySource {
  /** The folder a relative `keyFile` is resolved against. */
  cwd: string;
  /** The library root: a key file inside it is refused. */
  root: string;
  /** `--key FILE`; when absent, the variable is read. */
  keyFile?: string;
  env: NodeJS.ProcessEnv;
}

const HOW_TO_PROVIDE = `Pass --key FILE (a file outside the repository holding the PEM private key from reflib keygen), or set ${SIGNING_KEY_VARIABLE} to the key's PEM text (in CI, from a secret).`;

/** The signing keys from `--key FILE`, or else from REFLIB_SIGNING_KEY: at least one Ed25519 private key, or a UsageError. */
export async function readSigningKeys(source: KeySource): Promise<KeyObject[]> {
  if (source.keyFile !== undefined) return readKeyFile(path.resolve(source.cwd, source.keyFile), source.keyFile, source.root);
  const text = source.env[SIGNING_KEY_VARIABLE];
  if (text === undefined || text.trim() === '') throw new UsageError(`--sign needs a private key, and neither --key nor ${SIGNING_KEY_VARIABLE} gives one`, HOW_TO_PROVIDE);
  if (text.length > MAX_KEY_FILE_BYTES) throw new UsageError(`${SIGNING_KEY_VARIABLE} is ${text.length} characters: too long to hold keys`, HOW_TO_PROVIDE);
  return parsePrivateKeys(text, SIGNING_KEY_VARIABLE, HOW_TO_PROVIDE);
}

async function readKeyFile(file: string, given: string, root: string): Promise<KeyObject[]> {
  const keep = 'Keep the private key outside the repository (e.g. in ~/.config/reflib/keys, or a file your CI writes from a secret), or use REFLIB_SIGNING_KEY.';
  await refuseInsideRepository(file, root, 'the key file', keep);
  // stat follows a symbolic link (a mounted secret is often one): what it leads to must be a small regular file.
  const info = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the key file ${given} (${err.code ?? 'error'})`, HOW_TO_PROVIDE);
  });
  if (info.isDirectory()) throw new UsageError(`the key file ${given} is a folder`, 'Pass the .key file itself, e.g. --key ~/.config/reflib/keys/reflib-signing.key.');
  if (!info.isFile()) throw new UsageError(`the key file ${given} is not a regular file`, 'Pass a file holding the PEM private key.');
  if (info.size > MAX_KEY_FILE_BYTES) throw new UsageError(`the key file ${given} is ${info.size} bytes: too large to be a key file`, 'Pass a file holding the PEM private key (a few hundred bytes).');
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the key file ${given} (${err.code ?? 'error'})`, 'Check that it exists and that you may read it.');
  });
  return parsePrivateKeys(text, given, 'A key file holds one or more PEM private keys, one after another, and nothing else.');
}
