/**
 * `reflib validate [paths…]`: which files to report on. The whole library is
 * still read and checked (links and citations resolve against every entry);
 * only what is reported, and counted for the exit code, is narrowed.
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, LOCK_FILE } from '../../core/fileNames';
import { UsageError } from '../../core/usageError';
import { ENTRIES_DIR } from '../../load/readLibrary';

/** The path with its folders' symbolic links resolved (not its last part, which may be a link reflib reports). */
function real(abs: string): string {
  try {
    return path.join(realpathSync(path.dirname(abs)), path.basename(abs));
  } catch {
    return abs;
  }
}

/**
 * A predicate on root-relative file paths for the `paths` given (relative to
 * `cwd`), or undefined when none are given or one is the root itself. Each
 * path must exist and be the root, `entries/` or something under it, the lock
 * or the config: otherwise a UsageError (exit 2), before anything is checked.
 */
export function resolveScope(cwd: string, root: string, paths: readonly string[]): ((file: string) => boolean) | undefined {
  if (paths.length === 0) return undefined;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    // The check says so, the same way with or without paths.
    return undefined;
  }
  const scopes: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    // lstat: a symbolic link under entries/ is a file reflib reports (not-a-file), so it can be named.
    if (!lstatSync(abs, { throwIfNoEntry: false })) throw new UsageError(`no such file or folder: ${given}`, 'Give files or folders of the library, relative to the current folder.');
    const rel = path.relative(realRoot, real(abs));
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      throw new UsageError(`${given} is outside the library at ${root}`, `Give files or folders under ${ENTRIES_DIR}/ (or pass --root with the library that holds them).`);
    }
    const scope = rel.split(path.sep).join('/');
    if (scope === '') return undefined;
    const ok = scope === ENTRIES_DIR || scope.startsWith(`${ENTRIES_DIR}/`) || scope === LOCK_FILE || scope === CONFIG_FILE;
    if (!ok) throw new UsageError(`${given} is not part of the library`, `validate reports on ${ENTRIES_DIR}/ and what is under it, ${LOCK_FILE} and ${CONFIG_FILE}.`);
    scopes.push(scope);
  }
  return (file) => scopes.some((s) => file === s || file.startsWith(`${s}/`));
}
