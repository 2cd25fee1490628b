/**
 * `npm run bench`: the scale benchmark. Generates seeded libraries of
 * 1,000, 10,000 and 30,000 entries (5 links an entry), and measures, in
 * fresh child processes, ajv-cli 5 validating them against the schemas
 * beside reflib's validate (cold and warm), build, report, the edit
 * latency of validate --watch and the change-to-diagnostics latency of the
 * language server (reflib lsp); plus validate on the real library. Prints a
 * table with medians, peak memory, ratios to ajv-cli, costs per 1,000
 * entries and the targets; `--json FILE` writes the same as JSON. Asserts
 * nothing about speed. Options: `npm run bench -- --help`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ajvCliArgs, BIN, defineCommands, type BenchCommand } from './defineCommands';
import { evaluateTargets } from './evaluateTargets';
import { formatBenchTable } from './formatBenchTable';
import { REPO } from './generateLibrary';
import { measureProcess, removeRssFiles } from './measureProcess';
import { measureSize } from './measureSize';
import { parseBenchArgs, USAGE, type BenchOptions, type Part } from './parseBenchArgs';
import { FROM_SOURCE_NOTE, summarizeRuns, type BenchResults, type CommandResult, type RunSample } from './summarizeRuns';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** How scripts/bin.js runs reflib here: from compiled lib/, or the TypeScript source (its own note says why). */
function reflibFrom(): string {
  const r = spawnSync(process.execPath, [BIN, '--version'], { cwd: REPO, encoding: 'utf8' });
  const note = FROM_SOURCE_NOTE.test(r.stderr) ? /reflib: (.*): running/.exec(r.stderr) : null;
  if (note) return `the TypeScript source through ts-node (${note[1]})`;
  return process.env.REFLIB_FROM_SOURCE === '1' ? 'the TypeScript source through ts-node (REFLIB_FROM_SOURCE=1)' : 'compiled lib/';
}

/** The machine and the settings, for the header. */
function describeRun(options: BenchOptions): BenchResults['meta'] {
  const cpus = os.cpus();
  const quote = (a: string) => (/[^\w./=,:-]/.test(a) ? `"${a}"` : a);
  return {
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    note: `This machine has ${cpus.length} cores, shared with whatever else runs on it (the targets assume 2 shared cores): expect noise; ratios, from interleaved runs, are steadier than absolute times.`,
    reflibFrom: reflibFrom(),
    ajvCliCommand: `(in the repository) node ${ajvCliArgs('<library>').map(quote).join(' ')}`,
    runs: options.runs,
    seed: options.seed,
  };
}

/** ajv-cli and reflib validate on the real library at the repository root, interleaved. */
async function measureRealLibrary(options: BenchOptions): Promise<Record<string, CommandResult>> {
  const count = readdirSync(path.join(REPO, 'entries'), { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f))).length;
  const commands: BenchCommand[] = [];
  if (options.only.has('ajv')) commands.push(defineCommands(REPO, count, '')[0]);
  // As an editor runs it: in the repository, the cache (if any) as it is.
  commands.push({ id: 'validate-cold', label: 'reflib validate', args: [BIN, 'validate'], cwd: REPO, prepare() {}, check: (r) => (r.code === 0 ? undefined : `exit ${r.code}`) });
  const samples = commands.map(() => [] as RunSample[]);
  for (let round = 1; round <= options.runs; round++) {
    for (const [i, command] of commands.entries()) {
      const run = await measureProcess({ args: command.args, cwd: command.cwd, timeoutMs: options.timeoutMs });
      const error = command.check(run);
      samples[i].push({ ms: run.ms, maxRssKb: run.maxRssKb, fromSource: FROM_SOURCE_NOTE.test(run.stderr), ...(error === undefined ? {} : { error }) });
      log(`real library: round ${round}/${options.runs} ${command.label.padEnd(24)} ${error ?? `${Math.round(run.ms)} ms`}`);
    }
  }
  const out: Record<string, CommandResult> = {};
  commands.forEach((command, i) => {
    const key = command.id === 'ajv-cli' ? 'ajv-cli' : 'validate';
    out[key] = summarizeRuns(key, command.label, samples[i], count);
  });
  if (out['ajv-cli']?.medianMs && out.validate.medianMs !== null) out.validate.ratioToAjv = Math.round((out.validate.medianMs / out['ajv-cli'].medianMs) * 100) / 100;
  return out;
}

/** Runs the whole benchmark and returns its results (also printed, and written with --json). */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const meta = describeRun(options);
  log(`${meta.node}, ${meta.cpus} CPUs, ${meta.os}; reflib runs from ${meta.reflibFrom}`);
  const results: BenchResults = { meta, realLibrary: {}, sizes: [], targets: [] };
  if (options.only.has('real')) results.realLibrary = await measureRealLibrary(options);
  const base = mkdtempSync(path.join(os.tmpdir(), 'reflib-bench-'));
  const cleanUp = () => {
    if (!options.keep) rmSync(base, { recursive: true, force: true });
    removeRssFiles();
  };
  const interrupted = () => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    // Generated libraries are needed only for the parts measured on them.
    const onSizes = options.breakdown || ['ajv', 'cold', 'warm', 'build', 'report', 'watch', 'lsp'].some((p) => options.only.has(p as Part));
    for (const entries of onSizes ? options.sizes : []) {
      const workDir = path.join(base, `size-${entries}`);
      results.sizes.push(await measureSize(entries, workDir, options, log));
      if (!options.keep) rmSync(workDir, { recursive: true, force: true });
    }
  } finally {
    process.removeListener('SIGINT', interrupted);
    cleanUp();
  }
  results.targets = evaluateTargets(results);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

/** The command line: parse, run, print; exit 1 when a generated library had findings or a command failed. */
async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const results = await runBench(options);
  process.stdout.write(`\n${formatBenchTable(results)}`);
  const broken = [
    ...results.sizes.filter((s) => s.findings.errors + s.findings.warnings + s.findings.infos > 0).map((s) => `the ${s.entries}-entry library has findings`),
    ...[Object.values(results.realLibrary), ...results.sizes.map((s) => Object.values(s.commands))].flat().filter((c) => c.status === 'failed').map((c) => `${c.label} failed: ${c.error}`),
  ];
  for (const b of broken) process.stderr.write(`bench: ${b}\n`);
  return broken.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
