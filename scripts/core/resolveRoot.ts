/** Where a command works: the library root and paths given on the command line, resolved against `cwd`. */
import path from 'node:path';

/** The options every command that reads the library takes. */
export interface RootOptions {
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** The library root (the folder holding entries/); defaults to `cwd`. */
  root?: string;
}

/** The absolute library root. */
export function resolveRoot(options: RootOptions): string {
  return path.resolve(options.cwd, options.root ?? '.');
}

/** The absolute dist/ folder: `dir` when given (relative to `cwd`), else `<root>/dist`. */
export function resolveDist(options: RootOptions, dir?: string): string {
  return dir === undefined ? path.join(resolveRoot(options), 'dist') : path.resolve(options.cwd, dir);
}
