/** Reads the releases already in dist/: their manifests, and latest.json. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/usageError';
import { compareVersions, RELEASE_VERSION } from './releaseVersion';
import type { Manifest } from './manifest';

/** Every release folder in `dist` that has a manifest, oldest first. */
export async function readReleases(dist: string): Promise<Manifest[]> {
  const names = await fs.readdir(dist).catch(() => [] as string[]);
  const manifests: Manifest[] = [];
  for (const name of names.filter((n) => RELEASE_VERSION.test(n)).sort(compareVersions)) {
    const text = await fs.readFile(path.join(dist, name, 'manifest.json'), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let manifest: unknown;
    try {
      manifest = JSON.parse(text);
    } catch {
      manifest = undefined;
    }
    const m = manifest as Partial<Manifest> | undefined;
    // Every command that reads earlier releases relies on these two fields.
    if (!m || typeof m !== 'object' || m.version !== name || !m.redirects || typeof m.redirects !== 'object') {
      throw new UsageError(`dist/${name}/manifest.json is not a release manifest`, 'Restore it from git (git checkout -- dist), or rebuild with reflib build.');
    }
    manifests.push(m as Manifest);
  }
  return manifests;
}
