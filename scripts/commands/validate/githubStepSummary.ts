/**
 * What `validate --format github` reads from the GitHub Actions environment,
 * and the one thing it writes besides standard output: the job summary.
 *
 * The runner gives each step its own summary file ($GITHUB_STEP_SUMMARY),
 * shown on the run's page; anything may append to it, so reflib appends, in
 * one write (O_APPEND), to whatever an earlier command of the step wrote,
 * and stays within the 1 MiB GitHub takes per step, counting what is there.
 * The summary is a convenience: when it cannot be written the run goes on,
 * and the reason goes to standard error.
 */
import { appendFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../../pipeline/runResult';
import { formatStepSummary, STEP_SUMMARY_LIMIT_BYTES, type SummaryLinks } from '../../formatters/formatStepSummary';

/** Below this much room left in the step's summary, reflib writes none rather than only a heading. */
const MIN_SUMMARY_BYTES = 1024;

export interface GithubContext {
  /** $GITHUB_STEP_SUMMARY, when set. */
  summaryPath?: string;
  /** Links to lines on GitHub, when the server, repository and commit are all known. */
  links?: SummaryLinks;
  /** The library root relative to $GITHUB_WORKSPACE (`library/`), or empty: annotation and link paths are relative to the repository. */
  pathPrefix: string;
}

/** Reads the GitHub Actions variables `validate --format github` uses; ignores malformed ones. */
export function readGithubContext(env: NodeJS.ProcessEnv, root: string): GithubContext {
  let pathPrefix = '';
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace && path.isAbsolute(workspace)) {
    const rel = path.relative(workspace, root);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) pathPrefix = `${rel.split(path.sep).join('/')}/`;
  }
  const serverUrl = env.GITHUB_SERVER_URL ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const sha = env.GITHUB_SHA ?? '';
  const links =
    /^https?:\/\/[^\s<>()"'`]+$/.test(serverUrl) && /^[\w.-]+\/[\w.-]+$/.test(repository) && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(sha)
      ? { serverUrl, repository, sha, pathPrefix }
      : undefined;
  return { summaryPath: env.GITHUB_STEP_SUMMARY || undefined, links, pathPrefix };
}

/**
 * Appends the job summary to `file`. Returns whether it was written; when it
 * was not, `warn` gets one line saying why.
 */
export function appendStepSummary(
  file: string,
  result: RunResult,
  options: { links?: SummaryLinks; changedFiles?: ReadonlySet<string> },
  warn: (line: string) => void,
): boolean {
  try {
    const existing = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    const separator = existing > 0 ? '\n' : '';
    const room = STEP_SUMMARY_LIMIT_BYTES - existing - separator.length;
    if (room < MIN_SUMMARY_BYTES) {
      warn(`reflib: no job summary written: ${file} already holds ${existing} bytes of the ${STEP_SUMMARY_LIMIT_BYTES} GitHub takes per step`);
      return false;
    }
    const text = formatStepSummary(result, { ...options, maxBytes: room });
    if (!text) return false;
    appendFileSync(file, separator + text, 'utf8');
    return true;
  } catch (err) {
    warn(`reflib: could not write the job summary to ${file}: ${(err as Error).message}`);
    return false;
  }
}
