/**
 * The report in a real browser: headless Chromium (Debian's `chromium`
 * package) driven by playwright-core, on a report made from a copy of the
 * real library plus one planted entry whose title and text hold a script.
 * Pages load with no console errors and no request beyond file://, links
 * between entries work, the planted script never runs and shows as text,
 * graph highlighting works on hover without JavaScript, and a screenshot of
 * the dashboard is kept in test-artifacts/.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../../scripts/commands/report';
import { REPO } from '../support/fixtures';
import { CHROMIUM_ARGS, chromiumPath, plantedEntry } from '../support/chromiumPath';

const CHROMIUM = chromiumPath();
const SCRIPT = '<script>window.__pwned = true</script>';
const SCREENSHOT = path.join(REPO, 'test-artifacts/report-dashboard.png');

const PLANTED = plantedEntry(SCRIPT, 'draft', 'A script in an entry');

// Run inside the page; declared here because the project compiles without the DOM library.
declare const window: { __pwned?: boolean };
declare const document: { documentElement: { lang: string }; scripts: { length: number } };
declare function getComputedStyle(element: unknown): { opacity: string };

// Chromium comes from Debian's package; `npm test` installs it first when missing (scripts/ensure-chromium.sh).


describe('the report in headless Chromium', () => {
  let browser: Browser;
  let root: string | undefined;
  let site: string;
  const problems: string[] = [];

  const open = async (rel: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(`${rel}: console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`${rel}: page error: ${e.message}`));
    page.on('request', (r) => !r.url().startsWith('file://') && problems.push(`${rel}: request to ${r.url()}`));
    page.on('requestfailed', (r) => problems.push(`${rel}: failed to load ${r.url()}`));
    await page.goto(pathToFileURL(path.join(site, rel)).href);
    return page;
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'reflib-browser-'));
    cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
    cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
    writeFileSync(path.join(root, 'entries/misconceptions/planted.yaml'), PLANTED);
    site = (await report({ cwd: root })).outDir;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('loads every page with no console error and no request beyond the report', async () => {
    const pages = ['index.html', 'graph.html', ...['033c7bbb', '3ca17b72', '7e7eb745', 'abcdef12'].map((id) => `entries/${id}.html`)];
    for (const rel of pages) {
      const page = await open(rel);
      expect(await page.locator('h1').count(), rel).toBe(1);
      expect(await page.evaluate(() => document.documentElement.lang), rel).toBe('en');
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('follows links between entries: from the dashboard, from prose and from the graph', async () => {
    const page = await open('index.html');
    await page.locator('#entries a.xref[href="entries/033c7bbb.html"]').click();
    await page.waitForURL(/\/entries\/033c7bbb\.html$/);
    expect(await page.locator('h1').innerText()).toBe('Stress and magnesium: the vicious circle');

    // An inline [[3ca17b72|…]] link in the topic's prose.
    await page.locator('main .prose a.xref[href="3ca17b72.html"]').first().click();
    await page.waitForURL(/\/entries\/3ca17b72\.html$/);
    expect(await page.locator('h1').innerText()).toBe('Magnesium forms compared');

    // An entry in the SVG graph, and the breadcrumb back.
    await page.locator('svg.rg a.node[href="7e7eb745.html"]').click();
    await page.waitForURL(/\/entries\/7e7eb745\.html$/);
    expect(await page.locator('h1').innerText()).toBe('Magnesium supplements and kidney disease');
    await page.locator('nav.crumbs a', { hasText: 'Dashboard' }).click();
    await page.waitForURL(/\/index\.html$/);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('never runs the planted script, and shows it as text', async () => {
    for (const rel of ['index.html', 'graph.html', 'entries/abcdef12.html', 'entries/033c7bbb.html']) {
      const page = await open(rel);
      expect(await page.evaluate(() => window.__pwned), rel).toBeUndefined();
      expect(await page.evaluate(() => document.scripts.length), rel).toBe(0);
      await page.close();
    }
    const page = await open('entries/abcdef12.html');
    expect(await page.locator('h1').innerText()).toBe(`${SCRIPT} Planted`);
    await expect.poll(() => page.getByText(`A script in an entry ${SCRIPT} runs in the page.`).isVisible()).toBe(true);
    expect(await page.locator('a.xref', { hasText: `the stress topic ${SCRIPT}` }).getAttribute('href')).toBe('033c7bbb.html');
    expect(await page.getByText('Draft: not published.').isVisible()).toBe(true);
    await page.close();
    const dashboard = await open('index.html');
    expect(await dashboard.locator('#entries a.xref', { hasText: `${SCRIPT} Planted` }).isVisible()).toBe(true);
    await dashboard.close();
    expect(problems).toEqual([]);
  });

  it('highlights an entry’s neighbours in the graph on hover, with CSS alone', async () => {
    const page = await open('graph.html');
    const opacity = (href: string) => page.locator(`svg.rg a.node[href="${href}"]`).evaluate((el) => Number(getComputedStyle(el).opacity));
    expect(await opacity('entries/0e8eec19.html')).toBe(1);
    // Hover the kidney-disease caution: the stress topic links to it, the ashwagandha interaction does not.
    await page.locator('svg.rg a.node[href="entries/7e7eb745.html"] circle').hover();
    await expect.poll(() => opacity('entries/033c7bbb.html')).toBe(1);
    await expect.poll(() => opacity('entries/0e8eec19.html')).toBeLessThan(0.5);
    await page.mouse.move(0, 0);
    await expect.poll(() => opacity('entries/0e8eec19.html')).toBe(1);
    await page.close();
  });

  it('takes a screenshot of the dashboard', async () => {
    const page = await open('index.html');
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    expect(problems).toEqual([]);
  });
}, 120_000);
