/**
 * Writes the report as one unit: every file goes into a temporary folder
 * beside the target, which then replaces the target by renames. A failure
 * (or a crash) before the swap leaves the previous report as it was; the
 * next run removes leftover temporaries. Never a half-written report.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The prefix of the temporary folders made beside `outDir`. */
export function temporaryPrefix(outDir: string): string {
  return `.${path.basename(outDir)}.tmp-`;
}

/** Writes `files` (relative path → text) as the folder `outDir`, replacing what was there. */
export async function writeSiteAtomically(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = path.dirname(outDir);
  const prefix = temporaryPrefix(outDir);
  await fs.mkdir(parent, { recursive: true });
  for (const name of await fs.readdir(parent)) {
    if (name.startsWith(prefix)) await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
  const tmp = await fs.mkdtemp(path.join(parent, prefix));
  // mkdtemp makes the folder private; a report is for reading (and serving).
  await fs.chmod(tmp, 0o755);
  const old = `${tmp}-old`;
  try {
    for (const [rel, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = path.join(tmp, rel);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
    }
    const exists = await fs.stat(outDir).then(() => true, () => false);
    if (exists) await fs.rename(outDir, old);
    try {
      await fs.rename(tmp, outDir);
    } catch (err) {
      if (exists) await fs.rename(old, outDir).catch(() => undefined);
      throw err;
    }
    if (exists) await fs.rm(old, { recursive: true, force: true });
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
