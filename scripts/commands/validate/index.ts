/** `reflib validate`: check the library and report every problem. */
import path from 'node:path';
import { checkLibraryResult } from '../../pipeline/checkLibrary';
import { severitiesFor } from '../../pipeline/severitiesFor';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { FORMATTERS } from '../../formatters';
import { formatGithub } from '../../formatters/formatGithub';
import type { RunResult } from '../../pipeline/runResult';
import { appendStepSummary, readGithubContext } from './githubStepSummary';
import { guessChangedFiles, listChangedFiles } from './listChangedFiles';

export interface ValidateOptions {
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** The library root (the folder holding entries/); defaults to `cwd`. */
  root?: string;
  /** `text` (default), `json`, `github`, `sarif` or `junit`. */
  format?: string;
  /** Colour the text format. */
  color?: boolean;
  /** Treat unverified PMIDs as errors (for release builds and CI on main). */
  strict?: boolean;
  /** Use the content cache under the root (default true). */
  cache?: boolean;
  /**
   * `--changed-since REF` (github format only): annotate findings in the
   * files changed since REF first (see listChangedFiles). Without it, a
   * GitHub pull request run tries `origin/$GITHUB_BASE_REF`, quietly.
   */
  changedSince?: string;
  /**
   * The environment (default `process.env`). The github format reads
   * GITHUB_STEP_SUMMARY (appends a job summary), GITHUB_SERVER_URL,
   * GITHUB_REPOSITORY and GITHUB_SHA (links), GITHUB_WORKSPACE (paths
   * relative to the repository) and GITHUB_BASE_REF.
   */
  env?: NodeJS.ProcessEnv;
}

export interface ValidateResult {
  /** 0: no errors (warnings allowed); 1: errors found. Usage problems throw UsageError (exit 2). */
  exitCode: 0 | 1;
  output: string;
  result: RunResult;
  /** Lines for standard error about the run itself, not findings: e.g. the job summary could not be written. */
  notes: string[];
}

/** Validates the library and formats the result. */
export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const format = options.format ?? 'text';
  const formatter = FORMATTERS[format];
  if (!formatter) throw new UsageError(`unknown format "${format}"`, `Use one of: ${Object.keys(FORMATTERS).join(', ')}.`);
  if (options.changedSince !== undefined && format !== 'github') {
    throw new UsageError(`--changed-since orders GitHub annotations; it does nothing for --format ${format}`, 'Add --format github, or drop --changed-since.');
  }
  const root = resolveRoot(options);
  const env = options.env ?? process.env;
  // Before the check, so a bad ref fails at once.
  const changedFiles =
    format !== 'github' ? undefined : options.changedSince !== undefined ? listChangedFiles(root, options.changedSince) : guessChangedFiles(root, env);
  const result = await checkLibraryResult(root, severitiesFor(options.strict), { contentCache: options.cache !== false });
  const exitCode = result.summary.errors > 0 ? 1 : 0;
  const notes: string[] = [];
  if (format !== 'github') return { exitCode, output: formatter(result, { color: options.color }), result, notes };

  const github = readGithubContext(env, root);
  const summaryWritten = github.summaryPath ? appendStepSummary(path.resolve(options.cwd, github.summaryPath), result, { links: github.links, changedFiles }, (line) => notes.push(line)) : false;
  const output = formatGithub(result, { changedFiles, summaryWritten, pathPrefix: github.pathPrefix });
  return { exitCode, output, result, notes };
}
