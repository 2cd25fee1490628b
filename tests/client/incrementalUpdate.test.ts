/**
 * A new release costs only what changed: the client keeps entries by content
 * hash, so after a one-entry change it downloads latest.json, the manifest
 * and that entry's file, and nothing else. Requests and bytes are counted at
 * the client's fetch, on a real build served by `reflib serve`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, createMemoryCache } from '../../scripts/client';
import { build } from '../../scripts/commands/build';
import { serve } from '../../scripts/commands/serve';
import { REPO } from '../support/fixtures';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function buildIn(root: string): Promise<void> {
  const r = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1795000000' }, cache: false });
  if (r.exitCode !== 0) throw new Error(r.output);
}

/** A fetch that records each request's path and the body bytes it delivered (after gzip). */
function countingFetch() {
  const log: { path: string; status: number; bytes: number }[] = [];
  const counted: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = response.status === 304 ? null : new Uint8Array(await response.arrayBuffer());
    log.push({ path: new URL(String(input)).pathname, status: response.status, bytes: body?.byteLength ?? 0 });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { fetch: counted, log, reset: () => log.splice(0) };
}

describe('incremental updates', () => {
  it('after a one-entry change, downloads only that entry (plus latest.json and the manifest)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'reflib-incremental-'));
    made.push(root);
    cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
    cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
    await buildIn(root);
    const server = await serve({ cwd: root, port: 0 });
    try {
      const counter = countingFetch();
      const cache = createMemoryCache();
      const first = await createClient({ baseUrl: server.url, cache, fetch: counter.fetch }).library();
      expect(first.version).toBe('1.0.0');
      expect(counter.log.map((r) => r.path)).toEqual(['/latest.json', '/1.0.0/manifest.json', '/1.0.0/library.json']);

      // One entry changes: a patch release.
      const file = path.join(root, 'entries/cautions/athletes.yaml');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace(/^updated: \d{4}-\d{2}-\d{2}$/m, 'updated: 2020-01-01'));
      expect(readFileSync(file, 'utf8')).not.toBe(original);
      await buildIn(root);
      const manifest = JSON.parse(readFileSync(path.join(root, 'dist/1.0.1/manifest.json'), 'utf8'));
      const before = JSON.parse(readFileSync(path.join(root, 'dist/1.0.0/manifest.json'), 'utf8'));
      const changed = Object.keys(manifest.entries).filter((id) => manifest.entries[id].contentHash !== before.entries[id]?.contentHash);
      expect(changed).toHaveLength(1);
      const size = (rel: string) => statSync(path.join(root, 'dist', rel)).size;

      // The app that has 1.0.0: three requests, and exactly the bytes of those three files.
      counter.reset();
      const updated = await createClient({ baseUrl: server.url, cache, fetch: counter.fetch }).library();
      const incremental = [...counter.log];
      expect(incremental.map((r) => `${r.path} ${r.status}`)).toEqual(['/latest.json 200', '/1.0.1/manifest.json 200', `/1.0.1/entries/${changed[0]}.json 200`]);
      const incrementalBytes = incremental.reduce((n, r) => n + r.bytes, 0);
      expect(incrementalBytes).toBe(size('latest.json') + size('1.0.1/manifest.json') + size(`1.0.1/entries/${changed[0]}.json`));

      // A new app: the whole library in one file.
      counter.reset();
      const full = await createClient({ baseUrl: server.url, fetch: counter.fetch }).library();
      expect(counter.log.map((r) => r.path)).toEqual(['/latest.json', '/1.0.1/manifest.json', '/1.0.1/library.json']);
      const fullBytes = counter.log.reduce((n, r) => n + r.bytes, 0);
      expect(fullBytes).toBe(size('latest.json') + size('1.0.1/manifest.json') + size('1.0.1/library.json'));

      // Both see the same library: the one library.json holds.
      expect(updated.library).toEqual(full.library);
      expect(full.library).toEqual(JSON.parse(readFileSync(path.join(root, 'dist/1.0.1/library.json'), 'utf8')));
      expect(updated.library.entries.find((e) => e.id === changed[0])).toMatchObject({ updated: '2020-01-01' });
      // The entry's share: what the update saved against a full download.
      expect(incrementalBytes - size(`1.0.1/entries/${changed[0]}.json`)).toBeLessThan(fullBytes - size('1.0.1/library.json') + 1);
      expect(size('1.0.1/library.json')).toBeGreaterThan(10 * size(`1.0.1/entries/${changed[0]}.json`));

      // Nothing changed since: no entry is downloaded again.
      counter.reset();
      await createClient({ baseUrl: server.url, cache, fetch: counter.fetch }).library();
      expect(counter.log.map((r) => `${r.path} ${r.status}`)).toEqual(['/latest.json 304']);
    } finally {
      await server.close();
    }
  });
});
