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
import { resolveScope } from './resolveScope';

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
  /**
   * Report only on these files and folders (relative to `cwd`; each must
   * exist and be part of the library). The whole library is still checked,
   * so links and citations resolve against every entry; only what is
   * reported, and counted for the exit code, is narrowed.
   */
  paths?: readonly string[];
  /** Report errors only (ESLint's --quiet): warnings are neither shown nor counted, for --max-warnings either. */
  quiet?: boolean;
  /** Fail (exit 1) when more than this many warnings are reported: an integer ≥ 0 (ESLint's --max-warnings). */
  maxWarnings?: number;
}

export interface ValidateResult {
  /** 0: no errors, and warnings within --max-warnings; 1: errors found, or too many warnings. Usage problems throw UsageError (exit 2). */
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
  const { maxWarnings } = options;
  if (maxWarnings !== undefined && !(Number.isSafeInteger(maxWarnings) && maxWarnings >= 0)) {
    throw new UsageError(`--max-warnings must be a whole number, 0 or more, not ${String(maxWarnings)}`, 'e.g. --max-warnings 0 fails the run on any warning.');
  }
  const root = resolveRoot(options);
  const within = resolveScope(options.cwd, root, options.paths ?? []);
  const env = options.env ?? process.env;
  // Before the check, so a bad ref fails at once.
  const changedFiles =
    format !== 'github' ? undefined : options.changedSince !== undefined ? listChangedFiles(root, options.changedSince) : guessChangedFiles(root, env);
  const scope = within || options.quiet ? { within, quiet: options.quiet } : undefined;
  const result = await checkLibraryResult(root, severitiesFor(options.strict), { contentCache: options.cache !== false, scope });
  const notes: string[] = [];
  // As ESLint: too many warnings fails the run, and says so on standard error.
  const tooManyWarnings = maxWarnings !== undefined && result.summary.warnings > maxWarnings;
  if (tooManyWarnings) notes.push(`reflib found too many warnings (maximum: ${maxWarnings}).`);
  const exitCode = result.summary.errors > 0 || tooManyWarnings ? 1 : 0;
  if (format !== 'github') {
    // --quiet with nothing to report prints nothing at all in text; the other formats still print their (empty) document.
    const output = options.quiet && format === 'text' && result.diagnostics.length === 0 ? '' : formatter(result, { color: options.color });
    return { exitCode, output, result, notes };
  }

  const github = readGithubContext(env, root);
  const summaryWritten = github.summaryPath ? appendStepSummary(path.resolve(options.cwd, github.summaryPath), result, { links: github.links, changedFiles }, (line) => notes.push(line)) : false;
  const output = formatGithub(result, { changedFiles, summaryWritten, pathPrefix: github.pathPrefix });
  return { exitCode, output, result, notes };
}
