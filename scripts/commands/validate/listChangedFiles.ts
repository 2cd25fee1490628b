/**
 * The files a pull request changes, for `validate --format github
 * --changed-since REF`: annotations on those files are printed first, so
 * GitHub's per-step limit never drops them in favour of old findings.
 *
 * "Changed since REF" is the union of
 *   - what HEAD's branch changed since it left REF: `git diff REF...HEAD`
 *     (three dots: against the merge base, so commits that landed on REF
 *     later do not count);
 *   - uncommitted changes, staged or not: `git diff HEAD`;
 *   - untracked files that are not ignored: `git ls-files --others`,
 * so a local run sees the entry being written as well as CI sees the pull
 * request (whose checkout has no uncommitted changes).
 *
 * Paths are relative to the library root, like diagnostics' `file`
 * (`--relative`; changes outside the root are left out). A missing git, a
 * folder that is not a repository, an unknown REF or a shallow clone without
 * the merge base are UsageErrors (exit 2) with a hint.
 */
import { spawnSync } from 'node:child_process';
import { UsageError } from '../../core/usageError';

const SHALLOW_HINT =
  'In GitHub Actions, check out with history (actions/checkout with fetch-depth: 0), or fetch the base branch first: git fetch origin main.';

interface GitRun {
  status: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
}

function git(root: string, args: readonly string[]): GitRun {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', missing };
}

const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

const splitZ = (s: string) => s.split('\0').filter((p) => p !== '');

/**
 * Root-relative paths (forward slashes) of the files changed since `ref`.
 * @throws UsageError when git is missing, `root` is not in a work tree, or `ref` is unknown or has no merge base with HEAD
 */
export function listChangedFiles(root: string, ref: string): Set<string> {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since takes a git revision, not "${ref}"`, 'Give a branch, tag or commit: --changed-since origin/main.');
  const inside = git(root, ['rev-parse', '--is-inside-work-tree']);
  if (inside.missing) throw new UsageError('--changed-since needs git, which was not found', 'Install git, or drop --changed-since.');
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') {
    throw new UsageError(`--changed-since needs a git work tree; ${root} is not in one`, 'Run it in a clone of the repository, or drop --changed-since.');
  }
  if (git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0) {
    throw new UsageError(`--changed-since: unknown git revision "${ref}"`, SHALLOW_HINT);
  }
  const base = git(root, ['merge-base', ref, 'HEAD']);
  if (base.status !== 0 || !base.stdout.trim()) {
    throw new UsageError(`--changed-since: "${ref}" and HEAD have no common ancestor in this clone (a shallow checkout?)`, SHALLOW_HINT);
  }
  const runs = [
    ['diff', '--name-only', '-z', '--relative', '--no-renames', base.stdout.trim(), 'HEAD', '--'],
    ['diff', '--name-only', '-z', '--relative', '--no-renames', 'HEAD', '--'],
    ['ls-files', '--others', '--exclude-standard', '-z', '--', '.'],
  ];
  const files = new Set<string>();
  for (const args of runs) {
    const r = git(root, args);
    if (r.status !== 0) throw new UsageError(`--changed-since: git ${args[0]} failed: ${firstLine(r.stderr) || `exit ${r.status}`}`, SHALLOW_HINT);
    for (const p of splitZ(r.stdout)) files.add(p);
  }
  return files;
}

/**
 * For GitHub pull requests without `--changed-since`: the files changed since
 * `origin/$GITHUB_BASE_REF`, or undefined when that cannot be told (not a
 * pull request, a shallow clone, no git). Best effort: it only orders the
 * annotations, so it never fails the run.
 */
export function guessChangedFiles(root: string, env: NodeJS.ProcessEnv): Set<string> | undefined {
  const base = env.GITHUB_BASE_REF;
  if (!base || base.startsWith('-')) return undefined;
  try {
    return listChangedFiles(root, `origin/${base}`);
  } catch {
    return undefined;
  }
}
