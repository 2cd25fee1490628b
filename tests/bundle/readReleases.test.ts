/** Reading the releases in dist/: a manifest that is not one is a usage error naming it, never a crash. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readReleases } from '../../scripts/bundle/readReleases';
import { UsageError } from '../../scripts/core/usageError';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function distWith(manifest: string): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'reflib-dist-'));
  dirs.push(dist);
  mkdirSync(path.join(dist, '9.9.9'));
  writeFileSync(path.join(dist, '9.9.9', 'manifest.json'), manifest);
  return dist;
}

describe('readReleases', () => {
  it('reads a release manifest', async () => {
    const [m] = await readReleases(distWith(JSON.stringify({ version: '9.9.9', redirects: { aaaaaaaa: 'bbbbbbbb' } })));
    expect(m.redirects).toEqual({ aaaaaaaa: 'bbbbbbbb' });
  });

  it.each([
    ['not JSON', '{'],
    ['an empty object', '{}'],
    ['another version', JSON.stringify({ version: '1.0.0', redirects: {} })],
    ['redirects that are not a mapping', JSON.stringify({ version: '9.9.9', redirects: 'x' })],
    ['null', 'null'],
  ])('refuses a manifest that is %s, naming it', async (_name, text) => {
    const err = await readReleases(distWith(text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe('dist/9.9.9/manifest.json is not a release manifest');
  });

  it('is empty without dist/', async () => {
    expect(await readReleases(path.join(tmpdir(), 'no-such-dist-folder'))).toEqual([]);
  });
});
