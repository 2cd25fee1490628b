/**
 * The edit latency of `reflib validate --watch`: how long from saving one
 * entry to the re-checked screen, as an editor's user sees it. Starts the
 * real CLI in a child process, waits for its first "Watching for changes",
 * then edits one entry several times, timing each write to the next
 * "Watching for changes" on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRssFile, spawnMeasured } from './measureProcess';
import { FROM_SOURCE_NOTE } from './summarizeRuns';

/** What the watch session prints when a check is done. */
export const WATCHING = 'Watching for changes';

export interface WatchOptions {
  /** scripts/bin.js of the reflib to run. */
  bin: string;
  root: string;
  /** The entry file to edit, relative to `root`. */
  file: string;
  /** How many edits to time. */
  edits: number;
  /** How long the first check may take, in ms. */
  startTimeoutMs: number;
  /** How long one re-check may take, in ms. */
  editTimeoutMs?: number;
}

export interface WatchMeasure {
  /** ms from spawn to the first "Watching for changes". */
  startupMs: number;
  /** ms from each write to the re-check's "Watching for changes". */
  editsMs: number[];
  maxRssKb: number | null;
  /** Whether every re-check after an edit reported no problems. */
  clean: boolean;
  /** Set when the session failed or timed out. */
  error?: string;
  /** scripts/bin.js ran the TypeScript source (lib/ missing or stale). */
  fromSource: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The entry's text with its `updated:` date changed to the `n`th of a series (always a valid date). */
export function editedText(text: string, n: number): string {
  return text.replace(/^updated: .*$/m, `updated: 2025-01-${String((n % 28) + 1).padStart(2, '0')}`);
}

/** Runs one watch session and times its edits. The edited file is put back as it was. */
export async function measureWatch(options: WatchOptions): Promise<WatchMeasure> {
  const file = path.join(options.root, options.file);
  const original = readFileSync(file, 'utf8');
  const rss = createRssFile();
  const start = performance.now();
  const child = spawnMeasured([options.bin, 'validate', '--watch', '--root', options.root], rss.file);
  let output = '';
  let wake: (() => void) | undefined;
  child.stdout!.on('data', (b: Buffer) => {
    output += b.toString('utf8');
    if (output.includes(WATCHING)) wake?.();
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  /** Resolves at the next "Watching for changes" after `output` was last cleared; rejects on timeout or exit. */
  const nextCheck = (timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(WATCHING)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no "${WATCHING}" within ${timeoutMs} ms`)), timeoutMs);
      wake = () => (clearTimeout(timer), resolve());
      void closed.then(() => (clearTimeout(timer), reject(new Error(`validate --watch exited: ${stderr.trim().split('\n').pop() ?? ''}`))));
    });
  const result: WatchMeasure = { startupMs: NaN, editsMs: [], maxRssKb: null, clean: true, fromSource: false };
  try {
    await nextCheck(options.startTimeoutMs);
    result.startupMs = performance.now() - start;
    for (let n = 0; n < options.edits; n++) {
      // Let any late event of the last write pass, so that its check is not taken for this one's.
      await sleep(300);
      output = '';
      const t0 = performance.now();
      writeFileSync(file, editedText(original, n));
      await nextCheck(options.editTimeoutMs ?? 60_000);
      result.editsMs.push(performance.now() - t0);
      if (!/no problems/.test(output)) result.clean = false;
    }
  } catch (err) {
    result.error = (err as Error).message;
  } finally {
    child.kill('SIGTERM');
    await closed;
    writeFileSync(file, original);
  }
  result.maxRssKb = rss.read();
  result.fromSource = FROM_SOURCE_NOTE.test(stderr);
  return result;
}
