/** `reflib diff [--from V] [--to V]`: what changed between two releases, from their committed manifests. */
import { readReleases } from '../../bundle/readReleases';
import { diffReleases, renderChangelog } from '../../release/diffReleases';
import { computeBump } from '../../release/computeVersion';
import { UsageError } from '../../core/usageError';
import { resolveDist } from '../../core/resolveRoot';

export interface DiffOptions {
  cwd: string;
  root?: string;
  outDir?: string;
  /** Default: the release before `to`. */
  from?: string;
  /** Default: the newest release. */
  to?: string;
  /** `text` (Markdown, default) or `json`. */
  format?: string;
}

/** Prints the changelog between two releases. */
export async function diff(options: DiffOptions): Promise<{ output: string }> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" for diff`, 'Use text or json.');
  const releases = await readReleases(resolveDist(options, options.outDir));
  if (releases.length === 0) throw new UsageError('no releases in dist/', 'Run reflib build first.');
  const find = (v: string) => {
    const m = releases.find((r) => r.version === v);
    if (!m) throw new UsageError(`no release ${v} in dist/`, `Releases: ${releases.map((r) => r.version).join(', ')}.`);
    return m;
  };
  const to = options.to ? find(options.to) : releases[releases.length - 1];
  const from = options.from ? find(options.from) : releases[releases.indexOf(to) - 1];
  const bump = computeBump(from, { entries: to.entries, redirects: to.redirects, formatVersion: to.formatVersion });
  const changelog = diffReleases(from, to, bump);
  return { output: format === 'json' ? JSON.stringify(changelog, null, 2) + '\n' : renderChangelog(changelog) };
}
