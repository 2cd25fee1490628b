/**
 * The rendered site, from a copy of the real library with planted entries:
 * a draft whose title and prose hold markup, an entry that fails its schema,
 * a retired entry, a declared conflict of interest that is not surfaced and
 * a retracted citation. Every page is checked for escaping, structure and
 * working links; the pages are checked for what reviewers need to see.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { status } from '../../scripts/commands/pubmed/status';
import { collectReportData, type ReportData } from '../../scripts/report/collectReportData';
import { renderReport } from '../../scripts/report/renderReport';
import { REPO } from '../support/fixtures';

const SCRIPT = '<script>window.__pwned = true</script>';
const ESCAPED = '&lt;script&gt;window.__pwned = true&lt;/script&gt;';

const PLANTED = `id: abcdef12
kind: misconception
title: "${SCRIPT} Planted title"
status: draft
updated: 2026-11-23
summary: "A planted entry whose text holds ${SCRIPT} markup."
claim: "Script tags ${SCRIPT} run in reports."
verdict: incorrect
correction: >-
  They do not: see [[033c7bbb|${SCRIPT}]] and [[3ca17b72]].
corrects: 033c7bbb
cite: [planted2020]
caveats:
  - type: safety
    text: "<img src=x onerror=alert(1)> is text too."
references:
  - key: planted2020
    type: article
    pmid: 33260549
    first_author: Pickering G
    year: 2020
    title: "Magnesium Status and Stress: The Vicious Circle Concept Revisited"
    journal: Nutrients
    coi:
      status: declared
      sponsors: ["Acme <b>Pharma</b>"]
      statement: Funded by Acme.
`;

const INVALID = `id: abcdef13
kind: topic
title: A topic that fails its schema
status: draft
updated: 2026-11-23
sumary: A typo for summary, so this entry does not match its schema.
references: []
`;

const RETIRED = `id: abcdef14
kind: misconception
title: An old myth, retired
status: retired
replaced_by: db38cbbf
updated: 2026-11-23
summary: An earlier version of the more-is-better myth, kept for its ID.
claim: More is better.
verdict: incorrect
correction: Above the upper limit it causes diarrhoea.
cite: [ods]
references:
  - key: ods
    type: web
    title: Magnesium fact sheet
    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/
    accessed: 2026-11-23
`;

function plantedLibrary(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-report-'));
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  const lock = JSON.parse(readFileSync(path.join(REPO, 'pubmed-lock.json'), 'utf8'));
  // PubMed lists a retraction for one cited paper (ghaly2004, cited by the HRV topic).
  lock.records['15650465'].retractions = [{ pmid: '99999999' }];
  writeFileSync(path.join(root, 'pubmed-lock.json'), JSON.stringify(lock, null, 2));
  writeFileSync(path.join(root, 'entries/misconceptions/planted.yaml'), PLANTED);
  writeFileSync(path.join(root, 'entries/topics/invalid.yaml'), INVALID);
  writeFileSync(path.join(root, 'entries/misconceptions/retired.yaml'), RETIRED);
  return root;
}

async function collect(root: string): Promise<ReportData> {
  return collectReportData(await checkLibrary(root), { rootHref: '../..', releases: [], documentedRules: new Set(['coi-unsurfaced']) });
}

/** Text with tags removed and the five entities decoded, as a reader sees it. */
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

let root: string;
let data: ReportData;
let files: Map<string, string>;

beforeAll(async () => {
  root = plantedLibrary();
  data = await collect(root);
  files = renderReport(data);
});

describe('the rendered report: every page', () => {
  it('has a dashboard, a graph page and one page per entry with a valid ID', () => {
    expect([...files.keys()].sort()).toEqual([
      'entries/033c7bbb.html', 'entries/03c978d6.html', 'entries/0e40c0c4.html', 'entries/0e8eec19.html', 'entries/105d2ae1.html', 'entries/2d41ae2c.html',
      'entries/3ca17b72.html', 'entries/41f0f7e4.html', 'entries/46fe4ab6.html', 'entries/752d4bbe.html', 'entries/7e7eb745.html', 'entries/88c62921.html',
      'entries/abcdef12.html', 'entries/abcdef13.html', 'entries/abcdef14.html', 'entries/b55fb877.html', 'entries/bb204eec.html', 'entries/c3a72c9c.html',
      'entries/d31140d9.html', 'entries/db38cbbf.html', 'entries/e40c7fc3.html', 'entries/e6f9e63a.html', 'entries/edfdda67.html',
      'graph.html', 'index.html',
    ]);
  });

  it('is a complete document with a language, a strict content security policy and no script at all', () => {
    for (const [name, html] of files) {
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">'), name).toBe(true);
      expect(html, name).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
      expect(html.toLowerCase(), name).not.toMatch(/<script|<img|<iframe|<object|<embed|<link |@import|url\(|javascript:|<[^>]*\son[a-z]+=/);
      expect(html.trimEnd().endsWith('</html>'), name).toBe(true);
    }
  });

  it('uses each id once', () => {
    for (const [name, html] of files) {
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), name).toEqual([]);
    }
  });

  it('has exactly one h1, and headings that never skip a level', () => {
    for (const [name, html] of files) {
      const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
      expect(levels.filter((l) => l === 1), name).toHaveLength(1);
      expect(levels[0], name).toBe(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1], `${name}: h${levels[i - 1]} then h${levels[i]}`).toBeLessThanOrEqual(1);
    }
  });

  it('links only to pages and anchors that exist, or to the sources', () => {
    const ids = new Map([...files].map(([name, html]) => [name, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))]));
    for (const [name, html] of files) {
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
        if (/^(https?|mailto):/.test(href)) continue;
        const [file, anchor] = href.split('#');
        const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(name), file)) : name;
        if (target.startsWith('../')) {
          // Source files and rule pages, outside the report folder (rootHref is ../..).
          expect(target, `${name} → ${href}`).toMatch(/^\.\.\/\.\.\/(entries\/.+\.ya?ml|docs\/rules\/[a-z-]+\.md)$/);
          continue;
        }
        expect(files.has(target), `${name} → ${href}`).toBe(true);
        if (anchor && !/^L\d+$/.test(anchor)) expect(ids.get(target)!.has(anchor), `${name} → ${href}`).toBe(true);
      }
    }
  });

  it('is the same, byte for byte, for the same sources in another folder', async () => {
    const again = renderReport(await collect(plantedLibrary()));
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [name, html] of files) expect(again.get(name), name).toBe(html);
  });
});

describe('the planted entry', () => {
  const page = () => files.get('entries/abcdef12.html')!;

  it('shows markup in its title and prose as text', () => {
    expect(page()).toContain(`<title>${ESCAPED} Planted title · reflib QA report</title>`);
    expect(page()).toContain(`<h1>${ESCAPED} Planted title</h1>`);
    expect(page()).toContain(`Script tags ${ESCAPED} run in reports.`);
    expect(page()).toContain(`<a class="xref" href="033c7bbb.html">${ESCAPED}</a>`);
    expect(page()).toContain('&lt;img src=x onerror=alert(1)&gt; is text too.');
    expect(page()).not.toContain(SCRIPT);
    for (const [name, html] of files) expect(html, name).not.toContain(SCRIPT);
    expect(files.get('index.html')).toContain(`${ESCAPED} Planted title`);
  });

  it('is marked as a draft, with its unsurfaced conflict of interest up front', () => {
    expect(page()).toContain('<strong>Draft: not published.</strong>');
    expect(page()).toContain('<section class="callout danger" id="funding" aria-labelledby="funding-h"><h2 id="funding-h">Funding and conflicts of interest</h2>');
    const funding = page().slice(page().indexOf('id="funding"'), page().indexOf('id="findings"'));
    expect(text(funding)).toContain('Not surfaced: planted2020 declares Acme <b>Pharma</b> (“Funded by Acme.”), but no funding caveat cites it and names the sponsor.');
  });

  it('lists its findings, linked to the file and line', () => {
    expect(page()).toMatch(/<a class="loc mono" href="\.\.\/\.\.\/\.\.\/entries\/misconceptions\/planted\.yaml#L\d+">/);
    expect(text(page())).toContain('coi-unsurfaced');
  });
});

describe('entry pages', () => {
  it('render a topic as readers see it: sections, inline links, numbered citations, funding caveat first', () => {
    const html = files.get('entries/033c7bbb.html')!;
    expect(html).toContain('<h1>Stress and magnesium: the vicious circle</h1>');
    expect(html.indexOf('id="funding"')).toBeLessThan(html.indexOf('id="overview"'));
    expect(html).toContain('class="callout funding"');
    expect(text(html)).toContain('funded in part by Sanofi');
    expect(html).toContain('<a class="xref" href="3ca17b72.html">magnesium form comparison</a>');
    expect(html).toContain('<a class="xref" href="7e7eb745.html">Magnesium supplements and kidney disease</a>');
    expect(html).toMatch(/<h3>stress → magnesium loss <span class="cites">\[<a href="#ref-1"/);
    expect(text(html)).toContain('Pickering G, et al. Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients. 2020;12(12):3672.');
    // The seed's records are corroborated: nothing claims a check on PubMed that nobody recorded.
    expect(html).toContain('<span class="badge b-warn" title="Seen only where others cite the paper; never checked against PubMed&#39;s record.">Corroborated only</span>');
    expect(html).not.toContain('Hand-checked');
    expect(html).toContain('Conflict of interest: Sanofi');
    expect(text(html)).toContain('4–8 weeks');
    expect(text(html)).toContain('Linked from');
  });

  it.each([
    ['entries/3ca17b72.html', ['The forms at a glance', 'Magnesium L-threonate', '144 mg per 1.5–2 g of salt', 'Erratum', 'PubMed lists an erratum (PMID 40567408) that this entry does not acknowledge.']],
    ['entries/7e7eb745.html', ['Who this is for', 'eGFR < 30 mL/min/1.73 m2', 'High severity', 'What to do']],
    ['entries/0e8eec19.html', ['What interacts', 'ashwagandha', 'What happens']],
    ['entries/db38cbbf.html', ['The claim', 'Verdict: Incorrect', 'What the evidence says', 'Corrects']],
    ['entries/0e40c0c4.html', ['Retracted', 'PubMed lists a retraction (PMID 99999999) that this entry does not acknowledge.']],
  ])('%s shows %j', (name, phrases) => {
    const shown = text(files.get(name)!);
    for (const p of phrases) expect(shown).toContain(p);
  });

  it('shows an entry that fails its schema as written, and says so', () => {
    const html = files.get('entries/abcdef13.html')!;
    expect(text(html)).toContain('Does not match its schema.');
    expect(text(html)).toContain('A typo for summary');
    expect(text(html)).toContain('schema');
  });

  it('shows a retired entry with a link to its replacement', () => {
    const html = files.get('entries/abcdef14.html')!;
    expect(html).toContain('<strong>Retired.</strong> Apps redirect readers to <a class="xref" href="db38cbbf.html">More magnesium is always better</a>');
  });

  it('embed the graph with the entry and its neighbours highlighted, the rest dimmed', () => {
    const html = files.get('entries/7e7eb745.html')!;
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('role="group" aria-labelledby="entry-graph-title entry-graph-desc"');
    const nodeClass = (id: string) => new RegExp(`<a class="([^"]*)" href="${id}\\.html"`).exec(svg)![1];
    expect(nodeClass('7e7eb745')).toMatch(/ focus$/);
    expect(nodeClass('033c7bbb')).toMatch(/ near$/);
    expect(nodeClass('0e8eec19')).toMatch(/ dim$/);
    expect(svg).toMatch(/<g class="edge x\d+ x\d+ hot">/);
  });
});

describe('the dashboard', () => {
  const html = () => files.get('index.html')!;

  it('counts entries by kind and status', () => {
    const row = html().match(/<tr><th scope="row"><span class="kind k-misconception">.*?<\/tr>/)![0];
    const published = readdirSync(path.join(REPO, 'entries/misconceptions')).length;
    expect([...row.matchAll(/<td class="num[^"]*">(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual([1, 0, published, 1, published + 2]);
  });

  it('counts cited papers by verification status as reflib pubmed status sees them, retracted and corrected included', async () => {
    const counts = Object.fromEntries([...html().matchAll(/<tr><th scope="row"><span class="badge [^"]*" title="[^"]*">([^<]+)<\/span><\/th><td>[^<]*<\/td><td class="num[^"]*">(\d+)<\/td><\/tr>/g)].map((m) => [m[1], Number(m[2])]));
    // An independent reading of the same lock: the standings `reflib pubmed status` lists.
    const { rows } = await status({ cwd: root, now: () => new Date('2026-11-24T00:00:00Z') });
    const having = (s: string) => rows.filter((r) => r.standings.includes(s as never)).length;
    expect(counts).toEqual({
      // Fetched from PubMed, whatever else applies.
      Verified: rows.filter((r) => !r.standings.some((x) => ['missing', 'imported', 'transcribed', 'corroborated', 'not-found'].includes(x))).length,
      Imported: having('imported'),
      Transcribed: having('transcribed'),
      'Corroborated only': having('corroborated'),
      Unverified: having('missing'),
      Mismatch: 0,
      'Not on PubMed': having('not-found'),
      Retracted: 1,
      Corrected: having('corrected'),
    });
    expect(counts.Corrected).toBeGreaterThan(0);
  });

  it('lists each declared conflict of interest and whether it reaches readers', () => {
    const section = html().slice(html().indexOf('id="coi"'), html().indexOf('id="diagnostics"'));
    const rows = [...section.matchAll(/<tr><td>.*?<\/tr>/g)].map((m) => text(m[0]));
    expect(rows).toHaveLength(data.coi.length);
    expect(rows.filter((r) => r.includes('Not surfaced'))).toEqual([expect.stringContaining('Acme <b>Pharma</b>')]);
    // The real library surfaces every declared conflict (its build would refuse otherwise).
    expect(rows.filter((r) => r.includes('Surfaced“'))).toHaveLength(data.coi.length - 1);
    expect(rows.some((r) => r.includes('Sanofi'))).toBe(true);
  });

  it('lists every diagnostic with file:line:col, severity, rule and message, linked to the source', () => {
    const section = html().slice(html().indexOf('id="diagnostics"'));
    const rows = [...section.matchAll(/<tr><td><a class="loc mono" href="([^"]+)">(.*?)<\/a><\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)];
    expect(rows).toHaveLength(data.diagnostics.length);
    data.diagnostics.forEach((d, i) => {
      const [, href, where, severity, rule] = rows[i];
      expect(href).toBe(`../../${d.file}#L${d.line}`);
      expect(text(where)).toBe(`${d.file}:${d.line}:${d.column}`);
      expect(text(severity).toLowerCase()).toBe(d.severity);
      expect(text(rule)).toBe(d.rule);
    });
    expect(section).toContain('<a class="mono rule" href="../../docs/rules/coi-unsurfaced.md">coi-unsurfaced</a>');
    expect(text(html())).toContain('reflib build would refuse:');
  });

  it('embeds the link graph, with a text alternative and hover highlighting in CSS', () => {
    const svg = html().slice(html().indexOf('<svg'), html().indexOf('</svg>'));
    expect(svg).toContain(`<title id="dash-graph-title">Link graph of the library: ${data.entries.length} entries`);
    expect(svg).toMatch(/\.rg:has\(\.n0:hover,\.n0:focus-visible\) :is\(\.node,\.edge\):not\(\.x0\)\{opacity:\.12\}/);
    expect(svg).toContain('href="entries/033c7bbb.html"');
    expect(html()).toContain('<a href="graph.html">The graph on its own page, with every link as a table</a>');
  });
});
