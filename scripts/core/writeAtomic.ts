/**
 * The one atomic writer, for files and whole folders. Readers see the old
 * content or the new, never a mix:
 * - a file is written to a temporary file beside it, fsynced, renamed into
 *   place, and then the folder is fsynced;
 * - a folder is built as a temporary folder beside it and swapped in by two
 *   renames; if either fails, the previous folder is put back.
 * Temporaries are named `.<name>.tmp-<random>` next to their target, and a
 * later write to the same target removes any a crash left behind. Modes come
 * from the umask (0644 files and 0755 folders under the usual 022), except
 * that a replaced file keeps its own mode.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The prefix of every temporary made for `target`, in its folder. */
export function temporaryPrefix(target: string): string {
  return `.${path.basename(target)}.tmp-`;
}

function temporaryName(target: string, suffix = ''): string {
  return path.join(path.dirname(target), `${temporaryPrefix(target)}${randomBytes(6).toString('hex')}${suffix}`);
}

/**
 * Cleans up after a write to `target` that was interrupted (a crash, kill -9).
 * A crash between a folder swap's two renames leaves no `target` and the
 * previous folder at `…-old`: that folder is put back first. Every other
 * temporary is removed.
 */
export async function removeStaleTemporaries(target: string): Promise<void> {
  const prefix = temporaryPrefix(target);
  const parent = path.dirname(target);
  const names = (await fs.readdir(parent).catch(() => [] as string[])).filter((n) => n.startsWith(prefix)).sort();
  const previous = names.find((n) => n.endsWith('-old'));
  const restore = previous !== undefined && !(await exists(target));
  if (restore) await fs.rename(path.join(parent, previous), target);
  for (const name of names) if (!(restore && name === previous)) await fs.rm(path.join(parent, name), { recursive: true, force: true });
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
async function writeNewFile(file: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.writeFile(data);
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

/** Writes `data` to `file` atomically. The folder must exist. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
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
 * or is put back, and the temporaries are removed.
 */
export async function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const parent = path.dirname(dir);
  await fs.mkdir(parent, { recursive: true });
  await removeStaleTemporaries(dir);
  const tmp = temporaryName(dir);
  const old = temporaryName(dir, '-old');
  // mkdir, unlike mkdtemp, applies the umask: 0755 under the usual 022.
  await fs.mkdir(tmp);
  try {
    const folders = new Set<string>([tmp]);
    for (const [rel, data] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = path.join(tmp, rel);
      if (!file.startsWith(tmp + path.sep)) throw new Error(`refusing to write outside ${dir}: ${rel}`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      folders.add(path.dirname(file));
      await writeNewFile(file, data);
    }
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
