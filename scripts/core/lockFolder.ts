/**
 * One writer at a time for a folder (dist/ for `build`): a lock file made
 * with O_EXCL holding the owner's PID. A lock whose owner has exited (a
 * crash, kill -9) is taken over; a live owner is a usage error, never a
 * wait, so a second build cannot publish the same version with other bytes.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usageError';
import { isAlive } from './writeAtomic';

/** The lock file's name in the folder it guards (a dotfile: nothing reads or serves it). */
export const LOCK_NAME = '.reflib.lock';

/** Takes the lock on `dir` (made if missing) for `what`, e.g. "build"; resolves to a function that releases it. */
export async function lockFolder(dir: string, what: string): Promise<() => Promise<void>> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return async () => {
        await fs.rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(await fs.readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new UsageError(`another reflib ${what} is writing ${dir} (process ${owner})`, `Wait for it to finish, then run ${what} again.`);
      }
      // Its owner has exited: the lock is stale.
      await fs.rm(file, { force: true });
    }
  }
  throw new UsageError(`cannot lock ${dir} for ${what}`, 'Another reflib may be starting at the same time: run it again.');
}
