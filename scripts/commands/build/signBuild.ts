/**
 * `reflib build --sign`: the parts of a build that deal with signed release
 * metadata. The keys and options are checked before the build reads or
 * writes anything; the previous `dist/latest.signed.json` is read for its
 * counter before anything is written; the new one is written last, after
 * latest.json. docs/trust.md explains the model.
 */
import type { KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SIGNED_LATEST_FILE, SIGNED_LATEST_TYPE } from '../../bundle/signedRelease';
import type { Latest } from '../../bundle/manifest';
import { UsageError } from '../../core/usageError';
import { writeFileAtomic } from '../../core/writeAtomic';
import { createReleaseValidator } from '../../release/validateRelease';
import { readSigningKeys } from '../../release/readSigningKeys';
import { DEFAULT_EXPIRES_IN_DAYS, MAX_EXPIRES_IN_DAYS, signingTimes, signLatest } from '../../release/signLatest';

/** What signing needs, checked up front. */
export interface Signing {
  keys: KeyObject[];
  expiresInDays: number;
  now: () => Date;
}

/** The build options signing reads (BuildOptions, with the root resolved). */
export interface SignOptions {
  cwd: string;
  root: string;
  sign?: boolean;
  keyFile?: string;
  expiresInDays?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

const EXPIRES_HINT = `Give a whole number of days from 1 to ${MAX_EXPIRES_IN_DAYS} (default ${DEFAULT_EXPIRES_IN_DAYS}), and re-run reflib build --sign before it runs out.`;

/** `--expires-in DAYS` as a number of days: an integer from 1 to 366, or a UsageError. */
export function parseExpiresIn(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,4}$/.test(text.trim())) throw new UsageError(`--expires-in must be a number of days, not "${text.slice(0, 40)}"`, EXPIRES_HINT);
  return checkExpiresIn(Number(text.trim()));
}

function checkExpiresIn(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS) throw new UsageError(`--expires-in must be 1 to ${MAX_EXPIRES_IN_DAYS} days, not ${days}`, EXPIRES_HINT);
  return days;
}

/** Checks the signing options and reads the keys; undefined for an unsigned build. Nothing has been read from dist/ yet. */
export async function prepareSigning(options: SignOptions): Promise<Signing | undefined> {
  if (!options.sign) {
    const stray = options.keyFile !== undefined ? '--key' : options.expiresInDays !== undefined ? '--expires-in' : undefined;
    if (stray) throw new UsageError(`${stray} only applies with --sign`, `Run reflib build --sign ${stray} …, or leave out ${stray}.`);
    return undefined;
  }
  const expiresInDays = checkExpiresIn(options.expiresInDays ?? DEFAULT_EXPIRES_IN_DAYS);
  const keys = await readSigningKeys({ cwd: options.cwd, root: options.root, keyFile: options.keyFile, env: options.env ?? process.env });
  return { keys, expiresInDays, now: options.now ?? (() => new Date()) };
}

/** What dist/latest.signed.json says now, as far as the build needs it. */
export interface PreviousSigned {
  /** Its counter; 0 when there is no file. */
  counter: number;
  /** The release it names; undefined when there is no file. */
  version?: string;
}

/**
 * Reads the previous dist/latest.signed.json. None is counter 0. One that is
 * there but cannot be read is a UsageError: starting the counter again would
 * give a lower counter, which clients refuse as a rollback.
 */
export async function readPreviousSigned(dist: string): Promise<PreviousSigned> {
  const file = path.join(dist, SIGNED_LATEST_FILE);
  const info = await fs.lstat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${file} (${err.code ?? 'error'})`, 'Check the permissions of dist/.');
  });
  if (info === undefined) return { counter: 0 };
  const restore = `Restore it from git (git checkout -- ${path.join(path.basename(dist), SIGNED_LATEST_FILE)}) or from the host you publish to, then build again. Its counter must keep rising: clients refuse a lower one as a rollback.`;
  if (!info.isFile()) throw new UsageError(`${file} is not a regular file`, restore);
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file} (${err.code ?? 'error'})`, restore);
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON, so its counter is unknown`, restore);
  }
  const signed = (value as { signed?: { type?: unknown; counter?: unknown; version?: unknown } } | null)?.signed;
  if (!signed || typeof signed !== 'object' || signed.type !== SIGNED_LATEST_TYPE || typeof signed.version !== 'string') {
    throw new UsageError(`${file} is not reflib signed metadata, so its counter is unknown`, restore);
  }
  const counter = signed.counter;
  if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 1 || counter >= Number.MAX_SAFE_INTEGER) {
    throw new UsageError(`${file} has no usable counter (signed.counter must be a positive integer)`, restore);
  }
  return { counter, version: signed.version };
}

/**
 * Refuses an unsigned build that would publish a new release while
 * dist/latest.signed.json exists: latest.json would move on, and apps that
 * check signatures would stay on the release latest.signed.json names.
 * Rebuilding the same release unsigned is fine: it changes nothing signed.
 */
export async function refuseUnsignedNewRelease(dist: string, version: string, isNew: boolean): Promise<void> {
  if (!isNew) return;
  const file = path.join(dist, SIGNED_LATEST_FILE);
  if (!(await fs.lstat(file).then(() => true, () => false))) return;
  throw new UsageError(
    `${path.join(path.basename(dist), SIGNED_LATEST_FILE)} exists, so releases here are signed: an unsigned build of ${version} would leave apps that check signatures on the previous release`,
    `Build with --sign (with --key FILE or REFLIB_SIGNING_KEY). To stop signing altogether, delete ${SIGNED_LATEST_FILE} first; apps given public keys will then refuse every update (docs/trust.md).`,
  );
}

/** Signs `latest` with the next counter and writes dist/latest.signed.json atomically; returns the line the build prints. */
export async function writeSignedLatest(dist: string, latest: Latest, previous: PreviousSigned, signing: Signing): Promise<string> {
  const counter = previous.counter + 1;
  const { issued, expires } = signingTimes(signing.now(), signing.expiresInDays);
  const { file, text, keyids } = await signLatest({ latest, counter, issued, expires, keys: signing.keys });
  // Checked against the bundle schema like every other file the build writes, before it is written.
  const validator = createReleaseValidator();
  validator.check(SIGNED_LATEST_FILE, file);
  if (validator.problems.length) throw new Error(`the build produced a ${SIGNED_LATEST_FILE} that does not match schemas/bundle.schema.json: ${validator.problems.join('; ')}`);
  await writeFileAtomic(path.join(dist, SIGNED_LATEST_FILE), text);
  const names = keyids.map((k) => k.slice(0, 16)).join(', ');
  return `Signed latest.json for ${latest.version} with key${keyids.length === 1 ? '' : 's'} ${names} (counter ${counter}, expires ${expires}).\n`;
}
