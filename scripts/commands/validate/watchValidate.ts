/**
 * `reflib validate --watch`: re-validate whenever an entry, the lock or the
 * config changes, re-parsing only files whose text changed, and show the
 * current problems on a cleared screen.
 */
import { statSync, watch as watchFs, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkLibrary } from '../../pipeline/checkLibrary';
import { severitiesFor } from '../../pipeline/rules';
import { formatText } from '../../formatters/formatText';
import type { RunResult } from '../../pipeline/runResult';
import type { ParseCache } from '../../load/loadLibrary';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';

export interface WatchOptions {
  cwd: string;
  root?: string;
  color?: boolean;
  strict?: boolean;
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

/** Starts watching. Problems in the library are shown, not thrown; only a missing library is a UsageError. */
export function watchValidate(options: WatchOptions): WatchSession {
  const root = resolveRoot(options);
  const cache: ParseCache = new Map();
  let parsed = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const run = async () => {
    const start = performance.now();
    const before = new Map([...cache].map(([file, hit]) => [file, hit.parsed]));
    try {
      const { result } = await checkLibrary(root, severitiesFor(options.strict), cache);
      for (const [file, hit] of cache) if (before.get(file) !== hit.parsed) parsed++;
      const ms = performance.now() - start;
      options.onResult?.(result, ms);
      options.onOutput(`${CLEAR}${formatText(result, { color: options.color })}\nChecked in ${Math.round(ms)} ms. Watching for changes (Ctrl-C to stop).\n`);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      options.onOutput(`${CLEAR}reflib: ${err.message}\nWatching for changes (Ctrl-C to stop).\n`);
    }
  };

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(run);
    }, options.debounceMs ?? 30);
  };

  const watchers: FSWatcher[] = [];
  // A root that is not there is a usage error before anything is shown or watched.
  const ready = statSync(root, { throwIfNoEntry: false })?.isDirectory()
    ? run()
    : Promise.reject(new UsageError(`library root not found: ${root}`, 'Pass --root with the folder that holds entries/.'));
  const started = ready.then(() => {
    if (closed) return;
    // Watch the library root too (for the lock, the config and a new entries/ folder).
    try {
      watchers.push(watchFs(path.join(root, 'entries'), { recursive: true }, schedule));
    } catch {
      // No entries/ folder yet: the root watcher below notices when it appears.
    }
    watchers.push(watchFs(root, (_event, name) => {
      if (name === 'pubmed-lock.json' || name === 'reflib.config.yaml' || name === 'entries') schedule();
    }));
  });

  return {
    ready: started,
    parsedFiles: () => parsed,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
