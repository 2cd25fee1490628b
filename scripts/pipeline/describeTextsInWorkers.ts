/**
 * Parsing and validating are pure per text, and take much of a cold run, so
 * a large library can be split between worker threads and the main thread.
 * Below a few thousand files, or on fewer than 4 cores, a worker costs more
 * than it saves (measured with REFLIB_WORKERS and `npm run bench`).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CachedText } from './openCache';
import { describeText } from './describeText';

/** Below this many texts everything runs on the main thread. */
export const WORKERS_FROM = 2000;
/** The most worker threads, whatever the machine: each loads the parsers and schemas again. */
const MAX_WORKERS = 3;

type Text = { path: string; text: string };

/** Below this many cores no worker is started: measured on 2 cores, one worker beside the main thread gained nothing and cost 85 MB. */
const WORKERS_FROM_CORES = 4;

/**
 * How many worker threads to start: one fewer than the cores, at most
 * MAX_WORKERS, and none on fewer than WORKERS_FROM_CORES cores (at 10,000
 * entries on 2 cores: 3.6–3.9 s and 370 MB without, 3.7 s and 457 MB with
 * one); REFLIB_WORKERS=N sets it (0: none), for measuring.
 */
export function workerCount(): number {
  const set = Number.parseInt(process.env.REFLIB_WORKERS ?? '', 10);
  if (Number.isInteger(set) && set >= 0) return Math.min(set, MAX_WORKERS);
  const cores = availableParallelism();
  return cores < WORKERS_FROM_CORES ? 0 : Math.min(MAX_WORKERS, cores - 1);
}

/** Runs describeText over `texts` in one worker thread; resolves with the records in order. */
function inWorker(texts: readonly Text[]): Promise<CachedText[]> {
  // From source (tests, development) the worker is TypeScript too.
  const ext = path.extname(__filename);
  const worker = new Worker(path.join(__dirname, `describeTextsWorker${ext}`), {
    // Resolved here: the worker would resolve it from the current folder, which may be any library.
    execArgv: ext === '.ts' ? ['-r', require.resolve('ts-node/register/transpile-only')] : [],
    // ts-node looks for a tsconfig from the current folder, and finds none in a library elsewhere.
    env: ext === '.ts' ? { ...process.env, TS_NODE_PROJECT: path.resolve(__dirname, '../../tsconfig.json') } : process.env,
    workerData: texts,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (json: string) => {
      resolve(JSON.parse(json) as CachedText[]);
      void worker.terminate();
    });
    worker.once('error', (err: unknown) => reject(err instanceof Error ? err : new Error(`a parsing worker failed: ${String((err as { message?: unknown })?.message ?? 'unknown error')}`)));
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a parsing worker stopped with code ${code}`));
    });
  });
}

/** describeText for every text, in order: across worker threads when there are at least `from` texts and cores to spare. */
export async function describeTexts(texts: readonly Text[], from = WORKERS_FROM): Promise<CachedText[]> {
  const workers = texts.length >= from ? workerCount() : 0;
  if (workers <= 0) return texts.map((t) => describeText(t.path, t.text));
  // Equal shares, one of them the main thread's, which works while the workers do.
  const share = Math.ceil(texts.length / (workers + 1));
  const pending = Array.from({ length: workers }, (_, i) => inWorker(texts.slice((i + 1) * share, (i + 2) * share)));
  const mine = texts.slice(0, share).map((t) => describeText(t.path, t.text));
  const theirs = await Promise.all(pending);
  return [mine, ...theirs].flat();
}
