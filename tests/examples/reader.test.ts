/**
 * The reference reader page (examples/reader/) in headless Chromium
 * (Debian's `chromium` driven by playwright-core), served by `reflib serve`
 * from a release built from a copy of the real library plus two planted
 * entries: one whose text holds markup, and one whose sources carry every
 * field a reader is shown (English titles, notes for readers, declarations
 * by status with where they were read, industry ties, notices read and
 * unread, figures given without a citation). That second entry is then
 * rewritten in the built release, and the release re-sealed, to hold what
 * the build would refuse (`javascript:` and `data:` URLs, an unknown
 * declaration status): what a compromised publisher of an unsigned release
 * could serve. The page loads the browser build of the client from
 * /_reflib/client.mjs, shows an entry with its citations' verification
 * status, conflict-of-interest caveats and notices, says plainly that the
 * origin is not verified without a key, shows the stale banner when the
 * server fails after a first load, shows a ClientError's code, never runs
 * the planted markup, never links a URL that is not http(s), and logs no
 * console error. A screenshot is kept in test-artifacts/reader.png.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../scripts/bundle/canonicalJson';
import { sha256 } from '../../scripts/bundle/sha256';
import { build } from '../../scripts/commands/build';
import { serve, type RunningServer } from '../../scripts/commands/serve';
import { REPO } from '../support/fixtures';
import { CHROMIUM_ARGS, chromiumPath, plantedEntry } from '../support/chromiumPath';
import { FEATURES, FEATURES_ID, TIE_PARTY } from '../support/plantedSources';

const CHROMIUM = chromiumPath();
const SCREENSHOT = path.join(REPO, 'test-artifacts/reader.png');
const CLIENT_BUILD = path.join(REPO, 'lib/browser/client.mjs');
const SCRIPT = "<img src=x onerror='window.__pwned=true'><script>window.__pwned = true</script>";

const PLANTED = plantedEntry(SCRIPT, 'published', 'Markup in an entry');

/** What the build refuses, planted after it in the features topic's sources. */
const JS_URL = 'javascript:window.__pwned=true';
const DATA_URL = 'data:text/html,<script>window.__pwned=true</script>';

type Json = Record<string, any>;

/**
 * Changes entry `id` in the release that `root`'s dist/latest.json names,
 * and re-seals the release: the entry's file and library.json rewritten, their
 * hashes and the entry's content hash in the manifest, the manifest's hash in
 * latest.json. What anyone able to publish an unsigned release could serve.
 */
function reseal(root: string, id: string, change: (entry: Json) => void): void {
  const dist = path.join(root, 'dist');
  const read = (rel: string): Json => JSON.parse(readFileSync(path.join(dist, rel), 'utf8'));
  const latest = read('latest.json');
  const dir = latest.version as string;
  const manifest = read(`${dir}/manifest.json`);
  const file = read(`${dir}/entries/${id}.json`);
  change(file.entry);
  const library = read(`${dir}/library.json`);
  library.entries = library.entries.map((e: Json) => (e.id === id ? file.entry : e));
  const write = (rel: string, value: unknown): string => {
    const text = canonicalJson(value);
    writeFileSync(path.join(dist, dir, rel), text);
    if (rel !== 'manifest.json') manifest.files[rel] = { sha256: sha256(text), size: Buffer.byteLength(text) };
    return text;
  };
  write(`entries/${id}.json`, file);
  write('library.json', library);
  manifest.entries[id].contentHash = sha256(canonicalJson(file.entry));
  latest.manifestSha256 = sha256(write('manifest.json', manifest));
  writeFileSync(path.join(dist, 'latest.json'), canonicalJson(latest));
}

/** What the build refuses, planted in the features entry: non-http(s) URLs where links go, and a declaration status no app knows. */
function plantHostile(entry: Json): void {
  const [paper, page, , plain] = entry.references;
  paper.coi.sources.push({ url: JS_URL, accessed: '2026-12-06', note: 'a hostile address' });
  paper.notices.push({ type: 'retraction', pmid: 33333333, note: 'A planted notice read at a data: address.', read: { url: DATA_URL, accessed: '2026-12-07' } });
  page.coi.ties[0].source.url = JS_URL;
  plain.coi = { status: 'under-review', sources: [{ url: JS_URL, accessed: '2026-12-06' }] };
}

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
    root = await builtLibrary({ 'entries/misconceptions/planted.yaml': PLANTED, 'entries/topics/planted-features.yaml': FEATURES });
    reseal(root, FEATURES_ID, plantHostile);
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
    const pickering = page.locator('.reference', { hasText: 'Pickering G, Mazur A, Trousselard M, Bienkowski P, Yaltsewa N, Amessou M, et al. Magnesium Status and Stress' });
    // The lock's record was copied by hand from a named page: the page says exactly that, and what the build recorded.
    expect(await pickering.locator('.verification').innerText()).toBe('Transcribed Copied by hand from a named page; not fetched from PubMed.');
    expect(await pickering.locator('.verification-note').innerText()).toMatch(/^Matches a record a person copied by hand\. Copied by hand from https:\/\/pmc\.ncbi\.nlm\.nih\.gov\/articles\/PMC7761127\/ on 2026-12-06/);
    expect(await pickering.locator('.coi-status').innerText()).toMatch(/^Conflict of interest declared: Sanofi\. Three of the eight authors [^.]*\./);
    // Where the declaration was read, each page with its date; links show the host.
    expect(await pickering.locator('.coi-sources').innerText()).toMatch(/^Read at 47\.251\.13\.51:8081 on 2026-12-06 \(Conflict of interest statement, .*\); pmc\.ncbi\.nlm\.nih\.gov on 2026-12-06 \(author list and affiliations; .*\); www\.mdpi\.com on 2026-12-06 \(affiliations: .*\)\.$/);
    expect(await pickering.locator('.coi-sources a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      'http://47.251.13.51:8081/33260549',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC7761127/',
      'https://www.mdpi.com/2072-6643/12/12/3672',
    ]);
    // A German study cited by its publisher's page: its English title, the editors' note, no declaration found, and an industry tie.
    const wienecke = page.locator('.reference', { hasText: 'Langzeit-HRV-Analyse' });
    expect(await wienecke.locator('.verification').innerText()).toMatch(/^Web source Accessed 2026-12-06; web pages are not checked against PubMed/);
    expect(await wienecke.locator('.title-english').innerText()).toBe('English title: Long-term HRV analysis shows stress reduction by magnesium intake');
    expect(await wienecke.locator('.reader-note').innerText()).toMatch(/^Note from the editors: A German paper; the English title is the publisher's\./);
    expect(await wienecke.locator('.coi-status').innerText()).toBe('No funding or conflict-of-interest statement was found in the pages checked: link.springer.com on 2026-12-06 (abstract page; no declaration shown).');
    expect(await wienecke.locator('.coi-tie').innerText()).toMatch(/^Industry tie: saluto — The website saluto\.de calls this paper "our new study" .* \(www\.saluto\.de, 2026-12-06\)$/);
    // A page that is no study has no declaration to show.
    const ods = page.locator('.reference', { hasText: 'Fact Sheet for Health Professionals' });
    expect(await ods.locator('.verification').innerText()).toMatch(/^Web source Accessed 2026-11-23; web pages are not checked against PubMed/);
    expect(await ods.locator('.coi').count()).toBe(0);
    expect(await page.locator('.badge', { hasText: /^Verified$/ }).count()).toBe(0);

    // The funding caveats come first among the caveats, and the first names the sponsor.
    const funding = page.locator('.caveat-funding');
    expect(await funding.count()).toBe(3);
    expect(await funding.first().innerText()).toMatch(/^Funding and conflicts of interest: The main review behind this entry .* was funded in part by Sanofi/);
    expect(await page.locator('.caveats > li').evaluateAll((items) => items.slice(0, 3).map((li) => li.getAttribute('class')))).toEqual(['caveat caveat-funding', 'caveat caveat-funding', 'caveat caveat-funding']);

    // Origin: no key was given, so the page says the origin is not verified; the data is current.
    expect(await page.locator('.banner-unverified').innerText()).toBe(
      'Origin not verified: this app was not given a signing key. Every file matched the release’s hashes, but nothing proves who published the release.',
    );
    expect(await page.locator('.banner-verified').count()).toBe(0);
    expect(await page.locator('.banner-stale').count()).toBe(0);
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(await page.locator('footer').innerText()).toContain('Release 1.0.0.');

    // The list: every published entry (20 and the two planted ones), grouped by kind, the shown one marked.
    expect(await page.locator('#entries a[data-entry]').count()).toBe(22);
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

  it('shows a notice the editors recorded but have not read, saying so', async () => {
    const page = await open(`${server.readerUrl}?entry=03c978d6`);
    await expect.poll(() => heading(page).innerText()).toBe('Magnesium and sleep');
    const hausenblas = page.locator('.reference', { hasText: 'Hausenblas HA' });
    expect(await hausenblas.locator('.notice').innerText()).toMatch(/^Erratum \(PMID 40567408\): A correction to this paper was published in June 2025 .*original abstract\.\s+Not yet read by the editors\.$/);
    expect(await hausenblas.locator('.notice-unread').innerText()).toBe('Not yet read by the editors.');
    // No declaration was found; an industry tie was, outside it.
    expect(await hausenblas.locator('.coi-status').innerText()).toMatch(/^No funding or conflict-of-interest statement was found in the pages checked: 47\.251\.13\.51:8081 on 2026-12-06 \(.*\); www\.library\.kab\.ac\.ug on 2026-12-06 \(DOAJ record: abstract and authors, no declaration\)\.$/);
    expect(await hausenblas.locator('.coi-tie').innerText()).toMatch(/^Industry tie: ThreoTech — Co-author Jennifer Gu .* \(www\.nutraceuticalsworld\.com, 2026-12-06\)$/);
    // The editors' figure without a citation, with their reason.
    expect(await page.locator('section', { has: page.locator('h2', { hasText: 'Figures without a citation' }) }).locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^17 minutes — Restates the Mah 2021 result/)]);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows every new field of a source: English title, note for readers, declaration by status with where it was read, ties, notices read and unread, figures without a citation', async () => {
    const page = await open(`${server.readerUrl}?entry=${FEATURES_ID}`);
    await expect.poll(() => heading(page).innerText()).toBe('Planted sources with every field');
    const [paper, studie, quiet, plain] = [1, 2, 3, 4].map((n) => page.locator(`#ref-${n}`));

    // The article: English title, the note for readers (the editors' own note is never shipped), its declaration and where it was read.
    expect(await paper.locator('.title-english').innerText()).toBe('English title: The planted English title');
    expect(await paper.locator('.reader-note').innerText()).toBe('Note from the editors: A planted note for readers.');
    expect(await paper.innerText()).not.toContain('A planted note for editors only.');
    expect(await paper.locator('.coi').getAttribute('class')).toBe('coi coi-declared');
    expect(await paper.locator('.coi-status').innerText()).toBe('Conflict of interest declared: Planted Pharma. Funded by Planted Pharma.');
    // The planted javascript: address is shown as text, in full, and is no link.
    expect(await paper.locator('.coi-sources').innerText()).toBe(`Read at example.org on 2026-12-06 (Funding section); ${JS_URL} on 2026-12-06 (a hostile address).`);
    expect(await paper.locator('.coi-sources a').evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('title'), a.textContent]))).toEqual([
      ['https://example.org/declaration', 'https://example.org/declaration', 'example.org'],
    ]);
    // A tie whose party holds markup: text, never elements.
    expect(await paper.locator('.coi-tie').innerText()).toBe(`Industry tie: ${TIE_PARTY} — a co-author is its head of research (example.org, 2026-12-05)`);
    expect(await paper.locator('.coi-tie a').getAttribute('href')).toBe('https://example.org/affiliations');
    // Notices: read (where and when), not read (said so), and one "read" at a data: address, which is no link.
    expect(await paper.locator('.notice').allInnerTexts()).toEqual([
      'Erratum (PMID 11111111): It corrects a table; nothing cited here changes.\nRead on 2026-12-04: example.org (the notice\'s page).',
      'Expression of concern (PMID 22222222): Not read yet, so what it changes is not known.\nNot yet read by the editors.',
      `Retraction (PMID 33333333): A planted notice read at a data: address.\nRead on 2026-12-07: ${DATA_URL}.`,
    ]);
    expect(await paper.locator('.notice a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://example.org/erratum']);

    // A study cited by its page: English title, note, no declaration found (and where it was looked for), and a tie whose source is a javascript: address.
    expect(await studie.locator('.title-english').innerText()).toBe('English title: A planted study');
    expect(await studie.locator('.reader-note').innerText()).toBe('Note from the editors: A planted note about the page.');
    expect(await studie.locator('.coi').getAttribute('class')).toBe('coi coi-not-found');
    expect(await studie.locator('.coi-status').innerText()).toBe(
      "No funding or conflict-of-interest statement was found in the pages checked: example.org on 2026-12-06 (the publisher's page); copies.example.net on 2026-12-06.",
    );
    expect(await studie.locator('.coi-status a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://example.org/studie', 'https://copies.example.net/studie.pdf']);
    expect(await studie.locator('.coi-sources').count()).toBe(0);
    expect(await studie.locator('.coi-tie').innerText()).toBe(`Industry tie: Tie Corp — its website hosts the study (${JS_URL}, 2026-12-06; news page)`);
    expect(await studie.locator('.coi-tie a').count()).toBe(0);

    // None declared, with where that was read; and a status no app knows, shown as not checked.
    expect(await quiet.locator('.coi-status').innerText()).toBe('The authors declare no conflict of interest.');
    expect(await quiet.locator('.coi-sources').innerText()).toBe('Read at example.org on 2026-12-06.');
    expect(await plain.locator('.coi').getAttribute('class')).toBe('coi coi-not-checked');
    expect(await plain.locator('.coi').innerText()).toBe('Funding and conflicts of interest: not checked yet.');

    // The figure given without a citation, with the reason, as text.
    const figures = page.locator('section', { has: page.locator('h2', { hasText: 'Figures without a citation' }) });
    expect(await figures.locator('li').allInnerTexts()).toEqual(['17 minutes — A planted figure, restated from the planted paper <i>as text</i>.']);

    // Nothing planted became markup or ran, and every link in the entry is http(s) or within the page.
    expect(await page.locator('img, svg, iframe, script:not([src]), i, b').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => !/^(https?:\/\/|#ref-\d+$|\/_reflib\/reader\/\?)/.test(href))).toEqual([]);
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
    expect(await page.locator('#entries a[data-entry]').count()).toBe(22);
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
