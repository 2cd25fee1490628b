import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientError, createClient, createMemoryCache, IntegrityError, type StaleEvent } from '../../scripts/client';
import { createFileCache } from '../../scripts/client/createFileCache';
import type { RequestRecord } from '../../scripts/commands/serve';
import { schemaAjv, schemaId } from '../../scripts/core/loadSchemas';
import { canonicalJson, makeDist, sha256, type DistFixture } from '../support/makeDist';
import { serveDist } from '../support/serveDist';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** A temporary folder, removed after the test. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'reflib-cache-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh dist/ fixture served on a free port, removed after the test. */
const start = () => serveDist((undo) => cleanup.push(undo));

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** After the real server stopped: something else on its port that fails in the way asked, or answers as `mode` says. */
async function occupy(url: string, mode: 'HTTP 503' | 'hang' | 'HTTP 404' | Handler): Promise<void> {
  const failing = http.createServer((req, res) => {
    if (typeof mode === 'function') return mode(req, res);
    if (mode === 'HTTP 503') res.writeHead(503).end('down for maintenance');
    if (mode === 'HTTP 404') res.writeHead(404).end('gone');
    // 'hang': accept the request, never answer
  });
  await new Promise<void>((resolve) => failing.listen(Number(new URL(url).port), '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        failing.close(() => resolve());
        failing.closeAllConnections();
      }),
  );
}

const requested = (seen: RequestRecord[]) => seen.map((r) => `${r.url} ${r.status}`);

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe('the dist/ fixture', () => {
  it('is a valid release: every file matches schemas/bundle.schema.json', () => {
    const fixture = makeDist();
    cleanup.push(async () => rmSync(fixture.root, { recursive: true, force: true }));
    const ajv = schemaAjv();
    const definition = (rel: string) =>
      rel === 'latest.json' ? 'latest' : /\/entries\//.test(rel) ? 'entryFile' : ({ 'manifest.json': 'manifest', 'library.json': 'library', 'index.json': 'index', 'changelog.json': 'changelog' } as Record<string, string>)[path.basename(rel)];
    const rels = ['latest.json', ...(['1.0.0', '1.1.0'] as const).flatMap((v) => [...fixture.releases[v].files.keys()].map((f) => `${v}/${f}`))];
    const problems = rels
      .filter((rel) => rel.endsWith('.json'))
      .flatMap((rel) => {
        const validate = ajv.getSchema(`${schemaId('bundle')}#/definitions/${definition(rel)}`)!;
        return validate(JSON.parse(fixture.bytes(rel).toString())) ? [] : [`${rel}: ${ajv.errorsText(validate.errors)}`];
      });
    expect(rels).toHaveLength(17);
    expect(problems).toEqual([]);
  });
});

describe('createClient: reading the latest release', () => {
  it('fetches latest.json, the manifest and one entry, verifying each', async () => {
    const { server, seen } = await start();
    const client = createClient({ baseUrl: server.url });
    const result = await client.entry('aaaa0001');
    expect(result).toMatchObject({ id: 'aaaa0001', requestedId: 'aaaa0001', redirected: false, version: '1.1.0', stale: false });
    expect(result.entry).toMatchObject({ id: 'aaaa0001', title: 'Stress and magnesium', overview: 'Stress and low magnesium feed each other; the evidence is mixed.' });
    expect(requested(seen)).toEqual(['/latest.json 200', '/1.1.0/manifest.json 200', '/1.1.0/entries/aaaa0001.json 200']);
    // axios asks for gzip and unpacks it; the hash is checked on the unpacked bytes.
    expect(seen.every((r) => r.encoding === 'gzip')).toBe(true);
  });

  it('reads library.json, the manifest and latest.json', async () => {
    const { server, fixture } = await start();
    const client = createClient({ baseUrl: server.url.replace(/\/$/, '') });
    const { library, version, stale } = await client.library();
    expect(version).toBe('1.1.0');
    expect(stale).toBe(false);
    expect(library.entries.map((e) => e.id)).toEqual(['aaaa0001', 'bbbb0001', 'cccc0001']);
    expect(library.redirects).toEqual({ '0badc0de': 'cccc0001' });
    expect((await client.manifest()).manifest).toEqual(JSON.parse(fixture.bytes('1.1.0/manifest.json').toString()));
    expect((await client.latest()).latest).toEqual({ formatVersion: 1, version: '1.1.0', manifest: '1.1.0/manifest.json', manifestSha256: fixture.releases['1.1.0'].manifestSha256 });
  });

  it('re-fetches latest.json conditionally and uses the 304; trusts verified release files without asking', async () => {
    const { server, seen, fixture } = await start();
    const client = createClient({ baseUrl: server.url });
    const first = await client.entry('aaaa0001');
    const latestEtag = `"${sha256(fixture.bytes('latest.json'))}-gzip"`;
    seen.length = 0;
    const second = await client.entry('aaaa0001');
    expect(second).toEqual(first);
    expect(seen).toEqual([{ method: 'GET', url: '/latest.json', status: 304, ifNoneMatch: latestEtag, encoding: 'gzip' }]);
  });

  it('with revalidateImmutable, asks about every file with If-None-Match and gets 304s', async () => {
    const { server, seen } = await start();
    const client = createClient({ baseUrl: server.url, revalidateImmutable: true });
    const first = await client.entry('bbbb0001');
    seen.length = 0;
    expect(await client.entry('bbbb0001')).toEqual(first);
    // The entry is kept by its content hash, which the verified manifest vouches for: there is nothing to ask.
    expect(requested(seen)).toEqual(['/latest.json 304', '/1.1.0/manifest.json 304']);
    expect(seen.every((r) => r.ifNoneMatch?.endsWith('-gzip"'))).toBe(true);
  });
});

describe('createClient: entry IDs', () => {
  it('resolves a retired ID through the redirects', async () => {
    const { server, seen } = await start();
    const result = await createClient({ baseUrl: server.url }).entry('0badc0de');
    expect(result).toMatchObject({ id: 'cccc0001', requestedId: '0badc0de', redirected: true, version: '1.1.0' });
    expect(result.entry.title).toBe('Magnesium overview');
    expect(requested(seen)).toContain('/1.1.0/entries/cccc0001.json 200');
    expect(seen.some((r) => r.url.includes('0badc0de'))).toBe(false);
  });

  it('rejects an ID the release does not know, without asking for it', async () => {
    const { server, seen } = await start();
    const error = await rejection(createClient({ baseUrl: server.url }).entry('ffffffff'));
    expect(error.code).toBe('unknown-entry');
    expect(error.message).toBe('release 1.1.0 has no entry ffffffff');
    expect(seen.some((r) => r.url.includes('entries'))).toBe(false);
  });

  it.each(['../../package', 'AAAA0001', 'aaaa000', 'aaaa00011', '%2e%2e%2fx', 'aaaa0001/../../latest', '..\\aaaa00', 'aaaa000\u0000', ''])(
    'rejects %j before any request',
    async (id) => {
      const { server, seen } = await start();
      const error = await rejection(createClient({ baseUrl: server.url }).entry(id));
      expect(error.code).toBe('invalid-id');
      expect(error.message).toMatch(/is not an entry ID \(8 lowercase hex digits\)$/);
      expect(seen).toEqual([]);
    },
  );
});

describe('createClient: pinning a version', () => {
  it('reads the pinned release and never latest.json', async () => {
    const { server, seen } = await start();
    const client = createClient({ baseUrl: server.url, version: '1.0.0' });
    const old = await client.entry('0badc0de');
    expect(old).toMatchObject({ id: '0badc0de', redirected: false, version: '1.0.0' });
    expect(old.entry.title).toBe('Magnesium overview (old)');
    expect((await client.entry('aaaa0001')).entry).toMatchObject({ overview: 'Stress and low magnesium feed each other.' });
    expect((await rejection(client.entry('cccc0001'))).code).toBe('unknown-entry');
    expect((await client.library()).library.entries).toHaveLength(3);
    expect(seen.some((r) => r.url === '/latest.json')).toBe(false);
    expect((await client.latest()).latest.version).toBe('1.1.0');
  });

  it('verifies a pinned manifest hash', async () => {
    const { server, fixture } = await start();
    const sha = fixture.releases['1.0.0'].manifestSha256;
    expect((await createClient({ baseUrl: server.url, version: '1.0.0', manifestSha256: sha }).manifest()).version).toBe('1.0.0');
    const wrong = fixture.releases['1.1.0'].manifestSha256;
    const error = await rejection(createClient({ baseUrl: server.url, version: '1.0.0', manifestSha256: wrong }).manifest());
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toBe(`1.0.0/manifest.json failed verification: expected sha256 ${wrong}, got ${sha}`);
  });

  it.each([
    [{ baseUrl: 'http://127.0.0.1:1/', version: '../1.0.0' }, /version "..\/1.0.0" is not a semantic version/],
    [{ baseUrl: 'http://127.0.0.1:1/', version: '1.0' }, /not a semantic version/],
    [{ baseUrl: 'ftp://example.org/' }, /not an http\(s\) URL/],
    [{ baseUrl: 'dist/' }, /not an absolute URL/],
    [{ baseUrl: 'http://127.0.0.1:1/?v=1' }, /must not have a query/],
    [{ baseUrl: 'http://127.0.0.1:1/', manifestSha256: 'a'.repeat(64) }, /needs a pinned version/],
  ])('refuses options %j', (options, message) => {
    expect(() => createClient(options)).toThrow(message);
  });
});

describe('createClient: integrity', () => {
  it('rejects an entry file changed after the manifest was written, naming the file and both hashes', async () => {
    const { server, fixture } = await start();
    const rel = '1.1.0/entries/aaaa0001.json';
    const good = fixture.bytes(rel);
    const bad = Buffer.from(good.toString().replace('the evidence is mixed', 'the evidence is clear'));
    expect(bad.length).toBe(good.length);
    fixture.corrupt(rel, bad);
    const error = await rejection(createClient({ baseUrl: server.url }).entry('aaaa0001'));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.code).toBe('integrity');
    expect(error.message).toBe(`${rel} failed verification: expected sha256 ${sha256(good)}, got ${sha256(bad)}`);
    expect(error).toMatchObject({ file: rel, expected: { sha256: sha256(good), size: good.length }, actual: { sha256: sha256(bad), size: bad.length } });
  });

  it('reports a size mismatch too', async () => {
    const { server, fixture } = await start();
    const good = fixture.bytes('1.1.0/library.json');
    fixture.corrupt('1.1.0/library.json', '{"formatVersion": 1, "version": "1.1.0", "entries": [], "redirects": {}}\n');
    const error = await rejection(createClient({ baseUrl: server.url }).library());
    expect(error.message).toMatch(new RegExp(`^1\\.1\\.0/library\\.json failed verification: expected sha256 ${sha256(good)}, got [0-9a-f]{64}; expected ${good.length} bytes, got 73$`));
  });

  it("rejects a manifest that does not match latest.json's manifestSha256", async () => {
    const { server, fixture } = await start();
    const manifest = fixture.bytes('1.1.0/manifest.json');
    const forged = Buffer.from(manifest.toString().replace(sha256(fixture.bytes('1.1.0/entries/aaaa0001.json')), sha256('forged')));
    fixture.corrupt('1.1.0/manifest.json', forged);
    const error = await rejection(createClient({ baseUrl: server.url }).entry('aaaa0001'));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toBe(`1.1.0/manifest.json failed verification: expected sha256 ${fixture.releases['1.1.0'].manifestSha256}, got ${sha256(forged)}`);
  });

  it('rejects a bad fresh copy even when a good one is cached, and keeps the good one', async () => {
    const { server, fixture, stop } = await start();
    const stale: StaleEvent[] = [];
    const client = createClient({ baseUrl: server.url, revalidateImmutable: true, onStale: (e) => stale.push(e) });
    const good = await client.manifest();
    fixture.corrupt('1.1.0/manifest.json', fixture.bytes('1.1.0/manifest.json').toString().replace('Stress and magnesium', 'Stress and MAGNESIUM'));
    expect(await rejection(client.manifest())).toBeInstanceOf(IntegrityError);
    await stop();
    expect(await client.manifest()).toEqual({ ...good, stale: true, staleReason: 'unavailable' });
  });

  it('serves a kept entry without asking again, while a client without it gets an IntegrityError for the altered file', async () => {
    const { server, fixture, seen } = await start();
    const client = createClient({ baseUrl: server.url });
    const good = await client.entry('aaaa0001');
    fixture.corrupt('1.1.0/entries/aaaa0001.json', fixture.bytes('1.1.0/entries/aaaa0001.json').toString().replace('mixed', 'MIXED'));
    seen.length = 0;
    expect(await client.entry('aaaa0001')).toEqual(good);
    expect(requested(seen)).toEqual(['/latest.json 304']);
    expect(await rejection(createClient({ baseUrl: server.url }).entry('aaaa0001'))).toBeInstanceOf(IntegrityError);
  });

  it('never serves a cached copy that fails verification', async () => {
    const { server, stop } = await start();
    const dir = tempDir();
    const { manifest } = await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).manifest();
    await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('aaaa0001');
    // Entries are kept by content hash.
    const entryFile = cacheFile(dir, `${server.url}.reflib-client/content/${manifest.entries.aaaa0001.contentHash}.json`);
    writeFileSync(entryFile, readFileSync(entryFile, 'utf8').replace('mixed', 'MIXED'));

    // Server up: the damaged copy is ignored and fetched again.
    const fresh = await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('aaaa0001');
    expect(fresh.entry).toMatchObject({ overview: expect.stringMatching(/mixed/) });
    writeFileSync(entryFile, readFileSync(entryFile, 'utf8').replace('mixed', 'MIXED'));

    // Server down: there is no good copy of that file, so it fails rather than serve the damaged one.
    await stop();
    const error = await rejection(createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('aaaa0001'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/1\.1\.0\/entries\/aaaa0001\.json: network error \(ECONNREFUSED\)$/);
  });
});

describe('createClient: endless data', () => {
  /** A server that answers 200 and never stops sending. */
  const endless: Handler = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const more = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', more);
    };
    res.write('{"formatVersion": 1, "pad": "');
    more();
  };

  it('cuts off a latest.json longer than 64 KiB: too-large with nothing cached, the last good copy otherwise', async () => {
    const { server, stop } = await start();
    const client = createClient({ baseUrl: server.url });
    const fresh = await client.manifest();
    await stop();
    await occupy(server.url, endless);
    expect(await client.manifest()).toEqual({ ...fresh, stale: true, staleReason: 'unavailable' });
    const error = await rejection(createClient({ baseUrl: server.url }).manifest());
    expect(error).toMatchObject({ code: 'too-large', details: { url: `${server.url}latest.json`, status: 200 } });
    expect(error.message).toBe(`GET ${server.url}latest.json: the reply is longer than 65536 bytes, the most this file may have`);
  });

  it('never downloads more of a release file than the manifest says it has', async () => {
    const { server, fixture } = await start();
    const size = fixture.bytes('1.1.0/entries/aaaa0001.json').length;
    fixture.corrupt('1.1.0/entries/aaaa0001.json', fixture.bytes('1.1.0/entries/aaaa0001.json').toString() + ' '.repeat(1_000_000));
    const error = await rejection(createClient({ baseUrl: server.url }).entry('aaaa0001'));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`GET ${server.url}1.1.0/entries/aaaa0001.json: the reply is longer than ${size} bytes, the most this file may have`);
  });
});

describe('createClient: when the server fails', () => {
  it.each([
    ['connection refused', undefined, /^network error \(ECONNREFUSED\)$/],
    ['HTTP 503', 'HTTP 503', /^HTTP 503$/],
    ['a timeout', 'hang', /^no complete reply within 300 ms$/],
  ] as const)('serves the last good copy on %s, flagged stale', async (_name, mode, reason) => {
    const { server, stop } = await start();
    const events: StaleEvent[] = [];
    const client = createClient({ baseUrl: server.url, httpTimeoutMs: 300, onStale: (e) => events.push(e) });
    const fresh = await client.entry('0badc0de');
    const library = await client.library();
    await stop();
    if (mode) await occupy(server.url, mode);

    expect(await client.entry('0badc0de')).toEqual({ ...fresh, stale: true, staleReason: 'unavailable' });
    expect(await client.library()).toEqual({ ...library, stale: true, staleReason: 'unavailable' });
    expect(await client.latest()).toMatchObject({ stale: true, staleReason: 'unavailable' });
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ file: 'latest.json', url: `${server.url}latest.json`, code: 'unavailable' });
    expect(events[0].reason).toMatch(reason);
  });

  it('does not fall back on a 404: the server answered', async () => {
    const { server, stop } = await start();
    const client = createClient({ baseUrl: server.url });
    await client.entry('aaaa0001');
    await stop();
    await occupy(server.url, 'HTTP 404');
    const error = await rejection(client.entry('aaaa0001'));
    expect(error).toMatchObject({ code: 'http', details: { status: 404 } });
  });

  it('fails plainly when nothing is cached', async () => {
    const { server, stop } = await start();
    await stop();
    const error = await rejection(createClient({ baseUrl: server.url }).entry('aaaa0001'));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`GET ${server.url}latest.json: network error (ECONNREFUSED)`);
  });

  it('keeps the last good copies on disk, for the next process', async () => {
    const { server, stop } = await start();
    const dir = path.join(tempDir(), 'nested');
    const fresh = await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('0badc0de');
    // latest.json, the manifest, the entry, and the record of the newest verified release.
    expect(readdirSync(dir).sort()).toHaveLength(4);
    expect(readdirSync(dir).every((f) => /^[0-9a-f]{64}\.cache$/.test(f))).toBe(true);
    await stop();
    const offline = await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('0badc0de');
    expect(offline).toEqual({ ...fresh, stale: true, staleReason: 'unavailable' });
  });
});

/** Rewrites the served latest.json to name `version`, with that release's manifest hash unless `sha` is given. */
function pointAt(fixture: DistFixture, version: string, sha = fixture.releases[version as '1.0.0' | '1.1.0']?.manifestSha256 ?? sha256(version)): void {
  fixture.corrupt('latest.json', canonicalJson({ formatVersion: 1, version, manifest: `${version}/manifest.json`, manifestSha256: sha }));
}

/** The file a createFileCache in `dir` keeps for `url`. */
const cacheFile = (dir: string, url: string) => path.join(dir, `${sha256(url)}.cache`);

describe('createClient: never back to an older release', () => {
  it.each([
    ['the same client, memory cache', false],
    ['a new client on the same file cache (a restart)', true],
  ] as const)('%s: latest.json naming an older release gets the newer one, flagged stale', async (_name, restart) => {
    const { server, fixture, seen } = await start();
    const dir = tempDir();
    const events: StaleEvent[] = [];
    const make = () => createClient({ baseUrl: server.url, onStale: (e) => events.push(e), ...(restart ? { cache: createFileCache(dir) } : {}) });
    const first = make();
    const fresh = await first.entry('aaaa0001');
    const library = await first.library();
    expect(fresh).toMatchObject({ version: '1.1.0', stale: false });

    pointAt(fixture, '1.0.0');
    seen.length = 0;
    const client = restart ? make() : first;
    expect(await client.entry('aaaa0001')).toEqual({ ...fresh, stale: true, staleReason: 'rollback' });
    expect(await client.library()).toEqual({ ...library, stale: true, staleReason: 'rollback' });
    expect(await client.latest()).toEqual({
      latest: { formatVersion: 1, version: '1.1.0', manifest: '1.1.0/manifest.json', manifestSha256: fixture.releases['1.1.0'].manifestSha256 },
      stale: true,
      staleReason: 'rollback',
      signed: false,
    });
    // It asked for latest.json, and nothing of 1.0.0.
    expect(seen.filter((r) => r.url.startsWith('/1.0.0/'))).toEqual([]);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ file: 'latest.json', url: `${server.url}latest.json`, code: 'rollback', latestVersion: '1.0.0', verifiedVersion: '1.1.0' });
    expect(events[0].reason).toBe('latest.json names release 1.0.0, older than 1.1.0, the newest release this client has verified');
  });

  it('refuses the same version with another manifest: a release never changes', async () => {
    const { server, fixture, seen } = await start();
    const client = createClient({ baseUrl: server.url, cache: createFileCache(tempDir()) });
    const fresh = await client.entry('aaaa0001');
    // A rebuilt 1.1.0: another manifest, and a latest.json that vouches for it.
    const rebuilt = Buffer.from(fixture.bytes('1.1.0/manifest.json').toString().replace('2026-11-23T18:38:27Z', '2026-12-01T00:00:00Z'));
    fixture.corrupt('1.1.0/manifest.json', rebuilt);
    pointAt(fixture, '1.1.0', sha256(rebuilt));
    seen.length = 0;
    // A client that has verified nothing yet follows the server.
    expect((await createClient({ baseUrl: server.url }).manifest()).manifest.created).toBe('2026-12-01T00:00:00Z');
    expect(await client.entry('aaaa0001')).toEqual({ ...fresh, stale: true, staleReason: 'rollback' });
    expect(requested(seen).filter((r) => r.startsWith('/1.1.0/manifest.json'))).toEqual(['/1.1.0/manifest.json 200']);
  });

  it('names both versions in the event for a changed manifest', async () => {
    const { server, fixture } = await start();
    const events: StaleEvent[] = [];
    const client = createClient({ baseUrl: server.url, onStale: (e) => events.push(e) });
    await client.manifest();
    pointAt(fixture, '1.1.0', sha256('another manifest'));
    expect(await client.manifest()).toMatchObject({ version: '1.1.0', stale: true, staleReason: 'rollback' });
    expect(events.map((e) => [e.code, e.reason])).toEqual([
      ['rollback', `latest.json names release 1.1.0 with manifest sha256 ${sha256('another manifest')}, but this client verified 1.1.0 with ${fixture.releases['1.1.0'].manifestSha256}; a release never changes`],
    ]);
  });

  it('fetches the newer release from the server, verified, when only its record survives in the cache', async () => {
    const { server, fixture, seen } = await start();
    const dir = tempDir();
    const fresh = await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('aaaa0001');
    const { contentHash } = JSON.parse(fixture.bytes('1.1.0/manifest.json').toString()).entries.aaaa0001;
    for (const file of ['1.1.0/manifest.json', `.reflib-client/content/${contentHash}.json`]) rmSync(cacheFile(dir, `${server.url}${file}`));
    pointAt(fixture, '1.0.0');
    seen.length = 0;
    expect(await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('aaaa0001')).toEqual({ ...fresh, stale: true, staleReason: 'rollback' });
    expect(requested(seen)).toEqual(['/latest.json 200', '/1.1.0/manifest.json 200', '/1.1.0/entries/aaaa0001.json 200']);
  });

  it('throws a rollback error naming both versions when the newer release can be had neither from the cache nor the server', async () => {
    const { server, fixture } = await start();
    const dir = tempDir();
    await createClient({ baseUrl: server.url, cache: createFileCache(dir) }).entry('aaaa0001');
    rmSync(cacheFile(dir, `${server.url}1.1.0/manifest.json`));
    rmSync(path.join(fixture.dist, '1.1.0'), { recursive: true });
    pointAt(fixture, '1.0.0');
    const client = createClient({ baseUrl: server.url, cache: createFileCache(dir) });
    const error = await rejection(client.entry('aaaa0001'));
    expect(error).toMatchObject({ code: 'rollback', details: { url: `${server.url}latest.json`, latestVersion: '1.0.0', verifiedVersion: '1.1.0' } });
    expect(error.message).toBe(
      `latest.json names release 1.0.0, older than 1.1.0, the newest release this client has verified, and 1.1.0 is neither cached nor available (GET ${server.url}1.1.0/manifest.json: HTTP 404)`,
    );
    // latest() itself still says which release is the newest known, flagged stale.
    expect(await client.latest()).toMatchObject({ latest: { version: '1.1.0' }, stale: true, staleReason: 'rollback' });
  });

  it('moves forward freely, and a latest.json naming a release that does not exist blocks nothing', async () => {
    const { server, fixture } = await start();
    pointAt(fixture, '1.0.0');
    const client = createClient({ baseUrl: server.url });
    expect(await client.manifest()).toMatchObject({ version: '1.0.0', stale: false });
    pointAt(fixture, '1.1.0');
    expect(await client.manifest()).toMatchObject({ version: '1.1.0', stale: false });
    pointAt(fixture, '9.9.9');
    expect(await rejection(client.manifest())).toMatchObject({ code: 'http', details: { status: 404 } });
    pointAt(fixture, '1.1.0');
    expect(await client.manifest()).toMatchObject({ version: '1.1.0', stale: false });
    pointAt(fixture, '1.0.0');
    expect(await client.manifest()).toMatchObject({ version: '1.1.0', stale: true, staleReason: 'rollback' });
  });

  it('lets a pinned version be older than the newest verified release: the app chose it', async () => {
    const { server } = await start();
    const cache = createMemoryCache();
    await createClient({ baseUrl: server.url, cache }).entry('aaaa0001');
    const pinned = createClient({ baseUrl: server.url, cache, version: '1.0.0' });
    expect(await pinned.entry('aaaa0001')).toMatchObject({ version: '1.0.0', stale: false });
    expect((await pinned.manifest()).staleReason).toBeUndefined();
  });
});

describe('createClient: a 200 reply that is not JSON', () => {
  const portal: Handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body><form>Sign in to Station WiFi</form></body></html>');
  const empty: Handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end();
  /** The real file, cut in half (a dropped connection behind a proxy that still said 200). */
  const truncated = (fixture: DistFixture): Handler => (req, res) => {
    const bytes = fixture.bytes(req.url!.slice(1));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(bytes.subarray(0, bytes.length >> 1));
  };

  it.each([
    ['a captive portal', () => portal, /^HTTP 200 whose body is not JSON \(text\/html; charset=utf-8\)$/],
    ['truncated JSON', truncated, /^HTTP 200 whose body is not JSON \(application\/json\)$/],
    ['an empty body', () => empty, /^HTTP 200 whose body is not JSON \(application\/json\)$/],
  ] as const)('%s: serves the last good copy of every file, flagged stale, as for a 5xx', async (_name, handler, reason) => {
    const { server, fixture, stop } = await start();
    const events: StaleEvent[] = [];
    // revalidateImmutable, so the manifest and the entry are asked for too.
    const client = createClient({ baseUrl: server.url, revalidateImmutable: true, onStale: (e) => events.push(e) });
    const fresh = await client.entry('aaaa0001');
    await stop();
    await occupy(server.url, handler(fixture));
    expect(await client.entry('aaaa0001')).toEqual({ ...fresh, stale: true, staleReason: 'unavailable' });
    // The entry itself is kept by content hash and never asked for again.
    expect(events.map((e) => [e.file, e.code])).toEqual([
      ['latest.json', 'unavailable'],
      ['1.1.0/manifest.json', 'unavailable'],
    ]);
    for (const e of events) expect(e.reason).toMatch(reason);
  });

  it('with the default settings, only latest.json is asked for, and it falls back', async () => {
    const { server, stop } = await start();
    const client = createClient({ baseUrl: server.url });
    const library = await client.library();
    await stop();
    await occupy(server.url, portal);
    expect(await client.library()).toEqual({ ...library, stale: true, staleReason: 'unavailable' });
    expect(await client.latest()).toMatchObject({ latest: { version: '1.1.0' }, stale: true, staleReason: 'unavailable' });
  });

  it.each([
    ['a captive portal', portal, 'HTTP 200 whose body is not JSON (text/html; charset=utf-8)'],
    ['an empty body', empty, 'HTTP 200 whose body is not JSON (application/json)'],
  ])('%s with nothing cached: a not-json ClientError', async (_name, handler, reason) => {
    const { server, stop } = await start();
    await stop();
    await occupy(server.url, handler);
    const error = await rejection(createClient({ baseUrl: server.url }).entry('aaaa0001'));
    expect(error).toMatchObject({ code: 'not-json', details: { url: `${server.url}latest.json`, status: 200 } });
    expect(error.message).toBe(`GET ${server.url}latest.json: ${reason}`);
  });

  it('JSON in another format is still refused, not papered over with the cache', async () => {
    const { server, stop } = await start();
    const client = createClient({ baseUrl: server.url });
    await client.entry('aaaa0001');
    await stop();
    await occupy(server.url, (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"formatVersion": 2}'));
    const error = await rejection(client.entry('aaaa0001'));
    expect(error.code).toBe('format');
  });
});

describe('caches', () => {
  it.each([
    ['memory', () => createMemoryCache()],
    ['file', () => createFileCache(path.join(tempDir(), 'c'))],
  ])('%s: stores copies by key, with or without an ETag, and misses unknown keys', async (_name, make) => {
    const cache = make();
    expect(await cache.get('http://x/a')).toBeUndefined();
    const body = new Uint8Array([1, 2, 10, 3]);
    await cache.set('http://x/a', { etag: '"a"', body });
    await cache.set('http://x/b', { body: new Uint8Array() });
    body[0] = 99;
    expect(await cache.get('http://x/a')).toEqual({ etag: '"a"', body: new Uint8Array([1, 2, 10, 3]) });
    expect(await cache.get('http://x/b')).toEqual({ body: new Uint8Array() });
    await cache.set('http://x/a', { etag: '"a2"', body: new Uint8Array([4]) });
    expect(await cache.get('http://x/a')).toEqual({ etag: '"a2"', body: new Uint8Array([4]) });
  });

  it('file: reads a damaged file as a miss and leaves no temporary files', async () => {
    const dir = tempDir();
    const cache = createFileCache(dir);
    await cache.set('k', { body: new Uint8Array([1]) });
    const [file] = readdirSync(dir);
    expect(readdirSync(dir)).toEqual([file]);
    writeFileSync(path.join(dir, file), 'no header line');
    expect(await cache.get('k')).toBeUndefined();
    writeFileSync(path.join(dir, file), '{"key":"other"}\n\u0001');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('file: removes the temporaries a killed app left, on its first write, and nothing else', async () => {
    const dir = tempDir();
    // What kill -9 mid-write leaves (no process has this PID), beside a file of the app's own.
    writeFileSync(path.join(dir, `.${'a'.repeat(64)}.cache.tmp-999999999-0123456789ab`), 'half');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const cache = createFileCache(dir);
    await cache.set('k', { body: new Uint8Array([1]) });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
