/** Where a build's sources come from: the commit, and a creation time that is never the wall clock. */
import { spawnSync } from 'node:child_process';

function git(root: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

/**
 * The source commit, and the creation time: SOURCE_DATE_EPOCH when set, else
 * the commit's date, else the newest `updated` date of the entries.
 */
export function sourceInfo(root: string, newestUpdate: string, env: NodeJS.ProcessEnv = process.env): { sourceCommit: string | null; created: string } {
  const sourceCommit = git(root, ['rev-parse', 'HEAD']) ?? null;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return { sourceCommit, created: new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z') };
  const commitDate = sourceCommit ? git(root, ['show', '-s', '--format=%cI', 'HEAD']) : undefined;
  const created = commitDate ? new Date(commitDate).toISOString().replace('.000Z', 'Z') : `${newestUpdate}T00:00:00Z`;
  return { sourceCommit, created };
}
