/** Reads the releases already in dist/: their manifests, and latest.json. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { compareVersions, RELEASE_VERSION } from './releaseVersion';
import type { Manifest } from './manifest';

/** Every release folder in `dist` that has a manifest, oldest first. */
export async function readReleases(dist: string): Promise<Manifest[]> {
  const names = await fs.readdir(dist).catch(() => [] as string[]);
  const manifests: Manifest[] = [];
  for (const name of names.filter((n) => RELEASE_VERSION.test(n)).sort(compareVersions)) {
    const text = await fs.readFile(path.join(dist, name, 'manifest.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) manifests.push(JSON.parse(text) as Manifest);
  }
  return manifests;
}
