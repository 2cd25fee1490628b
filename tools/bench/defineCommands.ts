/**
 * The commands the benchmark times on a library, each run in a fresh child
 * process: ajv-cli 5 validating every entry against the schemas, and reflib's
 * validate (cold and warm), build and report. Each says how to prepare a run
 * (so that it does real work) and how to tell that the run did its job.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO } from './generateLibrary';
import type { ProcessMeasure } from './measureProcess';

/** reflib's CLI. */
export const BIN = path.join(REPO, 'scripts/bin.js');

/** Where the content-addressed cache of `reflib validate` lives, relative to the library root. */
export const CACHE_DIR = '.reflib-cache';

/** The ids of the timed commands, in the order each round runs them. */
export const COMMAND_IDS = ['ajv-cli', 'validate-cold', 'validate-warm', 'build', 'report'] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

export interface BenchCommand {
  id: CommandId;
  label: string;
  /** Arguments for `node` (after the preload). */
  args: string[];
  cwd: string;
  /** Run before each timed run, untimed. */
  prepare(): void;
  /** Why a finished run does not count (undefined when it does). */
  check(run: ProcessMeasure): string | undefined;
}

/** The entry schemas, in the order ajv-cli gets them: entry.schema.json picks the kind schema from `kind`. */
const KIND_SCHEMAS = ['definitions', 'topic', 'form-comparison', 'interaction', 'population-caution', 'misconception'];

/**
 * ajv-cli's arguments to validate every entry under `root` in one process,
 * relative to the repository (run it with cwd = the repository). draft7
 * because the schemas are draft-07; strict mode as reflib uses it (with
 * strictRequired off, as reflib has it); ajv-formats for `date` and `uri`; and
 * configureAjvCli.js for the `x-links-to` keyword and YAML 1.2 dates.
 */
export function ajvCliArgs(root: string): string[] {
  return [
    'node_modules/ajv-cli/dist/index.js', 'validate', '--spec=draft7',
    '-s', 'schemas/entry.schema.json',
    ...KIND_SCHEMAS.flatMap((name) => ['-r', `schemas/${name}.schema.json`]),
    '-d', `${root}/entries/**/*.yaml`,
    '--all-errors', '--strict-required=false', '--errors=line',
    '-c', 'ajv-formats', '-c', './tools/bench/configureAjvCli.js',
  ];
}

/** A run that exited 0 counts; anything else is described. */
function exitedZero(run: ProcessMeasure): string | undefined {
  if (run.timedOut) return 'timeout';
  if (run.code === 0) return undefined;
  const last = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-3).join(' | ');
  return `exit ${run.code ?? run.signal}: ${last}`;
}

/** Whether `dir` exists and holds anything. */
export function nonEmpty(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/**
 * The timed commands for a library of `entries` entries at `root`. The
 * report goes to `reportDir`, outside the library. With `primeWarm`, a warm
 * run that finds no cache fills it first, untimed (for when no cold run
 * precedes it in a round).
 */
export function defineCommands(root: string, entries: number, reportDir: string, primeWarm = false): BenchCommand[] {
  const cache = path.join(root, CACHE_DIR);
  const reflib = (command: string, ...more: string[]) => [BIN, command, '--root', root, ...more];
  return [
    {
      id: 'ajv-cli',
      label: 'ajv-cli 5 validate',
      args: ajvCliArgs(root),
      cwd: REPO,
      prepare() {},
      check(run) {
        const failed = exitedZero(run);
        if (failed) return failed;
        const valid = run.stdout.split('\n').filter((line) => line.endsWith(' valid')).length;
        return valid === entries ? undefined : `ajv-cli reported ${valid} valid files, not ${entries}`;
      },
    },
    {
      id: 'validate-cold',
      label: 'reflib validate (cold)',
      args: reflib('validate'),
      cwd: REPO,
      prepare: () => rmSync(cache, { recursive: true, force: true }),
      check: exitedZero,
    },
    {
      id: 'validate-warm',
      label: 'reflib validate (warm)',
      args: reflib('validate'),
      cwd: REPO,
      prepare() {
        // Normally the cold run just left the cache; without one in the round, fill it first.
        if (primeWarm && !nonEmpty(cache)) spawnSync(process.execPath, reflib('validate'), { cwd: REPO, stdio: 'ignore' });
      },
      check: exitedZero,
    },
    {
      id: 'build',
      label: 'reflib build',
      args: reflib('build'),
      cwd: REPO,
      // A fresh dist/ and no cache each run, so that every run checks, compiles and writes a whole release (compared with cold validate).
      prepare() {
        rmSync(path.join(root, 'dist'), { recursive: true, force: true });
        rmSync(cache, { recursive: true, force: true });
      },
      check: exitedZero,
    },
    {
      id: 'report',
      label: 'reflib report',
      args: reflib('report', '--out', reportDir),
      cwd: REPO,
      prepare() {
        // Without dist/ or a cache, so that every run does the same, whole work whatever ran before.
        rmSync(path.join(root, 'dist'), { recursive: true, force: true });
        rmSync(cache, { recursive: true, force: true });
        rmSync(reportDir, { recursive: true, force: true });
      },
      check: exitedZero,
    },
  ];
}
