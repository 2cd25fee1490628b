/** The options of `npm run bench` (tools/bench/runBench.ts), read from the command line. */

/** What `--only` can name. `validate` means both cold and warm. */
export const PARTS = ['ajv', 'cold', 'warm', 'build', 'report', 'watch', 'lsp', 'real'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  /** Library sizes, in entries. */
  sizes: number[];
  /** Timed runs of each command per size; the median is reported. */
  runs: number;
  /** Write the results as JSON here. */
  json?: string;
  /** The parts to run (default: all). */
  only: Set<Part>;
  /** Keep the generated libraries (and print where). */
  keep: boolean;
  seed: number;
  /** Links per entry in the generated libraries (10,000 entries × 5 = the 50,000 links). */
  linksPerEntry: number;
  /** Timed edits in the watch session. */
  watchEdits: number;
  /** Timed changes in the language server session (`reflib lsp`). */
  lspEdits: number;
  /** A run taking longer is stopped and recorded as "timeout". */
  timeoutMs: number;
  /** Also time each pipeline stage and check in-process, as the old benchLinks did. */
  breakdown: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]
  --sizes 1000,10000,30000   library sizes in entries (default: those three)
  --runs N                   timed runs per command and size; the median is shown (default 3)
  --json FILE                also write the results as JSON
  --only PARTS               some of: ${PARTS.join(', ')}, validate (= cold,warm); comma-separated
  --keep                     keep the generated libraries
  --seed N                   generator seed (default 1)
  --links-per-entry N        links per generated entry (default 5)
  --watch-edits N            timed edits in the validate --watch session (default 5)
  --lsp-edits N              timed changes in the reflib lsp session (default 10)
  --timeout-min N            stop a run after N minutes and record "timeout" (default 10)
  --breakdown                also time each pipeline stage and check in-process
  -h, --help                 show this`;

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number, not ${value ?? 'nothing'}`);
  return n;
}

/** Parses the arguments after the script name; throws an Error naming a bad option. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    sizes: [1000, 10000, 30000], runs: 3, only: new Set(PARTS), keep: false, seed: 1,
    linksPerEntry: 5, watchEdits: 5, lspEdits: 10, timeoutMs: 10 * 60_000, breakdown: false, help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--sizes':
        options.sizes = String(value()).split(',').map((s) => positiveInt('--sizes', s.trim().replace(/[_k]/g, (c) => (c === 'k' ? '000' : ''))));
        break;
      case '--runs': options.runs = positiveInt(name, value()); break;
      case '--json': options.json = value(); if (!options.json) throw new Error('--json needs a file'); break;
      case '--seed': options.seed = positiveInt(name, value()); break;
      case '--links-per-entry': options.linksPerEntry = positiveInt(name, value()); break;
      case '--watch-edits': options.watchEdits = positiveInt(name, value()); break;
      case '--lsp-edits': options.lspEdits = positiveInt(name, value()); break;
      case '--timeout-min': options.timeoutMs = positiveInt(name, value()) * 60_000; break;
      case '--keep': options.keep = true; break;
      case '--breakdown': options.breakdown = true; break;
      case '-h': case '--help': options.help = true; break;
      case '--only': {
        const parts = String(value()).split(',').map((s) => s.trim()).flatMap((s) => (s === 'validate' ? ['cold', 'warm'] : s === 'ajv-cli' ? ['ajv'] : [s]));
        const bad = parts.find((p) => !(PARTS as readonly string[]).includes(p));
        if (bad !== undefined) throw new Error(`--only: unknown part ${bad}; the parts are ${PARTS.join(', ')}, validate`);
        options.only = new Set(parts as Part[]);
        break;
      }
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}
