/**
 * `reflib validate --watch`: re-validate whenever an entry, the lock or the
 * config changes, re-parsing only files whose text changed, and show the
 * current problems on a cleared screen.
 *
 * Saves that replace a file (an editor's write-then-rename, `reflib fmt`),
 * deletes, new files and folders, and an `entries/` that is removed and made
 * again are all seen: see watchTree.ts for how and why not `fs.watch`'s
 * `recursive` option.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createIncrementalCheck } from '../../pipeline/checkIncrementally';
import { severitiesFor } from '../../pipeline/severitiesFor';
import { describeChanges } from './describeChanges';
import { formatText } from '../../formatters/formatText';
import type { RunResult } from '../../pipeline/runResult';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { watchTree } from './watchTree';
import { resolveScope } from './resolveScope';
import { reportedResult } from '../../pipeline/reportedResult';

export interface WatchOptions {
  cwd: string;
  root?: string;
  color?: boolean;
  strict?: boolean;
  /** Show only findings in these files and folders (relative to `cwd`), as `validate [paths…]`; the whole library is still checked. */
  paths?: readonly string[];
  /** Show errors only, as `validate --quiet`. */
  quiet?: boolean;
  /** Called with each run's output text (the CLI writes it; tests collect it). */
  onOutput: (text: string) => void;
  /** Called with each run's result and how long the check took. */
  onResult?: (result: RunResult, ms: number) => void;
  /** Wait this long after a change before checking, to group a burst of writes. */
  debounceMs?: number;
}

export interface WatchSession {
  /** Resolves after the first check. */
  ready: Promise<void>;
  /** How many files have been parsed so far (for tests: a save re-parses one). */
  parsedFiles(): number;
  close(): void;
}

const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
const WATCHING = 'Watching for changes (Ctrl-C to stop).';

/** A file or folder vanished while the check read it: a change is under way, and its event brings another check. */
function changedWhileReading(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Starts watching. Problems in the library are shown, not thrown; only a missing library, or a path given that is not part of it, is a UsageError. */
export function watchValidate(options: WatchOptions): WatchSession {
  const root = resolveRoot(options);
  const within = resolveScope(options.cwd, root, options.paths ?? []);
  const scope = within || options.quiet ? { within, quiet: options.quiet } : undefined;
  const checker = createIncrementalCheck(root, severitiesFor(options.strict));
  // The files changed since the last check; undefined once a change could not be pinned to files.
  let changed: Set<string> | undefined = new Set();
  let last: RunResult | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const schedule = (file?: string) => {
    if (closed) return;
    if (file === undefined) changed = undefined;
    else changed?.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => run(false));
    }, options.debounceMs ?? 30);
  };
  const tree = watchTree(root, schedule);

  /** One check. After the first, nothing is thrown: the session keeps watching whatever happens. */
  const run = async (first: boolean): Promise<void> => {
    if (closed) return;
    // Watch new folders before the check lists them, so that a file created
    // in one is either listed now or reported by the new watch.
    const problems = tree.sync().map((p) => `reflib: ${p}\n`).join('');
    const start = performance.now();
    const files = first || last === undefined ? undefined : changed && [...changed];
    changed = new Set();
    try {
      const checked = await checker.check(files);
      const { library } = checked;
      const result = scope ? reportedResult(checked.sites, checked.result.summary, checked.result.sources, scope) : checked.result;
      if (closed) return;
      // A folder made after the sync but listed by the check has no watch yet: sync and check again.
      if (library.files.some((file) => !tree.covers(path.dirname(path.join(root, file))))) schedule();
      const ms = performance.now() - start;
      options.onResult?.(result, ms);
      // The first check shows everything; later ones show what changed, in a few lines, without clearing the screen.
      const report = last === undefined ? `${CLEAR}${formatText(result, { color: options.color })}\n` : describeChanges(last, result, { color: options.color });
      last = result;
      options.onOutput(`${report}${problems}Checked in ${Math.round(ms)} ms. ${WATCHING}\n`);
    } catch (err) {
      if (closed) return;
      // Whatever went wrong, the next check reads the whole tree and shows everything again.
      changed = undefined;
      last = undefined;
      if (err instanceof UsageError) {
        options.onOutput(`${CLEAR}reflib: ${err.message}\n${problems}${WATCHING}\n`);
      } else if (changedWhileReading(err)) {
        // Check again once the change settles (its own event would too).
        schedule();
      } else if (first) {
        throw err;
      } else {
        const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
        options.onOutput(`${CLEAR}reflib: internal error while checking (please report it):\n${text}\n${problems}${WATCHING}\n`);
      }
    }
  };

  // A root that is not there is a usage error before anything is shown or watched.
  const ready = statSync(root, { throwIfNoEntry: false })?.isDirectory()
    ? run(true)
    : Promise.reject(new UsageError(`library root not found: ${root}`, 'Pass --root with the folder that holds entries/.'));
  running = ready.catch(() => undefined);

  return {
    ready,
    parsedFiles: () => checker.parsedFiles(),
    close() {
      closed = true;
      clearTimeout(timer);
      tree.close();
    },
  };
}
