/**
 * Writes a release atomically: every file goes into a temporary folder inside
 * dist/, which is then renamed into place; latest.json is replaced last. A
 * crash before the rename leaves dist/ as it was (the temporary folder is
 * removed on the next build).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../citations/writeLock';

/** Removes temporary folders left by an interrupted build. */
export async function removeStaleTemporaries(dist: string): Promise<void> {
  const names = await fs.readdir(dist).catch(() => [] as string[]);
  for (const n of names.filter((n) => n.startsWith('.tmp-'))) await fs.rm(path.join(dist, n), { recursive: true, force: true });
}

/** Writes `files` (relative path → bytes) as dist/<version>, replacing any earlier copy of that version, then latest.json. */
export async function writeRelease(dist: string, version: string, files: ReadonlyMap<string, string>, latest: string): Promise<void> {
  await fs.mkdir(dist, { recursive: true });
  await removeStaleTemporaries(dist);
  const tmp = await fs.mkdtemp(path.join(dist, '.tmp-'));
  try {
    for (const [rel, text] of files) {
      await fs.mkdir(path.dirname(path.join(tmp, rel)), { recursive: true });
      await fs.writeFile(path.join(tmp, rel), text);
    }
    const target = path.join(dist, version);
    const old = `${tmp}-old`;
    const exists = await fs.stat(target).then(() => true, () => false);
    if (exists) await fs.rename(target, old);
    await fs.rename(tmp, target);
    if (exists) await fs.rm(old, { recursive: true, force: true });
    await writeFileAtomic(path.join(dist, 'latest.json'), latest);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
