/**
 * `reflib report` on a generated library of a few thousand entries, through
 * the command: it completes, writes a page per entry, and draws a bounded
 * number of entries on every page, however large the library.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { report } from '../../../scripts/commands/report';
import { OVERVIEW_HUBS } from '../../../scripts/report/overviewGraph';
import { MAX_NEIGHBOURS } from '../../../scripts/report/renderReport';
import { tempDir } from '../../support/fixtures';

const ENTRIES = 2500;
const TOPICS = 250;
const REF = 'references:\n  - key: ods\n    type: web\n    title: Magnesium fact sheet\n    url: https://ods.od.nih.gov/x\n    accessed: 2026-11-23\n';
const id = (n: number) => `a${n.toString(16).padStart(7, '0')}`;

/** Topics linking misconceptions and each other inline; misconceptions correcting a topic and related to three others (as the link benchmark does). */
function generatedLibrary(): string {
  const root = tempDir('reflib-report-large-');
  mkdirSync(path.join(root, 'entries'));
  for (let n = 0; n < ENTRIES; n++) {
    const head = `id: ${id(n)}\ntitle: Entry ${n}\nstatus: ${n % 50 === 7 ? 'draft' : 'published'}\nupdated: 2026-11-23\nsummary: A generated entry for the report at scale.\n`;
    let text: string;
    if (n < TOPICS) {
      const myths = Array.from({ length: 9 }, (_, k) => id(TOPICS + ((n * 9 + k) % (ENTRIES - TOPICS))));
      const inline = Array.from({ length: 3 }, (_, k) => `[[${id((n + k + 1) % TOPICS)}]]`).join(' and ');
      text = `${head}kind: topic\noverview: >-\n  See ${inline}.\nmisconceptions: [${myths.join(', ')}]\nguidance:\n  - text: x\n    cite: [ods]\n${REF}`;
    } else {
      const related = Array.from({ length: 3 }, (_, k) => id(TOPICS + ((n + k + 1) % (ENTRIES - TOPICS))));
      text = `${head}kind: misconception\nclaim: x\nverdict: incorrect\ncorrection: y\ncorrects: ${id(n % TOPICS)}\nrelated: [${related.join(', ')}]\ncite: [ods]\n${REF}`;
    }
    writeFileSync(path.join(root, 'entries', `${id(n)}.yaml`), text);
  }
  return root;
}

const svgOf = (html: string) => html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
const nodesIn = (svg: string) => (svg.match(/<(a|g) class="node /g) ?? []).length;

describe('reflib report on a large library', () => {
  it('completes, with a page per entry and a bounded drawing on every page', { timeout: 120_000 }, async () => {
    const root = generatedLibrary();
    const result = await report({ cwd: root });
    expect(result.output).toMatch(new RegExp(`^Wrote the QA report: ${ENTRIES + 2} pages, ${ENTRIES} entries, \\d+ errors,`));
    const out = result.outDir;
    const pages = readdirSync(path.join(out, 'entries'));
    expect(pages).toHaveLength(ENTRIES);
    for (const page of ['index.html', 'graph.html']) {
      const svg = svgOf(readFileSync(path.join(out, page), 'utf8'));
      // The most-linked entries, and a node for the topics and one for the misconceptions.
      expect(nodesIn(svg), page).toBeLessThanOrEqual(OVERVIEW_HUBS + 2);
      expect(svg, page).toMatch(/\d more topics/);
      expect(svg, page).toMatch(/\d more misconceptions/);
    }
    let drawn = 0;
    for (const page of pages) {
      const n = nodesIn(svgOf(readFileSync(path.join(out, 'entries', page), 'utf8')));
      expect(n, page).toBeLessThanOrEqual(MAX_NEIGHBOURS);
      drawn += n;
    }
    expect(drawn).toBeGreaterThan(ENTRIES);
    expect(drawn).toBeLessThanOrEqual(ENTRIES * MAX_NEIGHBOURS);
  });
});
