/**
 * The package as an app gets it: `npm pack` the repository (lib/ is compiled
 * by vitest's global set-up), install the tarball into a fresh folder outside
 * the repository, and use the client there from CommonJS, from ESM, from the
 * browser bundle and from TypeScript, with plain `node` and the repository's
 * own tsc: no ts-node, nothing from the repository on the path.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyInfo, signingTimes, signLatest } from '../../scripts/release/signLatest';
import { serve, type RunningServer } from '../../scripts/commands/serve';
import { REPO, runAsync, type CliResult } from '../support/fixtures';
import { chromiumPath } from '../support/chromiumPath';
import { makeDist, type DistFixture } from '../support/makeDist';

const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');

/** The environment for a child npm: without what an `npm test` or `npx` above us set for the repository (its prefix, its package). */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_(package_|lifecycle_|command$|config_(local_prefix|call|yes)$)/i.test(key)) delete env[key];
  return env;
}

/** Runs a command without blocking this process (the test's HTTP server lives here), in the cleaned environment. */
const run = (command: string, args: string[], cwd: string): Promise<CliResult> => runAsync(command, args, cwd, childEnv());

/** Runs a Node script in the app folder and parses the one JSON line it prints. */
async function runScript(app: string, file: string, args: string[] = []): Promise<Record<string, unknown>> {
  const r = await run(process.execPath, [file, ...args], app);
  expect(r.code, `${file} failed:\n${r.stdout}${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Every string target of an `exports` map. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  return exports && typeof exports === 'object' ? Object.values(exports).flatMap(exportTargets) : [];
}

const USE_CJS = `
const client = require('reflib/client');
const { createFileCache } = require('reflib/client/file-cache');
const [baseUrl, cacheDir] = process.argv.slice(2);
(async () => {
  const reader = client.createClient({ baseUrl, cache: createFileCache(cacheDir) });
  const found = await reader.entry('aaaa0001');
  const moved = await reader.entry('0badc0de');
  const refused = await reader.entry('not-hex').catch((e) => (e instanceof client.ClientError ? e.code : String(e)));
  console.log(JSON.stringify({
    exports: Object.keys(client).sort(),
    resolved: require.resolve('reflib/client'),
    found: { id: found.id, title: found.entry.title, version: found.version, stale: found.stale },
    moved: { id: moved.id, redirected: moved.redirected },
    refused,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

const USE_ESM = `
import { createRequire } from 'node:module';
import * as root from 'reflib';
import { ClientError, createClient } from 'reflib/client';
import * as browser from 'reflib/client/browser';
import { createFileCache } from 'reflib/client/file-cache';

const require = createRequire(import.meta.url);
const [baseUrl] = process.argv.slice(2);
const viaImport = await createClient({ baseUrl }).entry('aaaa0001');
const viaBundle = await browser.createClient({ baseUrl }).entry('aaaa0001');
const refused = await browser.createClient({ baseUrl }).entry('not-hex').catch((e) => (e instanceof browser.ClientError ? e.code : String(e)));
console.log(JSON.stringify({
  resolved: { client: import.meta.resolve('reflib/client'), browser: import.meta.resolve('reflib/client/browser'), fileCache: import.meta.resolve('reflib/client/file-cache') },
  sameClientError: ClientError === require('reflib/client').ClientError,
  sameAsRoot: root.ClientError === ClientError && root.createClient === createClient,
  sameFileCache: createFileCache === require('reflib/client/file-cache').createFileCache,
  viaImport: { title: viaImport.entry.title, version: viaImport.version },
  viaBundle: { title: viaBundle.entry.title, version: viaBundle.version },
  refused,
}));
`;

/** A TypeScript consumer: it must type-check with no error, and its @ts-expect-error lines prove the types are real, not `any`. */
const CONSUMER_TS = `
import { ClientError, createClient, type ClientErrorCode } from 'reflib/client';
import { createFileCache } from 'reflib/client/file-cache';

const client = createClient({ baseUrl: 'http://x' });
createClient({ baseUrl: 'http://x', cache: createFileCache('.cache') });

/** An entry's title, or 'tampered' when it failed verification. */
export async function title(id: string): Promise<string> {
  try {
    const { entry } = await client.entry(id);
    return entry.title;
  } catch (error) {
    if (error instanceof ClientError && error.code === 'integrity') return 'tampered';
    throw error;
  }
}

export const code: ClientErrorCode = 'network';
// @ts-expect-error: not one of the client's codes
export const wrong: ClientErrorCode = 'no-such-code';
// @ts-expect-error: baseUrl is required
createClient({});
`;

const BROWSER_TS = `
import { createClient as createBrowserClient } from 'reflib/client/browser';
export const browserClient = createBrowserClient({ baseUrl: 'https://cdn.example.org/reflib/' });
`;

/** strict, no @types at all (a browser app has none), the DOM library for fetch. */
const tsconfig = (module: string, moduleResolution: string) =>
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: 'es2022', lib: ['es2022', 'dom'], types: [] },
    files: ['ts/consumer.ts', 'ts/consumer.mts'],
  });

describe('the packed package, installed in a fresh folder', () => {
  const made: string[] = [];
  let packed: string[] = [];
  let app = '';
  let installMode = '';
  let fixture: DistFixture;
  let server: RunningServer | undefined;
  const installed = (rel: string) => path.join(app, 'node_modules/reflib', rel);

  beforeAll(async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'reflib-pack-'));
    made.push(work);
    // lib/ is already compiled: --ignore-scripts keeps `prepare` from compiling again while other tests read lib/.
    const pack = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], REPO);
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packed = info.files.map((f) => f.path);

    app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'reflib-consumer', version: '1.0.0', private: true }));
    // The npm cache already holds every dependency, so this needs no network. A cache with the
    // tarballs but not the registry's metadata for them (npm ci can go by the lockfile alone)
    // fails offline with ENOTCACHED: then ask the registry only for what is missing.
    const tarball = path.join(work, info.filename);
    for (const mode of ['--offline', '--prefer-offline']) {
      const install = await run('npm', ['install', mode, '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);
      if (install.code === 0) {
        installMode = mode;
        break;
      }
      if (mode === '--prefer-offline' || !/ENOTCACHED/.test(install.stderr)) throw new Error(`npm install ${mode} failed:\n${install.stdout}${install.stderr}`);
    }

    fixture = makeDist();
    made.push(fixture.root);
    server = await serve({ cwd: fixture.root, port: 0 });
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('is installed outside the repository, from the tarball', () => {
    expect(['--offline', '--prefer-offline']).toContain(installMode);
    expect(path.relative(REPO, app).startsWith('..')).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies.reflib).toMatch(/^file:.*reflib-0\.1\.0\.tgz$/);
  });

  it('ships the compiled client, its ESM entries and the browser bundle, and no build state or tests', () => {
    for (const file of ['lib/client/index.js', 'lib/client/index.d.ts', 'lib/client/index.mjs', 'lib/client/index.d.mts', 'lib/client/createFileCache.mjs', 'lib/index.mjs', 'lib/browser/client.mjs', 'lib/browser/client.mjs.map', 'lib/browser/client.d.mts']) {
      expect(packed).toContain(file);
    }
    const buildState = /(^|\/)\.tsbuildinfo$|\.test\.|(^|\/)(tests|tools|node_modules)\//;
    // TypeScript source belongs in the repository; the package has its compiled form (examples/ may be written in it).
    const source = (p: string) => /(?<!\.d)\.[mc]?ts$/.test(p) && !p.startsWith('examples/');
    expect(packed.filter((p) => buildState.test(p) || source(p))).toEqual([]);
  });

  it('ships examples/ whole', () => {
    const walk = (dir: string): string[] =>
      readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? (d.name === 'node_modules' ? [] : walk(`${dir}/${d.name}`)) : [`${dir}/${d.name}`]));
    const examples = walk('examples').filter((p) => !/\.test\./.test(p));
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.filter((p) => !packed.includes(p))).toEqual([]);
  });

  it('has a file behind every target of its exports map', () => {
    const pkg = JSON.parse(readFileSync(installed('package.json'), 'utf8')) as { exports: unknown };
    const targets = exportTargets(pkg.exports);
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => !packed.includes(t.replace(/^\.\//, '')))).toEqual([]);
  });

  it('works from CommonJS require: reads and verifies an entry, with the file cache from its own subpath', async () => {
    const cache = path.join(app, 'cache');
    writeFileSync(path.join(app, 'use.cjs'), USE_CJS);
    const out = await runScript(app, 'use.cjs', [server!.url, cache]);
    expect(out).toEqual({
      exports: ['ClientError', 'IntegrityError', 'createClient', 'createMemoryCache', 'sha256Hex'],
      resolved: installed('lib/client/index.js'),
      found: { id: 'aaaa0001', title: 'Stress and magnesium', version: '1.1.0', stale: false },
      moved: { id: 'cccc0001', redirected: true },
      refused: 'invalid-id',
    });
    expect(readdirSync(cache).length).toBeGreaterThan(0);
  }, 60_000);

  it('works from ESM import, with the same classes as require (no dual-package hazard), and through the browser bundle', async () => {
    writeFileSync(path.join(app, 'use.mjs'), USE_ESM);
    const out = await runScript(app, 'use.mjs', [server!.url]);
    const url = (rel: string) => new URL(`file://${installed(rel)}`).href;
    expect(out).toEqual({
      resolved: { client: url('lib/client/index.mjs'), browser: url('lib/browser/client.mjs'), fileCache: url('lib/client/createFileCache.mjs') },
      sameClientError: true,
      sameAsRoot: true,
      sameFileCache: true,
      viaImport: { title: 'Stress and magnesium', version: '1.1.0' },
      viaBundle: { title: 'Stress and magnesium', version: '1.1.0' },
      refused: 'invalid-id',
    });
  }, 60_000);

  it('has a browser bundle with nothing from Node in it', () => {
    const bundle = readFileSync(installed('lib/browser/client.mjs'), 'utf8');
    expect(bundle.startsWith('/*! reflib 0.1.0')).toBe(true);
    expect(bundle).toMatch(/^export \{[^}]*\bcreateClient\b/m);
    expect(bundle).not.toMatch(/\brequire\s*\(/);
    expect(bundle).not.toMatch(/['"`]node:/);
    expect(bundle).not.toMatch(/^import /m);
  });

  it.each([
    ['nodenext', 'nodenext', 'nodenext', { 'consumer.ts': 'lib/client/index.d.ts', 'consumer.mts': 'lib/client/index.d.mts' }],
    ['node16', 'node16', 'node16', { 'consumer.ts': 'lib/client/index.d.ts', 'consumer.mts': 'lib/client/index.d.mts' }],
    ['bundler', 'preserve', 'bundler', { 'consumer.ts': 'lib/client/index.d.mts', 'consumer.mts': 'lib/client/index.d.mts' }],
  ])('type-checks a strict TypeScript consumer with moduleResolution %s, with the types for require and import', async (name, module, moduleResolution, expected) => {
    mkdirSync(path.join(app, 'ts'), { recursive: true });
    writeFileSync(path.join(app, 'ts/consumer.ts'), CONSUMER_TS);
    writeFileSync(path.join(app, 'ts/consumer.mts'), CONSUMER_TS + BROWSER_TS);
    writeFileSync(path.join(app, `tsconfig.${name}.json`), tsconfig(module, moduleResolution));
    const r = await run(process.execPath, [TSC, '-p', `tsconfig.${name}.json`, '--traceResolution', '--listFiles'], app);
    expect(r.code, (r.stdout + r.stderr).split('\n').filter((l) => /error TS/.test(l)).join('\n')).toBe(0);
    // Which declaration file each consumer got for 'reflib/client'.
    const got: Record<string, string> = {};
    for (const m of r.stdout.matchAll(/======== Resolving module 'reflib\/client' from '([^']+)'\. ========[\s\S]*?======== Module name 'reflib\/client' was successfully resolved to '([^']+)'/g)) {
      got[path.basename(m[1])] = path.relative(installed('.'), m[2]).split(path.sep).join('/');
    }
    expect(got).toEqual(expected);
    // The client's types pull in no other package's (no axios, no @types/node): only TypeScript's own libraries and reflib.
    const files = r.stdout.split('\n').filter((l) => l.startsWith('/') && /\.d\.m?ts$/.test(l));
    expect(files.some((f) => f.startsWith(installed('lib/')))).toBe(true);
    expect(files.filter((f) => !f.startsWith(installed('lib/')) && !f.includes('/node_modules/typescript/lib/'))).toEqual([]);
  }, 120_000);

  it("type-checks the README's worked example as written, against the installed package", async () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const example = /A worked example: an app showing one entry\.\n\n```ts\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example).toMatch(/from 'reflib\/client'/);
    mkdirSync(path.join(app, 'readme'), { recursive: true });
    writeFileSync(path.join(app, 'readme/example.mts'), `${example}\nexport {};\n`);
    writeFileSync(
      path.join(app, 'tsconfig.readme.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] }, files: ['readme/example.mts'] }),
    );
    const r = await run(process.execPath, [TSC, '-p', 'tsconfig.readme.json'], app);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it('runs in headless Chromium: the installed reader page and browser bundle, served by reflib serve, show a signed, verified entry', async () => {
    // The fixture release, signed; the page and the client both come from the installed package.
    const key = generateKeyPairSync('ed25519').privateKey;
    const { text } = await signLatest({
      latest: { version: '1.1.0', manifest: '1.1.0/manifest.json', manifestSha256: fixture.releases['1.1.0'].manifestSha256 },
      counter: 1,
      ...signingTimes(new Date(), 30),
      keys: [key],
    });
    fixture.corrupt('latest.signed.json', text);
    const own = await serve({ cwd: fixture.root, port: 0, packageRoot: installed('.') });
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      expect(own.readerProblem).toBeUndefined();
      const served = await fetch(`${own.url}_reflib/client.mjs`).then((r) => r.text());
      expect(served).toBe(readFileSync(installed('lib/browser/client.mjs'), 'utf8'));
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
      await page.goto(`${own.readerUrl}?entry=aaaa0001&key=${encodeURIComponent((await publicKeyInfo(key)).publicKey)}`);
      await expect.poll(() => page.locator('main h1').innerText()).toBe('Stress and magnesium');
      expect(await page.locator('.banner-verified').innerText()).toMatch(/^Origin verified: the release metadata is signed with a key this app trusts\.$/);
      expect(await page.locator('.banner-stale').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await own.close();
    }
  }, 120_000);
});
