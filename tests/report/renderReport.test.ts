/**
 * The rendered site, from a copy of the real library with planted entries:
 * a draft whose title and prose hold markup, an entry that fails its schema,
 * a retired entry, a declared conflict of interest that is not surfaced, a
 * retracted citation, and a topic whose sources carry every field the
 * report shows (declarations by status with where they were read, industry
 * ties, one with markup in its party, notices read and unread, English
 * titles, notes for readers, a figure without a citation). Every page is
 * checked for escaping, structure and working links; the pages are checked
 * for what reviewers need to see. renderReferences is also given a resolved
 * reference the build would refuse (javascript: and data: URLs), which must
 * never become links.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { status } from '../../scripts/commands/pubmed/status';
import { collectReportData, type ReportData } from '../../scripts/report/collectReportData';
import { renderReferences } from '../../scripts/report/renderReferences';
import { renderReport } from '../../scripts/report/renderReport';
import { REPO } from '../support/fixtures';
import { FEATURES, FEATURES_ID, TIE_PARTY } from '../support/plantedSources';

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
      sources: [{url: "https://example.org/coi", accessed: 2026-12-06}]
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

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function plantedLibrary(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-report-'));
  roots.push(root);
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  const lock = JSON.parse(readFileSync(path.join(REPO, 'pubmed-lock.json'), 'utf8'));
  // PubMed lists a retraction for one cited paper (dinicolantonio2018, cited only by the HRV topic).
  lock.records['29387426'].retractions = [{ pmid: '99999999' }];
  writeFileSync(path.join(root, 'pubmed-lock.json'), JSON.stringify(lock, null, 2));
  writeFileSync(path.join(root, 'entries/misconceptions/planted.yaml'), PLANTED);
  writeFileSync(path.join(root, 'entries/topics/invalid.yaml'), INVALID);
  writeFileSync(path.join(root, 'entries/misconceptions/retired.yaml'), RETIRED);
  writeFileSync(path.join(root, 'entries/topics/planted-features.yaml'), FEATURES);
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
      'entries/abcdef12.html', 'entries/abcdef13.html', 'entries/abcdef14.html', 'entries/abcdef15.html', 'entries/b55fb877.html', 'entries/bb204eec.html', 'entries/c3a72c9c.html',
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
    // The lock's record has all eight authors; the citation shows six, then "et al".
    expect(text(html)).toContain('Pickering G, Mazur A, Trousselard M, Bienkowski P, Yaltsewa N, Amessou M, et al. Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients. 2020;12(12):3672.');
    // The record was copied by hand from a named page: nothing claims a check on PubMed that nobody recorded.
    expect(html).toContain('<span class="badge b-warn" title="Matches a record a person copied by hand from a named page, on the date the lock gives; not fetched from PubMed.">Transcribed</span>');
    expect(html).not.toContain('>Verified<');
    expect(html).not.toContain('Hand-checked');
    expect(html).toContain('Conflict of interest: Sanofi');
    // Where the declaration was read, each page linked by its host, with the date.
    expect(text(html)).toMatch(/Read at 47\.251\.13\.51:8081 on 2026-12-06 \(Conflict of interest statement, .*\); pmc\.ncbi\.nlm\.nih\.gov on 2026-12-06 \(.*\); www\.mdpi\.com on 2026-12-06 \(affiliations: .*\)\. Checked 2026-12-06\./);
    expect(html).toContain('<a href="https://www.mdpi.com/2072-6643/12/12/3672" rel="noopener noreferrer" title="https://www.mdpi.com/2072-6643/12/12/3672">www.mdpi.com</a>');
    // A German study cited by its page: English title, note for readers, no declaration found, and an industry tie.
    expect(text(html)).toContain('English title: Long-term HRV analysis shows stress reduction by magnesium intake');
    expect(text(html)).toContain("Note for readers: A German paper; the English title is the publisher's.");
    expect(text(html)).toContain('None found; looked for at: link.springer.com on 2026-12-06 (abstract page; no declaration shown). Checked 2026-12-06.');
    expect(text(html)).toMatch(/Industry tie: saluto — The website saluto\.de calls this paper "our new study" .* \(seen at www\.saluto\.de on 2026-12-06\)/);
    // A structured duration ({value: 90, unit: day}), in words.
    expect(text(html)).toContain('Duration90 days');
    expect(text(html)).toContain('Linked from');
  });

  it.each([
    ['entries/3ca17b72.html', ['The forms at a glance', 'Magnesium L-threonate', '250 mg per 3 g of salt', 'Erratum', 'Erratum (PMID 40567408): A correction to this paper was published in June 2025', 'original abstract. Not read yet', 'COI: none foundIndustry tie: ThreoTech']],
    ['entries/03c978d6.html', ['Figures without a citation', '17 minutes — Restates the Mah 2021 result', 'None found; looked for at: 47.251.13.51:8081 on 2026-12-06', 'Industry tie: ThreoTech — Co-author Jennifer Gu']],
    ['entries/7e7eb745.html', ['Who this is for', 'eGFR < 30 mL/min/1.73 m2', 'High severity', 'What to do']],
    ['entries/0e8eec19.html', ['What interacts', 'ashwagandha', 'What happens']],
    ['entries/db38cbbf.html', ['The claim', 'Verdict: Incorrect', 'What the evidence says', 'Corrects']],
    ['entries/0e40c0c4.html', ['Retracted', 'PubMed lists a retraction (PMID 99999999) that this entry does not acknowledge.', 'Erratum (PMID 29634047): The correction notice itself has not been read.', 'Not read yet']],
  ])('%s shows %j', (name, phrases) => {
    const shown = text(files.get(name)!);
    for (const p of phrases) expect(shown).toContain(p);
  });

  it('shows every field of a source: declaration by status with where it was read, ties, notices read and unread, English title, note for readers, figures without a citation', () => {
    const html = files.get(`entries/${FEATURES_ID}.html`)!;
    const refs = html.slice(html.indexOf('id="references"'), html.indexOf('</ol>', html.indexOf('id="references"')));
    const [, paper, page, quiet, plain] = refs.split('<li id="ref-');
    // The article: its English title and note for readers, and the editors' own note, marked as never shipped.
    expect(text(paper)).toContain('English title: The planted English title');
    expect(text(paper)).toContain('Note for readers: A planted note for readers.');
    expect(text(paper)).toContain('Editor’s note (not shown to readers): A planted note for editors only.');
    // Declared, read at a page; a tie whose party holds markup, as text; a notice read, and one not read.
    expect(paper).toContain('>Conflict of interest: Planted Pharma</span>');
    expect(paper).toContain(`<span class="badge b-warn" title="a co-author is its head of research">Industry tie: &lt;b&gt;Acme&lt;/b&gt; Labs &lt;img src=x onerror=&#39;window.__pwned=true&#39;&gt;</span>`);
    expect(text(paper)).toContain('Read at example.org on 2026-12-06 (Funding section). Checked 2026-12-06.');
    expect(text(paper)).toContain(`Industry tie: ${TIE_PARTY} — a co-author is its head of research (seen at example.org on 2026-12-05)`);
    expect(text(paper)).toContain("Erratum (PMID 11111111): It corrects a table; nothing cited here changes. Read on 2026-12-04 at example.org (the notice's page).");
    expect(paper).toContain('Expression of concern</strong> (PMID 22222222): Not read yet, so what it changes is not known. <span class="badge b-warn" title="No editor has read this notice; readers are shown it, and told it has not been read.">Not read yet</span>');
    // A study cited by its page: none found (muted, and not "not checked"), where it was looked for, and a tie.
    expect(page).toContain('<span class="badge b-muted" title="Looked for: no funding or conflict-of-interest statement was found where it should be. The pages searched are listed below.">COI: none found</span>');
    expect(page).not.toContain('not checked');
    expect(text(page)).toContain("English title: A planted study");
    expect(text(page)).toContain("None found; looked for at: example.org on 2026-12-06 (the publisher's page); copies.example.net on 2026-12-06. Checked 2026-12-06.");
    expect(text(page)).toContain('Industry tie: Tie Corp — its website hosts the study (seen at tiecorp.example.com on 2026-12-06; news page)');
    // None declared, read at a page; a page with no declaration shows none.
    expect(text(quiet)).toContain('No conflict declared');
    expect(text(quiet)).toContain('Read at example.org on 2026-12-06. Checked 2026-12-06.');
    expect(text(plain)).not.toMatch(/conflict|COI|Industry tie/i);
    // The figure given without a citation, with its reason, in its own section.
    const figures = html.slice(html.indexOf('id="editorial-figures"'), html.indexOf('</section>', html.indexOf('id="editorial-figures"')));
    expect(text(figures)).toContain('17 minutes — A planted figure, restated from the planted paper <i>as text</i>.');
    expect(html).not.toContain('id="field-editorial_figures"');
    expect(html).not.toContain('<i>');
  });

  it('says "COI: none found" for a declaration looked for and not found, and "not checked" otherwise, both muted', () => {
    const refs = (coi: unknown) => renderReferences([{ key: 'k', type: 'article', pmid: 1, citation: 'A paper.', verification: 'verified', coi }], undefined);
    expect(refs({ status: 'not-found', sources: [{ url: 'https://example.org/', accessed: '2026-12-06' }] })).toContain('<span class="badge b-muted" title="Looked for: no funding or conflict-of-interest statement was found where it should be. The pages searched are listed below.">COI: none found</span>');
    expect(refs({ status: 'not-checked' })).toContain('<span class="badge b-muted" title="Nobody has looked up this paper’s funding statement yet.">Conflict of interest not checked</span>');
    // A status this report does not know counts as not checked.
    expect(refs({ status: 'under-review' })).toContain('>Conflict of interest not checked</span>');
    expect(refs({ status: 'none-declared' })).toContain('<span class="badge b-muted">No conflict declared</span>');
  });

  it('never links a URL that is not http(s), in a declaration’s sources, a tie’s source or a notice’s reading, and shows it as text', () => {
    const hostile = 'javascript:alert(document.domain)';
    const html = renderReferences(
      [
        {
          key: 'k',
          type: 'article',
          pmid: 1,
          citation: 'A paper.',
          verification: 'verified',
          coi: {
            status: 'declared',
            sponsors: ['Acme'],
            sources: [{ url: hostile, accessed: '2026-12-06', note: '<b>bold</b>' }, { url: 'https://example.org/coi', accessed: '2026-12-06' }],
            ties: [{ party: '<script>x()</script>', relation: 'r', source: { url: ' JavaScript:alert(1)', accessed: '2026-12-06' } }],
          },
          notices: [{ type: 'erratum', pmid: 2, note: 'n', read: { url: 'data:text/html,<script>x()</script>', accessed: '2026-12-07' } }],
        },
      ],
      undefined,
    );
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://example.org/coi']);
    expect(html).toContain(`<span class="mono">${hostile}</span> on 2026-12-06 (&lt;b&gt;bold&lt;/b&gt;)`);
    expect(html).toContain('<span class="mono"> JavaScript:alert(1)</span>');
    expect(html).toContain('<span class="mono">data:text/html,&lt;script&gt;x()&lt;/script&gt;</span>');
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt; — r');
    expect(html).not.toMatch(/<script|<b>/);
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
      // The planted topic also acknowledges an erratum and an expression of concern for 33260549 that the lock does not list.
      Corrected: having('corrected') + 1,
    });
    expect(counts.Corrected).toBeGreaterThan(0);
  });

  it('lists each declared conflict of interest and whether it reaches readers', () => {
    const section = html().slice(html().indexOf('id="coi"'), html().indexOf('id="diagnostics"'));
    const rows = [...section.matchAll(/<tr><td>.*?<\/tr>/g)].map((m) => text(m[0]));
    expect(rows).toHaveLength(data.coi.length);
    expect(rows.filter((r) => r.includes('Not surfaced'))).toEqual([expect.stringContaining('Acme <b>Pharma</b>')]);
    // The real library surfaces every declared conflict and tie (its build would refuse otherwise).
    expect(rows.filter((r) => r.includes('Surfaced“'))).toHaveLength(data.coi.length - 1);
    expect(rows.some((r) => r.includes('Sanofi'))).toBe(true);
    // Declarations with where they were read; ties, with where each was seen, and a party with markup as text.
    expect(rows.find((r) => r.includes('as pickering2020') && r.includes('Stress and magnesium'))).toMatch(/Read at 47\.251\.13\.51:8081 on 2026-12-06; pmc\.ncbi\.nlm\.nih\.gov on 2026-12-06; www\.mdpi\.com on 2026-12-06Declared Sanofi/);
    expect(rows.find((r) => r.includes('as hausenblas2024') && r.includes('Magnesium and sleep'))).toMatch(/^.*Industry tie \(not in the paper's own declaration\): Co-author Jennifer Gu .*Seen at www\.nutraceuticalsworld\.com on 2026-12-06Industry tie ThreoTech/);
    expect(rows.filter((r) => r.includes(`Industry tie ${TIE_PARTY}`))).toEqual([expect.stringContaining('Seen at example.org on 2026-12-05')]);
    expect(section).toContain('href="https://www.nutraceuticalsworld.com/contents/view_breaking-news/2024-09-04/magnesium-l-threonate-improves-sleep-quality-clinical-study/1554"');
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
