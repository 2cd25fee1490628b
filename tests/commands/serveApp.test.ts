/**
 * `reflib serve` beside the releases: latest.signed.json, the browser build
 * of the client at /_reflib/client.mjs and the reader page at
 * /_reflib/reader/, from a package folder (a fixture here, and the real
 * package once), with the same path-safety rules as dist/.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../scripts/commands/serve';
import { findPackageRoot, READER_CSP } from '../../scripts/commands/serve/appFiles';
import { serveCommand } from '../../scripts/commands/serve/command';
import { makeLibrary, REPO } from '../support/fixtures';

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends `target` verbatim (no normalising of `..`), never decompresses. */
function raw(server: RunningServer, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawReply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: target, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SECRET = 'SECRET-OUTSIDE-THE-SERVED-FOLDERS';
const CLIENT = `/*! a fixture client */\nexport const createClient = () => ${JSON.stringify('x'.repeat(2000))};\n`;
const SIGNED = '{"signatures":[],"signed":{"version":"1.0.0"}}\n';

/** A library with a one-release dist/ (and latest.signed.json), and a package folder with the reader, the client build and traps. */
function makeFixture() {
  const root = makeLibrary({
    'library/dist/latest.json': '{"version":"1.0.0"}\n',
    'library/dist/latest.signed.json': SIGNED,
    'library/dist/1.0.0/manifest.json': '{}\n',
    'library/dist/1.0.0/page.html': '<p>not the reader</p>\n',
    'package/package.json': `{"name":"reflib","secret":"${SECRET}"}\n`,
    'package/lib/browser/client.mjs': CLIENT,
    'package/lib/browser/client.mjs.map': '{"version":3,"sources":[]}\n',
    'package/lib/browser/client.d.mts': 'export {};\n',
    'package/lib/index.js': `// ${SECRET}\n`,
    'package/examples/reader/index.html': '<!doctype html><html lang="en"><title>reader</title></html>\n',
    'package/examples/reader/reader.js': 'export {};\n',
    'package/examples/reader/reader.css': 'body { margin: 0 }\n',
    'package/examples/reader/config.js': 'export const PUBLIC_KEYS = [];\n',
    'package/examples/reader/.env': `${SECRET}\n`,
    'package/examples/reader/notes/readme.txt': 'a nested file\n',
    'package/examples/other/index.html': `${SECRET}\n`,
    'package/secret.txt': `${SECRET}\n`,
  });
  const reader = path.join(root, 'package/examples/reader');
  symlinkSync(path.join(root, 'package/secret.txt'), path.join(reader, 'leak.txt'));
  symlinkSync(path.join(root, 'package/examples/other'), path.join(reader, 'other'));
  symlinkSync('reader.css', path.join(reader, 'alias.css'));
  symlinkSync('.env', path.join(reader, 'env.txt'));
  return { root, library: path.join(root, 'library'), packageRoot: path.join(root, 'package') };
}

let fixture: ReturnType<typeof makeFixture>;
let server: RunningServer;

beforeAll(async () => {
  fixture = makeFixture();
  server = await serve({ cwd: fixture.library, port: 0, packageRoot: fixture.packageRoot });
});

afterAll(async () => {
  await server?.close();
  if (fixture) rmSync(fixture.root, { recursive: true, force: true });
});

describe('serve: latest.signed.json', () => {
  it('is served from the top of dist/ like latest.json: JSON, no-cache, an ETag', async () => {
    const r = await raw(server, '/latest.signed.json');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe(SIGNED);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(r.headers['content-security-policy']).toBeUndefined();
  });

  it('is a 404 when the release is not signed', async () => {
    const root = makeLibrary({ 'dist/latest.json': '{}\n' });
    const other = await serve({ cwd: root, port: 0, packageRoot: fixture.packageRoot });
    try {
      expect((await raw(other, '/latest.signed.json')).status).toBe(404);
      expect((await raw(other, '/latest.json')).status).toBe(200);
    } finally {
      await other.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each(['/1.0.0/latest.signed.json', '/latest.signed.json.bak', '/.latest.signed.json'])('%s is a 404', async (target) => {
    expect((await raw(server, target)).status).toBe(404);
  });
});

describe('serve: the client build and the reader page under /_reflib/', () => {
  it('serves the client build as JavaScript, no-cache, gzipped when asked, and its source map as JSON', async () => {
    const r = await raw(server, '/_reflib/client.mjs', { 'Accept-Encoding': 'gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toBe(CLIENT);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    const again = await raw(server, '/_reflib/client.mjs', { 'Accept-Encoding': 'gzip', 'If-None-Match': r.headers.etag! });
    expect(again.status).toBe(304);
    const map = await raw(server, '/_reflib/client.mjs.map');
    expect([map.status, map.headers['content-type']]).toEqual([200, 'application/json; charset=utf-8']);
  });

  it('serves the reader folder as its index.html, with a content security policy', async () => {
    const r = await raw(server, '/_reflib/reader/?entry=033c7bbb&key=ed25519%3Aabc');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe(readFileSync(path.join(fixture.packageRoot, 'examples/reader/index.html'), 'utf8'));
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-security-policy']).toBe(READER_CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(server, '/_reflib/reader/index.html')).body.equals(r.body)).toBe(true);
  });

  it('redirects the folder without its slash, keeping the query', async () => {
    const r = await raw(server, '/_reflib/reader?entry=033c7bbb');
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe('/_reflib/reader/?entry=033c7bbb');
    expect(r.body.length).toBe(0);
  });

  it.each([
    ['/_reflib/reader/reader.js', 'text/javascript; charset=utf-8'],
    ['/_reflib/reader/config.js', 'text/javascript; charset=utf-8'],
    ['/_reflib/reader/reader.css', 'text/css; charset=utf-8'],
    ['/_reflib/reader/alias.css', 'text/css; charset=utf-8'],
    ['/_reflib/reader/notes/readme.txt', 'text/plain; charset=utf-8'],
  ])('serves %s as %s, without the HTML policy', async (target, type) => {
    const r = await raw(server, target);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
    expect(r.headers['content-security-policy']).toBeUndefined();
  });

  it.each([
    ['a dot file', '/_reflib/reader/.env'],
    ['a symlink to a dot file', '/_reflib/reader/env.txt'],
    ['a symlink to a file outside', '/_reflib/reader/leak.txt'],
    ['a symlink to a folder outside', '/_reflib/reader/other/index.html'],
    ['dot-dot', '/_reflib/reader/../../secret.txt'],
    ['dot-dot to the package', '/_reflib/../package.json'],
    ['encoded dots', '/_reflib/reader/%2e%2e/other/index.html'],
    ['encoded slashes', '/_reflib/reader/..%2f..%2fsecret.txt'],
    ['double-encoded', '/_reflib/reader/%252e%252e/other/index.html'],
    ['backslashes', '/_reflib/reader/..\\..\\secret.txt'],
    ['NUL byte', '/_reflib/reader/index.html%00.css'],
    ['empty segment', '/_reflib/reader//index.html'],
    ['two trailing slashes', '/_reflib/reader//'],
    ['a nested folder (no listings)', '/_reflib/reader/notes/'],
    ['a nested folder, no slash', '/_reflib/reader/notes'],
    ['the /_reflib/ folder', '/_reflib/'],
    ['/_reflib', '/_reflib'],
    ['a file as a folder', '/_reflib/reader/index.html/'],
    ['another file of lib/browser', '/_reflib/client.d.mts'],
    ['lib/ by path', '/_reflib/lib/index.js'],
    ['the client in a folder', '/_reflib/client.mjs/'],
    ['another example', '/_reflib/other/index.html'],
    ['a missing file', '/_reflib/reader/missing.js'],
    ['the reader at the top', '/reader/'],
    ['a release file as a folder', '/1.0.0/'],
  ])('%s: %s is a plain 404', async (_name, target) => {
    const r = await raw(server, target);
    expect(r.status).toBe(404);
    expect(r.body.toString()).toBe('Not Found\n');
    expect(r.headers.etag).toBeUndefined();
  });

  it('serves HTML inside a release folder as before: not as a page, and without the policy', async () => {
    const r = await raw(server, '/1.0.0/page.html');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['content-security-policy']).toBeUndefined();
  });

  it('control: the files the traps lead to exist', () => {
    expect(readFileSync(path.join(fixture.packageRoot, 'examples/reader/leak.txt'), 'utf8')).toContain(SECRET);
    expect(readFileSync(path.join(fixture.packageRoot, 'examples/reader/.env'), 'utf8')).toContain(SECRET);
  });

  it('reports the reader URL, and nothing missing', () => {
    expect(server.readerUrl).toBe(`${server.url}_reflib/reader/`);
    expect(server.readerProblem).toBeUndefined();
  });
});

describe('serve: a package without the client build', () => {
  it('answers 404 for /_reflib/client.mjs and says to run npm run compile', async () => {
    const root = makeLibrary({
      'dist/latest.json': '{}\n',
      'package/package.json': '{"name":"reflib"}\n',
      'package/examples/reader/index.html': '<!doctype html>\n',
    });
    const other = await serve({ cwd: root, port: 0, packageRoot: path.join(root, 'package') });
    try {
      expect(other.readerProblem).toMatch(/^lib\/browser\/client\.mjs is missing: run npm run compile/);
      expect((await raw(other, '/_reflib/client.mjs')).status).toBe(404);
      expect((await raw(other, '/_reflib/reader/')).status).toBe(200);
    } finally {
      await other.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('serve: the real package', () => {
  it('finds the package root from the module, and serves the real reader page', async () => {
    expect(findPackageRoot()).toBe(REPO);
    const root = makeLibrary({ 'dist/latest.json': '{}\n' });
    const other = await serve({ cwd: root, port: 0 });
    try {
      for (const file of ['index.html', 'reader.js', 'render.js', 'config.js', 'reader.css']) {
        const r = await raw(other, `/_reflib/reader/${file === 'index.html' ? '' : file}`);
        expect(r.status, file).toBe(200);
        expect(r.body.equals(readFileSync(path.join(REPO, 'examples/reader', file))), file).toBe(true);
      }
    } finally {
      await other.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reflib serve prints the one Serving line on stdout and the reader URL on stderr', async () => {
    const root = makeLibrary({ 'dist/latest.json': '{}\n' });
    mkdirSync(path.join(root, 'entries'));
    writeFileSync(path.join(root, 'entries/.keep'), '');
    const out: string[] = [];
    const err: string[] = [];
    try {
      const code = await serveCommand.run(
        { values: { port: '0' }, positionals: [] },
        { cwd: root, out: (t) => out.push(t), err: (t) => err.push(t), errIsTTY: false, color: false, untilStopped: async () => undefined },
      );
      expect(code).toBe(0);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatch(/^Serving .*dist at (http:\/\/127\.0\.0\.1:\d+\/)\n$/);
      const url = /at (\S+)\n$/.exec(out[0])![1];
      expect(err.join('')).toMatch(new RegExp(`^Reader page: ${url.replace(/[.]/g, '\\.')}_reflib/reader/( \\(not working yet: .*\\))?\\n$`));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
