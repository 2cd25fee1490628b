/**
 * Removes what interrupted writes (a `kill -9` of fmt, say) left under
 * `entries/`: the writer's temporaries `.<name>.tmp-<pid>-<hex>` whose process
 * has exited, in every folder, even beside a file that needs no rewrite. The
 * atomic writer only cleans beside a file it writes again.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recoverInterruptedWrites } from '../../core/writeAtomic';

/** `dir` and every folder under it, skipping dot-names and never following a symbolic link. */
async function listFolders(dir: string): Promise<string[]> {
  const out = [dir];
  const items = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const item of items) {
    // A Dirent describes the entry itself: a link to a folder is not a folder here.
    if (item.isDirectory() && !item.name.startsWith('.')) for (const f of await listFolders(path.join(dir, item.name))) out.push(f);
  }
  return out;
}

/** Recovers interrupted writes in `entriesDir` and every folder under it. Names that are not exactly a writer's temporary are never touched. */
export async function recoverEntryFolders(entriesDir: string): Promise<void> {
  for (const dir of await listFolders(entriesDir)) await recoverInterruptedWrites(dir);
}
