/**
 * Reads one file for fmt without ever following a symbolic link: not the file
 * itself (lstat, then open with O_NOFOLLOW), and, for a file inside the
 * library, not a folder between the library root and the file. A file fmt
 * must not rewrite comes back as a refusal that says why.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { describeBytes, MAX_FILE_BYTES } from '../../core/limits';
import { UsageError } from '../../core/usageError';

/** Why a file is not read: a link, a link on the way to it, not a regular file (a folder, a FIFO), or over the size limit. */
export type ReadRefusal = { reason: 'symlink' | 'not-a-file' | 'too-large'; error: string };

/** The file's bytes, or why it was not read. */
export type ReadEntryResult = { ok: true; bytes: Buffer } | ({ ok: false } & ReadRefusal);

/** The first folder strictly between `root` and `file` that is a symbolic link, relative to root; only when `file` is inside root. */
async function linkedFolder(root: string, file: string): Promise<string | undefined> {
  const rel = path.relative(root, path.dirname(file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  let dir = root;
  for (const part of rel.split(path.sep)) {
    dir = path.join(dir, part);
    const stat = await fs.lstat(dir).catch(() => undefined);
    if (stat?.isSymbolicLink()) return path.relative(root, dir).split(path.sep).join('/');
  }
  return undefined;
}

// Never follow the last component; never block on a FIFO. Both are 0 where the platform lacks them.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const LINK: ReadRefusal = { reason: 'symlink', error: 'it is a symbolic link' };
const NOT_A_FILE: ReadRefusal = { reason: 'not-a-file', error: 'it is not a regular file' };

/**
 * Reads `file` (shown to the user as `shown`) for formatting. Refuses a
 * symbolic link, a file reached through a linked folder under `root`,
 * anything that is not a regular file, and a file over the loader's size
 * limit (which validate reports, and which could exhaust memory). Throws
 * UsageError when the file cannot be read at all.
 */
export async function readEntryFile(root: string, file: string, shown: string): Promise<ReadEntryResult> {
  const cannotRead = (err: NodeJS.ErrnoException): never => {
    throw new UsageError(`cannot read ${shown} (${err.code ?? 'error'})`, 'Check that the file exists and is readable.');
  };
  const stat = await fs.lstat(file).catch(cannotRead);
  if (stat.isSymbolicLink()) return { ok: false, ...LINK };
  if (!stat.isFile()) return { ok: false, ...NOT_A_FILE };
  const folder = await linkedFolder(root, file);
  if (folder !== undefined) return { ok: false, reason: 'symlink', error: `it is reached through a symbolic link (${folder})` };
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, OPEN_FLAGS);
  } catch (err) {
    // ELOOP: the file became a link after lstat.
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, ...LINK };
    return cannotRead(err as NodeJS.ErrnoException);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { ok: false, ...NOT_A_FILE };
    if (opened.size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', error: `it is over the size limit of ${describeBytes(MAX_FILE_BYTES)}` };
    return { ok: true, bytes: await handle.readFile() };
  } catch (err) {
    return cannotRead(err as NodeJS.ErrnoException);
  } finally {
    await handle.close();
  }
}
