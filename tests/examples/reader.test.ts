/**
 * The reference reader page (examples/reader/) in headless Chromium
 * (Debian's `chromium` driven by playwright-core), served by `reflib serve`
 * from a release built from a copy of the real library plus one planted
 * entry whose text holds markup. The page loads the browser build of the
 * client from /_reflib/client.mjs, shows an entry with its citations'
 * verification status, conflict-of-interest caveats and notices, says
 * plainly that the origin is not verified without a key, shows the stale
 * banner when the server fails after a first load, shows a ClientError's
 * code, never runs the planted markup, and logs no console error.
 * A screenshot is kept in test-artifacts/reader.png.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/commands/build';
import { serve, type RunningServer } from '../../scripts/commands/serve';
import { REPO } from '../support/fixtures';
import { CHROMIUM_ARGS, chromiumPath, plantedEntry } from '../support/chromiumPath';

const CHROMIUM = chromiumPath();
const SCREENSHOT = path.join(REPO, 'test-artifacts/reader.png');
const CLIENT_BUILD = path.join(REPO, 'lib/browser/client.mjs');
const SCRIPT = "<img src=x onerror='window.__pwned=true'><script>window.__pwned = true</script>";

const PLANTED = plantedEntry(SCRIPT, 'published', 'Markup in an entry');

// Run inside the page; declared here because the project compiles without the DOM library.
declare const window: { __pwned?: boolean };
declare const document: { documentElement: { lang: string }; activeElement: { tagName: string } | null };

/** A library copied from the repository (plus `extra` files), built into its own dist/. */
async function builtLibrary(extra: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-reader-'));
  try {
    cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
    cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
    for (const [rel, text] of Object.entries(extra)) writeFileSync(path.join(root, rel), text);
    const sign = env.REFLIB_SIGNING_KEY !== undefined;
    const r = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1795000000', ...env }, ...(sign ? { sign } : {}) });
    if (r.exitCode !== 0) throw new Error(r.output);
    return root;
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** Opens pages and records every console error, page error and failed request. */
function pageOpener(browser: () => Browser, problems: string[]) {
  return async (url: string): Promise<Page> => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Every request completes: one the client left unread would show as aborted here.
    page.on('requestfailed', (r) => problems.push(`request failed: ${new URL(r.url()).pathname} ${r.failure()?.errorText ?? ''}`));
    await page.goto(url);
    return page;
  };
}

const heading = (page: Page) => page.locator('main h1');

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CLIENT_BUILD)) throw new Error(`${CLIENT_BUILD} is missing: npm run compile writes it`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the reader page, served by reflib serve, in headless Chromium', () => {
  let root: string;
  let server: RunningServer;
  const problems: string[] = [];
  const open = pageOpener(() => browser, problems);

  beforeAll(async () => {
    root = await builtLibrary({ 'entries/misconceptions/planted.yaml': PLANTED });
    server = await serve({ cwd: root, port: 0 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('is served at /_reflib/reader/ and says nothing is missing', () => {
    expect(server.readerUrl).toBe(`${server.url}_reflib/reader/`);
    expect(server.readerProblem).toBeUndefined();
  });

  it('shows an entry with its citations’ verification status, the conflict-of-interest caveat, and the unverified-origin banner', async () => {
    const page = await open(`${server.readerUrl}?entry=033c7bbb`);
    await expect.poll(() => heading(page).innerText()).toBe('Stress and magnesium: the vicious circle');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe('Stress and magnesium: the vicious circle · reflib reader');

    // Citations, each with what its verification value says and no more.
    const pickering = page.locator('.reference', { hasText: 'Pickering G, et al. Magnesium Status and Stress' });
    // The lock only has this paper from others' citations: the page says exactly that, and what the build recorded.
    expect(await pickering.locator('.verification').innerText()).toMatch(/^Corroborated only Not checked on PubMed/);
    expect(await pickering.locator('.verification-note').innerText()).toMatch(/^Not checked against PubMed\. Seen only where others cite the paper/);
    expect(await pickering.locator('.coi').innerText()).toMatch(/^Conflict of interest declared: Sanofi\. “The review was funded in part by Sanofi[^”]*\.”$/);
    const wienecke = page.locator('.reference', { hasText: 'Wienecke E' });
    expect(await wienecke.locator('.verification').innerText()).toMatch(/^Corroborated only Not checked on PubMed/);
    expect(await wienecke.locator('.coi').innerText()).toBe('Funding and conflicts of interest: not checked yet.');
    expect(await page.locator('.reference', { hasText: 'Fact Sheet for Health Professionals' }).locator('.verification').innerText()).toMatch(/^Web source Accessed 2026-11-23; web pages are not checked against PubMed/);
    expect(await page.locator('.badge', { hasText: /^Verified$/ }).count()).toBe(0);

    // The funding caveat comes first among the caveats and names the sponsor.
    const funding = page.locator('.caveat-funding');
    expect(await funding.count()).toBe(1);
    expect(await funding.innerText()).toMatch(/^Funding and conflicts of interest: The main review behind this entry .* was funded in part by Sanofi/);
    expect(await page.locator('.caveats > li').first().getAttribute('class')).toBe('caveat caveat-funding');

    // Origin: no key was given, so the page says the origin is not verified; the data is current.
    expect(await page.locator('.banner-unverified').innerText()).toBe(
      'Origin not verified: this app was not given a signing key. Every file matched the release’s hashes, but nothing proves who published the release.',
    );
    expect(await page.locator('.banner-verified').count()).toBe(0);
    expect(await page.locator('.banner-stale').count()).toBe(0);
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(await page.locator('footer').innerText()).toContain('Release 1.0.0.');

    // The list: every published entry (20 and the planted one), grouped by kind, the shown one marked.
    expect(await page.locator('#entries a[data-entry]').count()).toBe(21);
    expect(await page.locator('#entries h3').allTextContents()).toEqual(['Topics', 'Form comparisons', 'Interactions', 'Population cautions', 'Misconceptions']);
    expect(await page.locator('#entries a[aria-current="page"]').innerText()).toBe('Stress and magnesium: the vicious circle');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('follows inline links in the page, and back', async () => {
    const page = await open(`${server.readerUrl}?entry=033c7bbb`);
    await expect.poll(() => heading(page).innerText()).toBe('Stress and magnesium: the vicious circle');
    // `[[3ca17b72|magnesium form comparison]]` in the "Choosing a form" section; `[[7e7eb745]]` shows the target's title.
    expect(await page.locator('a.xref[data-entry="7e7eb745"]').first().innerText()).toBe('Magnesium supplements and kidney disease');
    await page.locator('section', { hasText: 'Choosing a form' }).locator('a.xref', { hasText: 'magnesium form comparison' }).click();
    await expect.poll(() => heading(page).innerText()).toBe('Magnesium forms compared');
    expect(new URL(page.url()).searchParams.get('entry')).toBe('3ca17b72');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect((await page.locator('.form h3').allInnerTexts()).filter((t) => /^L-threonate \(magnesium L-threonate\)( ?\[\d+\])*$/.test(t))).toHaveLength(1);
    await page.goBack();
    await expect.poll(() => heading(page).innerText()).toBe('Stress and magnesium: the vicious circle');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows the PubMed notices of a cited paper that the editors have not yet assessed', async () => {
    const page = await open(`${server.readerUrl}?entry=03c978d6`);
    await expect.poll(() => heading(page).innerText()).toBe('Magnesium and sleep');
    const hausenblas = page.locator('.reference', { hasText: 'Hausenblas HA' });
    expect(await hausenblas.locator('.notice').innerText()).toBe('Erratum (PMID 40567408): PubMed lists this notice; the editors have not yet said what it changes.');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows an entry’s markup as text and never runs it', async () => {
    const page = await open(`${server.readerUrl}?entry=abcdef12`);
    await expect.poll(() => heading(page).innerText()).toBe(`${SCRIPT} Planted`);
    expect(await page.locator('.summary').innerText()).toBe(`A planted entry whose summary holds ${SCRIPT} as text.`);
    expect(await page.locator('a.xref', { hasText: `the stress topic ${SCRIPT}` }).getAttribute('data-entry')).toBe('033c7bbb');
    // Anywhere in the page (the CSP alone would stop an inline script running, so look for the elements).
    expect(await page.locator('img, svg, iframe, script:not([src])').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.locator('#entries a', { hasText: `${SCRIPT} Planted` }).count()).toBe(1);
    await page.close();
    expect(problems).toEqual([]);
  });

  it.each([
    ['ffffffff', 'unknown-entry', 'release 1.0.0 has no entry ffffffff'],
    ['nope', 'invalid-id', 'nope'],
  ])('shows the ClientError of ?entry=%s in the error panel (%s)', async (id, code, message) => {
    const page = await open(`${server.readerUrl}?entry=${id}`);
    await expect.poll(() => heading(page).innerText()).toBe('This entry cannot be shown');
    expect(await page.locator('#error .error-code').innerText()).toBe(code);
    expect(await page.locator('#error .error-message').innerText()).toContain(message);
    expect(await page.locator('#entries a[data-entry]').count()).toBe(21);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows invalid-option for a malformed ?key=, and loads nothing', async () => {
    const page = await open(`${server.readerUrl}?key=nonsense`);
    await expect.poll(() => heading(page).innerText()).toBe('The library could not be loaded');
    expect(await page.locator('#error .error-code').allInnerTexts()).toEqual(['invalid-option']);
    expect(await page.locator('#error .error-message').innerText()).toContain('publicKeys');
    expect(await page.locator('#entries p').innerText()).toBe('Not loaded: see the error.');
    expect(await page.locator('.banner').count()).toBe(0);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows the stale banner, with its reason, when the server fails after the first load', async () => {
    const page = await open(`${server.readerUrl}?entry=033c7bbb`);
    await expect.poll(() => heading(page).innerText()).toBe('Stress and magnesium: the vicious circle');
    expect(await page.locator('.banner-stale').count()).toBe(0);
    // From now on latest.json fails; the page's client has verified copies of it and the manifest.
    let failed = 0;
    await page.route('**/latest.json', (route) => {
      failed++;
      return route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable\n' });
    });
    await page.locator('#entries a[data-entry="7e7eb745"]').click();
    await expect.poll(() => heading(page).innerText()).toBe('Magnesium supplements and kidney disease');
    expect(failed).toBeGreaterThan(0);
    expect(await page.locator('.banner-stale').innerText()).toBe(
      'Stale data: the server could not be reached or gave no usable reply, so this is the last verified copy (release 1.0.0). It may be out of date. Reason: unavailable.',
    );
    expect(await page.locator('.banner-unverified').count()).toBe(1);
    expect(await page.locator('.reference').count()).toBeGreaterThan(0);
    await page.close();
    // The browser logs each 503 as a failed resource; nothing else may appear.
    const rest = problems.splice(0).filter((p) => !/^console error: Failed to load resource: the server responded with a status of 503/.test(p));
    expect(rest).toEqual([]);
  });

  it('takes a screenshot', async () => {
    const page = await open(`${server.readerUrl}?entry=033c7bbb`);
    await expect.poll(() => heading(page).innerText()).toBe('Stress and magnesium: the vicious circle');
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
  });
}, 120_000);

describe('the reader page on a signed release', () => {
  let root: string;
  let server: RunningServer;
  const problems: string[] = [];
  const open = pageOpener(() => browser, problems);
  const pair = generateKeyPairSync('ed25519');
  /** `ed25519:` and the raw 32-byte public key in base64: the last 32 bytes of its SPKI DER. */
  const publicKey = (key = pair.privateKey) => `ed25519:${createPublicKey(key).export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64')}`;

  beforeAll(async () => {
    root = await builtLibrary({}, { REFLIB_SIGNING_KEY: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    server = await serve({ cwd: root, port: 0 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('says the origin is verified when given the release’s key in ?key=', async () => {
    const page = await open(`${server.readerUrl}?key=${encodeURIComponent(publicKey())}&entry=3ca17b72`);
    await expect.poll(() => heading(page).innerText()).toBe('Magnesium forms compared');
    expect(await page.locator('.banner-verified').innerText()).toBe('Origin verified: the release metadata is signed with a key this app trusts.');
    expect(await page.locator('.banner-unverified').count()).toBe(0);
    expect(await page.locator('footer').innerText()).toMatch(/Release 1\.0\.0 \(signed metadata valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\./);
    // Links between entries keep the key.
    expect(new URL((await page.locator('#entries a[data-entry="033c7bbb"]').getAttribute('href')) ?? '', server.url).searchParams.get('key')).toBe(publicKey());
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows unknown-key in the error panel for a key that did not sign the release', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const page = await open(`${server.readerUrl}?key=${encodeURIComponent(publicKey(other))}&entry=3ca17b72`);
    await expect.poll(() => heading(page).innerText()).toBe('This entry cannot be shown');
    expect(await page.locator('#error .error-code').first().innerText()).toBe('unknown-key');
    expect(await page.locator('.banner-verified').count()).toBe(0);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('without a key, reads latest.json and says the origin is not verified', async () => {
    const page = await open(`${server.readerUrl}?entry=3ca17b72`);
    await expect.poll(() => heading(page).innerText()).toBe('Magnesium forms compared');
    expect(await page.locator('.banner-unverified').innerText()).toMatch(/^Origin not verified: this app was not given a signing key\./);
    await page.close();
    expect(problems).toEqual([]);
  });
}, 120_000);
