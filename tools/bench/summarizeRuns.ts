/**
 * The benchmark's results, as written to `--json` and read by the table and
 * the targets: one summary per command per library size.
 */

/** What scripts/bin.js prints on stderr when it runs the TypeScript source instead of lib/. */
export const FROM_SOURCE_NOTE = /running the TypeScript source/;

/** One timed run: its wall time and peak memory, or why it does not count. */
export interface RunSample {
  ms: number;
  maxRssKb: number | null;
  /** `timeout`, or what went wrong; absent when the run counts. */
  error?: string;
  /** scripts/bin.js said it ran the TypeScript source (lib/ missing or stale), which starts slower. */
  fromSource?: boolean;
}

export interface CommandResult {
  id: string;
  label: string;
  /** `timeout` when a run hit the time limit; `failed` when one did not do its job. */
  status: 'ok' | 'failed' | 'timeout';
  /** Wall time of every run that counts, in order, ms. */
  runsMs: number[];
  /** Median of `runsMs` (null when no run counts). */
  medianMs: number | null;
  /** The highest max RSS of any run, MB (null when none was recorded). */
  peakMb: number | null;
  /** Cost per 1,000 entries: median ms and peak MB divided by thousands of entries. */
  perThousand: { ms: number | null; mb: number | null };
  /** For validate: the median over ajv-cli's median at the same size. */
  ratioToAjv?: number | null;
  /** The first error, when status is not ok. */
  error?: string;
  /** Anything else worth knowing about this command (e.g. the watch session's start-up time). */
  notes?: Record<string, unknown>;
}

export interface SizeResult {
  entries: number;
  links: number;
  kinds: Record<string, number>;
  generateMs: number;
  /** What `reflib validate --format json` found in the generated library (all zero for a clean one). */
  findings: { errors: number; warnings: number; infos: number };
  /** Whether `reflib validate` left a cache folder (.reflib-cache/) to run warm from. */
  cacheSeen: boolean;
  commands: Record<string, CommandResult>;
  /** The generated library, when kept (--keep). */
  dir?: string;
  /** In-process timings of each pipeline stage and check (--breakdown). */
  breakdown?: Record<string, number>;
}

export interface TargetResult {
  name: string;
  limit: string;
  measured: string;
  status: 'PASS' | 'MISS' | 'n/a';
}

export interface BenchResults {
  meta: {
    node: string;
    cpus: number;
    cpuModel: string;
    os: string;
    date: string;
    note: string;
    /** How scripts/bin.js ran reflib: compiled lib/ or the TypeScript source. */
    reflibFrom: string;
    ajvCliCommand: string;
    runs: number;
    seed: number;
  };
  /** The real library at the repository root. */
  realLibrary: Record<string, CommandResult>;
  sizes: SizeResult[];
  targets: TargetResult[];
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Summarizes a command's runs on a library of `entries` entries. */
export function summarizeRuns(id: string, label: string, runs: readonly RunSample[], entries: number): CommandResult {
  const counted = runs.filter((r) => r.error === undefined);
  const rss = runs.map((r) => r.maxRssKb).filter((kb): kb is number => kb !== null);
  const medianMs = median(counted.map((r) => r.ms));
  const peakMb = rss.length > 0 ? Math.max(...rss) / 1024 : null;
  const failure = runs.find((r) => r.error !== undefined)?.error;
  const thousands = entries / 1000;
  return {
    id,
    label,
    status: failure === undefined ? 'ok' : failure === 'timeout' ? 'timeout' : 'failed',
    runsMs: counted.map((r) => Math.round(r.ms)),
    medianMs: medianMs === null ? null : Math.round(medianMs),
    peakMb: peakMb === null ? null : Math.round(peakMb),
    perThousand: { ms: medianMs === null ? null : Math.round(medianMs / thousands), mb: peakMb === null ? null : Math.round((peakMb / thousands) * 10) / 10 },
    ...(failure === undefined ? {} : { error: failure }),
    ...(runs.some((r) => r.fromSource) ? { notes: { fromSourceRuns: runs.filter((r) => r.fromSource).length } } : {}),
  };
}
