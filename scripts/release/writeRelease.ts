/**
 * Writes a release: its files as the folder dist/<version>, swapped in
 * atomically, then latest.json. A crash or failure before latest.json is
 * replaced leaves the previous release and latest.json as they were.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recoverInterruptedWrites, writeFileAtomic, writeFolderAtomic } from '../core/writeAtomic';

/** What builds before the shared atomic writer left in dist/ after a crash: mkdtemp's `.tmp-XXXXXX`, and `-old`. */
const LEGACY_TEMPORARY = /^\.tmp-[A-Za-z0-9]{6}(-old)?$/;

async function removeLegacyTemporaries(dist: string): Promise<void> {
  const names = await fs.readdir(dist).catch(() => [] as string[]);
  for (const n of names.filter((n) => LEGACY_TEMPORARY.test(n))) await fs.rm(path.join(dist, n), { recursive: true, force: true });
}

/** Writes `files` (relative path → text) as dist/<version>, replacing any earlier copy of that version, then latest.json. */
export async function writeRelease(dist: string, version: string, files: ReadonlyMap<string, string | Uint8Array>, latest: string): Promise<void> {
  await fs.mkdir(dist, { recursive: true });
  await removeLegacyTemporaries(dist);
  // Temporaries of every release and of latest.json, not only of this version's.
  await recoverInterruptedWrites(dist);
  await writeFolderAtomic(path.join(dist, version), files);
  await writeFileAtomic(path.join(dist, 'latest.json'), latest);
}
