import { mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, parsePort, serve, type RequestRecord, type RunningServer } from '../../scripts/commands/serve';
import { UsageError } from '../../scripts/core/usageError';
import { makeLibrary as makeLibraryIn } from '../support/fixtures';
import { makeDist, SECRET, sha256, type DistFixture } from '../support/makeDist';

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends `target` verbatim as the request target (no normalising of `..`), and never decompresses. */
function raw(server: RunningServer, target: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawReply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: target, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Folders made by a test, removed after it. */
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const makeLibrary = (files: Record<string, string>): string => {
  const root = makeLibraryIn(files);
  made.push(root);
  return root;
};

let fixture: DistFixture;
let server: RunningServer;
const seen: RequestRecord[] = [];

beforeAll(async () => {
  fixture = makeDist();
  // A symlink to a file outside dist/, one to a folder outside, and one that stays inside.
  symlinkSync(path.join(fixture.root, 'secret.json'), path.join(fixture.dist, '1.0.0/leak.json'));
  symlinkSync(fixture.root, path.join(fixture.dist, '1.0.0/up'));
  symlinkSync('library.json', path.join(fixture.dist, '1.0.0/alias.json'));
  server = await serve({ cwd: fixture.root, port: 0, onRequest: (r) => seen.push(r) });
});

afterAll(async () => {
  await server?.close();
  if (fixture) rmSync(fixture.root, { recursive: true, force: true });
});

describe('serve: files', () => {
  it('listens on 127.0.0.1 on a free port and reports its URL and folder', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toBe('http://127.0.0.1:0/');
    expect(server.dir).toBe(realpathSync(fixture.dist));
  });

  it('serves latest.json as JSON with no-cache, a strong sha256 ETag, CORS and its exact bytes', async () => {
    const r = await raw(server, '/latest.json');
    const bytes = fixture.bytes('latest.json');
    expect(r.status).toBe(200);
    expect(r.body.equals(bytes)).toBe(true);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers.etag).toBe(`"${sha256(bytes)}"`);
    expect(r.headers['content-length']).toBe(String(bytes.length));
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-expose-headers']).toBe('ETag');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['/1.1.0/manifest.json', 'application/json; charset=utf-8'],
    ['/1.1.0/entries/aaaa0001.json', 'application/json; charset=utf-8'],
    ['/1.0.0/CHANGELOG.md', 'text/markdown; charset=utf-8'],
  ])('serves %s as %s, cached as immutable', async (target, type) => {
    const r = await raw(server, target);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.body.equals(fixture.bytes(target.slice(1)))).toBe(true);
  });

  it('ignores a query string', async () => {
    const r = await raw(server, '/1.1.0/index.json?x=1');
    expect(r.status).toBe(200);
    expect(r.body.equals(fixture.bytes('1.1.0/index.json'))).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const r = await raw(server, '/1.1.0/library.json', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
    expect(r.headers['content-length']).toBe(String(fixture.bytes('1.1.0/library.json').length));
    expect(r.headers.etag).toBe(`"${sha256(fixture.bytes('1.1.0/library.json'))}"`);
  });

  it('follows a symlink that stays inside dist/', async () => {
    const r = await raw(server, '/1.0.0/alias.json');
    expect(r.status).toBe(200);
    expect(r.body.equals(fixture.bytes('1.0.0/library.json'))).toBe(true);
  });
});

describe('serve: conditional requests', () => {
  it('answers a matching If-None-Match with 304 and no body, a stale one with 200', async () => {
    const first = await raw(server, '/1.1.0/library.json');
    const etag = first.headers.etag!;
    const again = await raw(server, '/1.1.0/library.json', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/1.1.0/library.json', status: 304, ifNoneMatch: etag });

    expect((await raw(server, '/1.1.0/library.json', { headers: { 'If-None-Match': `"${'0'.repeat(64)}"` } })).status).toBe(200);
  });

  it('compares weakly and accepts a list of tags, or *', async () => {
    const etag = (await raw(server, '/latest.json')).headers.etag!;
    expect((await raw(server, '/latest.json', { headers: { 'If-None-Match': `"nope", W/${etag}` } })).status).toBe(304);
    expect((await raw(server, '/latest.json', { headers: { 'If-None-Match': '*' } })).status).toBe(304);
  });
});

describe('serve: gzip', () => {
  it('gzips when asked, varies on Accept-Encoding, and tags the gzip representation apart', async () => {
    const bytes = fixture.bytes('1.1.0/library.json');
    const r = await raw(server, '/1.1.0/library.json', { headers: { 'Accept-Encoding': 'br, gzip;q=0.8' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers.etag).toBe(`"${sha256(bytes)}-gzip"`);
    expect(r.body.length).toBeLessThan(bytes.length);
    expect(gunzipSync(r.body).equals(bytes)).toBe(true);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);

    const again = await raw(server, '/1.1.0/library.json', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': r.headers.etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(r.headers.etag);
    expect(again.headers.vary).toBe('Accept-Encoding');
  });

  it('sends identity when gzip is refused or not mentioned', async () => {
    for (const header of ['gzip;q=0', 'identity', 'br']) {
      const r = await raw(server, '/1.1.0/library.json', { headers: { 'Accept-Encoding': header } });
      expect(r.headers['content-encoding'], header).toBeUndefined();
      expect(r.headers.etag, header).toBe(`"${sha256(fixture.bytes('1.1.0/library.json'))}"`);
    }
  });

  it.each([
    [undefined, false],
    ['gzip', true],
    ['GZIP', true],
    ['x-gzip', true],
    ['deflate, gzip;q=0.5', true],
    ['gzip;q=0', false],
    ['gzip; q=0.0', false],
    ['*', true],
    ['*;q=0', false],
    ['*, gzip;q=0', false],
    ['br, deflate', false],
  ])('acceptsGzip(%j) is %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('serve: CORS and methods', () => {
  it('answers an OPTIONS preflight with 204 and the allowed methods and headers', async () => {
    const r = await raw(server, '/1.1.0/library.json', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    expect(r.status).toBe(204);
    expect(r.body.length).toBe(0);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(r.headers['access-control-allow-headers']).toMatch(/If-None-Match/);
    expect(r.headers['access-control-max-age']).toBe('86400');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s with 405 and an Allow header', async (method) => {
    const r = await raw(server, '/latest.json', { method });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(r.body.toString()).toBe('Method Not Allowed\n');
  });

  it('sends CORS headers with a 404 too, so a browser app can see it', async () => {
    const r = await raw(server, '/9.9.9/manifest.json');
    expect(r.status).toBe(404);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body.toString()).toBe('Not Found\n');
  });
});

describe('serve: nothing outside dist/', () => {
  it.each([
    ['dot-dot', '/../package.json'],
    ['dot-dot deeper', '/1.0.0/../../package.json'],
    ['dot-dot that stays inside', '/1.0.0/../latest.json'],
    ['encoded dots', '/%2e%2e/package.json'],
    ['encoded dots, upper case', '/%2E%2E/package.json'],
    ['encoded slashes', '/1.0.0/..%2f..%2fpackage.json'],
    ['all encoded', '/1.0.0/%2e%2e%2f%2e%2e%2fpackage.json'],
    ['double-encoded dots', '/%252e%252e/package.json'],
    ['double-encoded slashes', '/1.0.0/%252e%252e%252f%252e%252e%252fpackage.json'],
    ['overlong UTF-8 dot', '/%c0%ae%c0%ae/package.json'],
    ['backslashes', '/..\\package.json'],
    ['backslashes deeper', '/1.0.0\\..\\..\\package.json'],
    ['encoded backslashes', '/%5c..%5cpackage.json'],
    ['NUL byte', '/latest.json%00.md'],
    ['NUL byte alone', '/%00'],
    ['empty segment (absolute path)', '//etc/passwd'],
    ['encoded absolute path', '/%2fetc%2fpasswd'],
    ['Windows drive', '/C:%5cWindows%5cwin.ini'],
    ['absolute-form target', 'http://127.0.0.1/../package.json'],
    ['symlink to a file outside', '/1.0.0/leak.json'],
    ['symlink to a folder outside', '/1.0.0/up/package.json'],
    ['the root folder', '/'],
    ['a release folder', '/1.0.0'],
    ['a release folder, slash', '/1.0.0/'],
    ['the entries folder', '/1.0.0/entries'],
    ['a dot file', '/.latest.json'],
    ['a missing file', '/1.0.0/entries/ffffffff.json'],
  ])('%s: %s is a plain 404', async (_name, target) => {
    const r = await raw(server, target);
    expect(r.status).toBe(404);
    expect(r.body.toString()).toBe('Not Found\n');
    expect(r.headers.etag).toBeUndefined();
  });

  it('never leaks the files beside dist/ (control: they exist and hold the marker)', () => {
    expect(readFileSync(path.join(fixture.root, 'package.json'), 'utf8')).toContain(SECRET);
    expect(readFileSync(path.join(fixture.root, 'secret.json'), 'utf8')).toContain(SECRET);
  });
});

describe('serve: releases and latest.json only', () => {
  let strays: DistFixture;
  let other: RunningServer;

  beforeAll(async () => {
    strays = makeDist();
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(strays.dist, rel)), { recursive: true });
      writeFileSync(path.join(strays.dist, rel), text);
    };
    // What `reflib report` writes (drafts and findings), and other things that are not releases.
    put('report/index.html', '<h1>QA report: 3 drafts, 2 findings</h1>\n');
    put('report/entries/aaaa0001.html', '<p>draft</p>\n');
    put('report/graph.html', '<svg></svg>\n');
    put('report/latest.json', '{}\n');
    put('notes.txt', 'release notes in progress\n');
    put('index.json', '{}\n');
    put('latest.json.bak', '{}\n');
    put('manifest.json', '{}\n');
    put('1.2/manifest.json', '{}\n');
    put('v1.1.0/manifest.json', '{}\n');
    put('01.1.0/manifest.json', '{}\n');
    put('1.1.0-rc.1/manifest.json', '{}\n');
    put('drafts/1.1.0/manifest.json', '{}\n');
    // Release-looking names that lead into the report.
    symlinkSync('report', path.join(strays.dist, '2.0.0'));
    symlinkSync('../report', path.join(strays.dist, '1.1.0/qa'));
    symlinkSync('../report/index.html', path.join(strays.dist, '1.1.0/report.html'));
    // One that stays inside the releases.
    symlinkSync('1.1.0', path.join(strays.dist, '1.1.1'));
    other = await serve({ cwd: strays.root, port: 0 });
  });

  afterAll(async () => {
    await other?.close();
    if (strays) rmSync(strays.root, { recursive: true, force: true });
  });

  it.each([
    '/report/index.html',
    '/report/entries/aaaa0001.html',
    '/report/graph.html',
    '/report/latest.json',
    '/report',
    '/notes.txt',
    '/index.json',
    '/latest.json.bak',
    '/manifest.json',
    '/1.2/manifest.json',
    '/v1.1.0/manifest.json',
    '/01.1.0/manifest.json',
    '/1.1.0-rc.1/manifest.json',
    '/drafts/1.1.0/manifest.json',
    '/2.0.0/index.html',
    '/1.1.0/qa/index.html',
    '/1.1.0/report.html',
  ])('%s is a plain 404, for GET and HEAD', async (target) => {
    for (const method of ['GET', 'HEAD']) {
      const r = await raw(other, target, { method });
      expect(r.status, method).toBe(404);
      expect(r.headers.etag, method).toBeUndefined();
    }
    expect((await raw(other, target)).body.toString()).toBe('Not Found\n');
  });

  it.each(['/latest.json', '/1.0.0/manifest.json', '/1.1.0/library.json', '/1.1.0/entries/aaaa0001.json', '/1.0.0/CHANGELOG.md', '/1.1.1/index.json'])('%s is served', async (target) => {
    const r = await raw(other, target);
    expect(r.status).toBe(200);
    expect(r.body.equals(strays.bytes(target === '/1.1.1/index.json' ? '1.1.0/index.json' : target.slice(1)))).toBe(true);
  });

  it('control: the stray files exist', () => {
    expect(readFileSync(path.join(strays.dist, 'report/index.html'), 'utf8')).toContain('drafts');
    expect(readFileSync(path.join(strays.dist, '1.1.0/qa/index.html'), 'utf8')).toContain('drafts');
  });
});

describe('serve: starting', () => {
  it('says to build first when there is no dist/ folder', async () => {
    const root = makeLibrary({ 'entries/.keep': '' });
    const failure = serve({ cwd: root, port: 0 });
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow('no dist/ folder: run reflib build first');
  });

  it('treats a file named dist as no dist/ folder', async () => {
    const root = makeLibrary({ dist: 'not a folder' });
    await expect(serve({ cwd: root, port: 0 })).rejects.toThrow('no dist/ folder: run reflib build first');
  });

  it('serves another folder with dir, relative to cwd', async () => {
    const root = makeLibrary({ 'out/latest.json': '{}\n' });
    mkdirSync(path.join(root, 'dist'));
    const other = await serve({ cwd: root, dir: 'out', port: 0 });
    try {
      expect((await raw(other, '/latest.json')).body.toString()).toBe('{}\n');
    } finally {
      await other.close();
    }
  });

  it('says so when the port is taken', async () => {
    const port = Number(new URL(server.url).port);
    await expect(serve({ cwd: fixture.root, port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('stops listening on close', async () => {
    const other = await serve({ cwd: fixture.root, port: 0 });
    expect((await raw(other, '/latest.json')).status).toBe(200);
    await other.close();
    await expect(raw(other, '/latest.json')).rejects.toThrow(/ECONNREFUSED/);
  });

  it.each([
    ['8080', 8080],
    ['0', 0],
    [undefined, undefined],
  ])('parsePort(%j) is %j', (value, expected) => {
    expect(parsePort(value)).toBe(expected);
  });

  it.each(['-1', '65536', '80.5', 'http', '', '0x50'])('parsePort(%j) is a usage error', (value) => {
    expect(() => parsePort(value)).toThrow(UsageError);
  });
});
