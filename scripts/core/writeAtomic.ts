/**
 * The one atomic writer, for files and whole folders. Readers see the old
 * content or the new, never a mix:
 * - a file is written to a temporary file beside it, fsynced, renamed into
 *   place, and then the folder is fsynced;
 * - a folder is built as a temporary folder beside it and swapped in by two
 *   renames; if either fails, the previous folder is put back.
 * Temporaries are named `.<name>.tmp-<pid>-<random>` next to their target, and a
 * later write to the same target removes any a crash left behind. Modes come
 * from the umask (0644 files and 0755 folders under the usual 022), except
 * that a replaced file keeps its own mode.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usageError';

/** The prefix of every temporary made for `target`, in its folder. */
export function temporaryPrefix(target: string): string {
  return `.${path.basename(target)}.tmp-`;
}

/** A writer's temporary, and nothing else: `.<name>.tmp-<pid>-<12 hex>`, with `-old` for a folder set aside. */
const TEMPORARY = /^\.(.+)\.tmp-(\d+)-[0-9a-f]{12}(-old)?$/;

function temporaryName(target: string, suffix = ''): string {
  return path.join(path.dirname(target), `${temporaryPrefix(target)}${process.pid}-${randomBytes(6).toString('hex')}${suffix}`);
}

/** Whether process `pid` is still running: a temporary or lock of a live process is not stale. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans up after writes in `dir` that were interrupted (a crash, kill -9),
 * for every target there or only for `only`. A crash between a folder swap's
 * two renames leaves no target and the previous folder at `…-old`: that
 * folder is put back. Every other temporary whose writer has exited is
 * removed. Names that are not exactly a writer's temporary are never touched.
 */
export async function recoverInterruptedWrites(dir: string, only?: string): Promise<void> {
  const found = (await fs.readdir(dir).catch(() => [] as string[]))
    .map((name) => ({ name, m: TEMPORARY.exec(name) }))
    .filter(({ m }) => m && (only === undefined || m[1] === only) && !isAlive(Number(m[2])))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const { name, m } of found) {
    const target = path.join(dir, m![1]);
    if (m![3] && !(await exists(target))) await fs.rename(path.join(dir, name), target);
    else await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
}

/** Removes (or, for a folder caught between two renames, restores) the temporaries an interrupted write to `target` left beside it. */
export async function removeStaleTemporaries(target: string): Promise<void> {
  await recoverInterruptedWrites(path.dirname(target), path.basename(target));
}

/** Flushes a folder's entries (a rename inside it) to disk. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a new file (it must not exist) and flushes it to disk. */
async function writeNewFile(file: string, data: FileData, mode?: number): Promise<void> {
  const handle = await fs.open(file, 'wx', mode);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const piece of data) await handle.write(piece);
    // An explicit chmod: `open`'s mode is filtered through the umask, a kept mode must not be.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(() => true, () => false);
}

/** Errors that come from where reflib was asked to write (permissions, a full or read-only disk), not from a bug. */
const ENVIRONMENT = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY', 'EBUSY', 'EXDEV', 'ENAMETOOLONG', 'ELOOP', 'EIO']);

/** Runs a write, turning an error of the environment into a UsageError that names the target. */
async function reporting<T>(target: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code || !ENVIRONMENT.has(code)) throw err;
    throw new UsageError(`cannot write ${target} (${code})`, code === 'ENOTEMPTY' || code === 'EEXIST' ? 'Another reflib may be writing it at the same time: wait for it and run again.' : 'Check that the folder exists, is writable and has space; what was there before is unchanged.');
  }
}

/** What a file can be written from: its content, or its content in pieces (so a large file never sits in memory whole). */
export type FileData = string | Uint8Array | Iterable<string>;

/** Writes `data` to `file` atomically. The folder must exist. Throws UsageError when the file system refuses. */
export function writeFileAtomic(file: string, data: FileData): Promise<void> {
  return reporting(file, () => writeFile(file, data));
}

async function writeFile(file: string, data: FileData): Promise<void> {
  await removeStaleTemporaries(file);
  const previous = await fs.stat(file).catch(() => undefined);
  const tmp = temporaryName(file);
  try {
    await writeNewFile(tmp, data, previous?.isFile() ? previous.mode & 0o7777 : undefined);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await syncFolder(path.dirname(file));
}

/**
 * Replaces the folder `dir` with exactly `files` (relative path → content),
 * creating its parent when needed. On any failure the previous folder stays,
 * or is put back, and the temporaries are removed. Throws UsageError when
 * the file system refuses.
 */
export function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  return reporting(dir, () => writeFolder(dir, files));
}

/** How many files of a folder are written at once. */
const WRITE_CONCURRENCY = 8;

/** Runs `task` over `items`, at most `limit` at a time; the first failure is thrown once the tasks started have settled. */
async function eachAtMost<T>(limit: number, items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++];
      try {
        await task(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}

async function writeFolder(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const parent = path.dirname(dir);
  await fs.mkdir(parent, { recursive: true });
  await removeStaleTemporaries(dir);
  const tmp = temporaryName(dir);
  const old = temporaryName(dir, '-old');
  // mkdir, unlike mkdtemp, applies the umask: 0755 under the usual 022.
  await fs.mkdir(tmp);
  try {
    const folders = new Set<string>([tmp]);
    const writes: [string, string | Uint8Array][] = [];
    for (const [rel, data] of files) {
      const file = path.join(tmp, rel);
      if (!file.startsWith(tmp + path.sep)) throw new Error(`refusing to write outside ${dir}: ${rel}`);
      folders.add(path.dirname(file));
      writes.push([file, data]);
    }
    // Each folder made once, parents first; then the files, a few at a time: each write ends in an
    // fsync, and one at a time a release of 10,000 files spent most of its time waiting on the disk.
    for (const folder of [...folders].sort()) await fs.mkdir(folder, { recursive: true });
    await eachAtMost(WRITE_CONCURRENCY, writes, ([file, data]) => writeNewFile(file, data));
    for (const folder of folders) await syncFolder(folder);
    await swapFolder(dir, tmp, old);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  await syncFolder(parent);
  await fs.rm(old, { recursive: true, force: true });
}

/** Moves `tmp` to `dir`, keeping the previous `dir` at `old` until it has succeeded, and putting it back if not. */
async function swapFolder(dir: string, tmp: string, old: string): Promise<void> {
  const hadPrevious = await exists(dir);
  if (hadPrevious) await fs.rename(dir, old);
  try {
    await fs.rename(tmp, dir);
  } catch (err) {
    if (hadPrevious) await fs.rename(old, dir);
    throw err;
  }
}
