/**
 * Runs a Node program in a fresh child process and measures it: wall time
 * from spawn to exit, and peak memory (max RSS), recorded by a preloaded
 * module (recordMaxRss.js) so that it works the same for reflib and ajv-cli.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** The preload that writes the process's max RSS on exit. */
export const RSS_PRELOAD = path.join(__dirname, 'recordMaxRss.js');

export interface ProcessMeasure {
  /** Wall time from spawn to exit, in ms. */
  ms: number;
  /** Peak resident set size in KB; null when the process died before it could say (a timeout's SIGKILL). */
  maxRssKb: number | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  /** Arguments after `node -r recordMaxRss.js`: a script and its arguments. */
  args: string[];
  cwd?: string;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long, and reported as timed out. */
  timeoutMs?: number;
}

let rssDir: string | undefined;
let rssCount = 0;

/** A fresh file for one process's max RSS, and a function that reads and removes it. */
export function createRssFile(): { file: string; read: () => number | null } {
  rssDir ??= mkdtempSync(path.join(tmpdir(), 'reflib-bench-rss-'));
  const file = path.join(rssDir, `${process.pid}-${rssCount++}.kb`);
  return {
    file,
    read() {
      try {
        const kb = Number(readFileSync(file, 'utf8'));
        return Number.isFinite(kb) && kb > 0 ? kb : null;
      } catch {
        return null;
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}

/** Removes the folder of max-RSS files (call once, at the end). */
export function removeRssFiles(): void {
  if (rssDir) rmSync(rssDir, { recursive: true, force: true });
  rssDir = undefined;
}

/**
 * Starts `node -r recordMaxRss.js …args` with its max RSS going to `rssFile`.
 * stdout and stderr are piped; stdin too with `stdin: 'pipe'` (a language
 * server reads its requests there), else it is ignored.
 */
export function spawnMeasured(args: string[], rssFile: string, options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore' } = {}): ChildProcess {
  return spawn(process.execPath, ['-r', RSS_PRELOAD, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env, REFLIB_BENCH_RSS_FILE: rssFile },
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
}

/** Runs one process to its end and measures it. Never rejects for a non-zero exit: the caller decides. */
export function measureProcess(options: MeasureOptions): Promise<ProcessMeasure> {
  const rss = createRssFile();
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawnMeasured(options.args, rss.file, options);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      clearTimeout(timer);
      resolve({ ms, maxRssKb: rss.read(), code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
